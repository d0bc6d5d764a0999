/** Time is injected (DESIGN: "Time is injected"): domain code asks a Clock, never `new Date()`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at one instant, movable by tests. */
export function fixedClock(iso: string): Clock & { set(iso: string): void; advanceMs(ms: number): void } {
  let t = new Date(iso).getTime();
  return {
    now: () => new Date(t),
    set: (v: string) => {
      t = new Date(v).getTime();
    },
    advanceMs: (ms: number) => {
      t += ms;
    },
  };
}

/** The calendar date in China (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Date and minute in China, as YYYY-MM-DD HH:MM. */
export function chinaDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}
