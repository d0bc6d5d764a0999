/** Sandbox test task: never returns, so only the deadline ends it. */
export default function spin(): number {
  let n = 0;
  for (;;) n = (n + 1) % 7;
}
