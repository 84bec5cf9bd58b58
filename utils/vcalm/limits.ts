// Bounds of one exchange. Each breach is its own named error (see errors.ts ERROR_NAMES).
export interface ExchangeLimits {
  maxSteps: number; // POSTs to the exchange endpoint (StepLimitError)
  maxRedirects: number; // redirectUrl → new interaction URL hops (RedirectLimitError)
  maxInteractHops: number; // protocols.interact → another interaction URL (RedirectLimitError)
  maxBodyBytes: number; // any reply body (BodySizeLimitError)
  requestTimeoutMs: number; // one HTTP request (TimeoutError)
  totalTimeoutMs: number; // from createExchange to the last reply, user think-time included (ExchangeTimeoutError)
}

export const DEFAULT_LIMITS: ExchangeLimits = {
  maxSteps: 16,
  maxRedirects: 4,
  maxInteractHops: 3,
  maxBodyBytes: 10 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  totalTimeoutMs: 15 * 60_000,
};

export function resolveLimits({ limits }: { limits?: Partial<ExchangeLimits> }): ExchangeLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ExchangeLimits)[]) {
    const value = limits?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`"limits.${key}" must be a non-negative number.`);
    }
    out[key] = value;
  }
  return out;
}
