/** A progress bar on stderr for long commands (quiet when stderr is not a terminal, then one line per 10%). */
import cliProgress from 'cli-progress';

export function progress(label: string, total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
  }
  let done = 0;
  let lastShown = -1;
  return {
    tick(n = 1) {
      done += n;
      const pct = total ? Math.floor((done / total) * 10) * 10 : 100;
      if (pct !== lastShown) {
        lastShown = pct;
        process.stderr.write(`${label} ${pct}% (${done}/${total})\n`);
      }
    },
    stop: () => undefined,
  };
}
