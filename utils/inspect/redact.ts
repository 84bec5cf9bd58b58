// What the inspector shows and exports never carries a secret: Authorization-like header values
// and private key material in bodies are replaced by a marker. Pure; applied at every boundary
// (screen, JSON export, HAR, curl).

export const REDACTED = '[redacted]';

/** Header names whose values are secrets (compared lower-case). */
export const SECRET_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
  'capability-invocation',
]);

/** Object keys whose values are private key material, wherever they appear in a body. */
const SECRET_KEY = /^(private|secret)([_-]?key\w*)?$|^(seed|mnemonic|password|passphrase|client_secret)$/i;
/** A JWK's private parts. */
const JWK_PRIVATE = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
const MAX_DEPTH = 64;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.trim().toLowerCase());
}

/** A copy of the headers with secret values replaced. Non-string values become strings. */
export function redactHeaders({ headers }: { headers: unknown }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (name === '__proto__') continue;
    out[name] = isSecretHeader(name) ? REDACTED : String(value);
  }
  return out;
}

function isJwk(value: Record<string, unknown>): boolean {
  return typeof value.kty === 'string';
}

/**
 * A deep JSON-safe copy with private key material replaced: keys named privateKey…/secretKey…/seed,
 * a JWK's private members, CryptoKey objects and anything that is not JSON (functions, cycles).
 */
export function redactBody({ value }: { value: unknown }): unknown {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
    if (typeof v === 'bigint') return v.toString();
    if (typeof v !== 'object') return undefined; // functions, symbols, undefined
    if (depth > MAX_DEPTH) return '[too deep]';
    if (seen.has(v)) return '[circular]';
    if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return REDACTED;
    seen.add(v);
    try {
      if (Array.isArray(v)) return v.map((item) => walk(item, depth + 1) ?? null);
      const record = v as Record<string, unknown>;
      const jwk = isJwk(record);
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(record)) {
        if (key === '__proto__') continue; // JSON.parse makes it an own key; assigning it would set the prototype
        if (SECRET_KEY.test(key) || (jwk && JWK_PRIVATE.includes(key))) {
          out[key] = REDACTED;
          continue;
        }
        const copy = walk(item, depth + 1);
        if (copy !== undefined) out[key] = copy;
      }
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return walk(value, 0);
}
