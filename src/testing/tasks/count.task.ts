// A task that counts the files its worker has parsed (module state survives between jobs in one worker), and spins
// when asked to, so a test can see which workers are reused.
let parsed = 0;
export default function count(_file: Buffer, options: { spin?: boolean }) {
  if (options.spin) for (;;);
  return ++parsed;
}
