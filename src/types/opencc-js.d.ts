// opencc-js ships no types; this is the part of its API the platform uses.
declare module 'opencc-js' {
  export function Converter(opts: { from: string; to: string }): (s: string) => string;
}
