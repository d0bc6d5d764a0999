/** Sandbox test task: keeps allocating until the worker's heap limit stops it. */
export default function hog(): number {
  const keep: number[][] = [];
  for (;;) keep.push(new Array<number>(1_000_000).fill(keep.length));
}
