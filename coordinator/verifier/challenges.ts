// Single-use challenges for the verifier page: issued on request, consumed by the one
// presentation that answers them, forgotten after `ttlMs`. Bounded, so a flood of page loads
// cannot grow memory without limit.
import { randomUUID } from 'node:crypto';

export interface ChallengeStore {
  /** A new challenge for a presentation bound to `domain`. */
  issue(options: { domain: string }): { challenge: string; domain: string; expires: string };
  /** The domain, once, for a live challenge; undefined if unknown, used or expired. */
  consume(challenge: string): string | undefined;
}

export function createChallengeStore({ ttlMs = 5 * 60_000, max = 10_000, now = () => Date.now() }: {
  ttlMs?: number;
  max?: number;
  now?: () => number;
} = {}): ChallengeStore {
  const live = new Map<string, { expires: number; domain: string }>();
  const sweep = () => {
    const t = now();
    for (const [challenge, entry] of live) if (entry.expires <= t) live.delete(challenge);
    while (live.size >= max) live.delete(live.keys().next().value as string);
  };
  return {
    issue({ domain }) {
      sweep();
      const challenge = randomUUID();
      const expires = now() + ttlMs;
      live.set(challenge, { expires, domain });
      return { challenge, domain, expires: new Date(expires).toISOString() };
    },
    consume(challenge) {
      const entry = live.get(challenge);
      live.delete(challenge);
      return entry && entry.expires > now() ? entry.domain : undefined;
    },
  };
}
