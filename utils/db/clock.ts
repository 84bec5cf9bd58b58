/** ISO timestamps for records. Lists are ordered by them, so they must never tie. */
export type Clock = () => string;

/**
 * A clock that never repeats or goes back: two records made in the same millisecond (or across
 * a wall-clock step backwards) still get distinct, increasing timestamps.
 */
export function monotonicClock(): Clock {
  let last = 0;
  return () => {
    last = Math.max(Date.now(), last + 1);
    return new Date(last).toISOString();
  };
}
