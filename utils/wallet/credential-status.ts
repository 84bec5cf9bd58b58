// Checking credentialStatus from the background: status lists are fetched with no cookies, no
// referrer, no redirects, only from URLs the wallet's URL policy allows, with a size cap and a
// timeout; the list credential is verified (utils/crypto). Results are kept per credential with
// their time. A failed check never turns into "valid": it is "unknown (checked …)", and a
// credential once seen revoked stays revoked (revocation cannot be undone).
import { checkCredentialStatus, statusEntries, type CredentialStatusResult, type LoadStatusList } from '../crypto';
import type { StoredCredential } from '../db';
import { checkEndpointUrl, type FetchLike } from '../vcalm';
import { readCappedBytes } from '../read-capped';
import { namedError } from '../errors';
import type { CredentialStatusView, QueryView } from '../messaging';
import type { WalletContext } from './context';

/** A Bitstring list of 131,072 bits is ~16 KB before compression; anything near this cap is not a status list. */
export const MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024;
const TIMEOUT_MS = 10_000;
/** How long a stored check is fresh enough for lists and matching (opening a card always re-checks). */
export const STATUS_FRESH_MS = 5 * 60_000;

export function createStatusListLoader({ fetch = (input, init) => globalThis.fetch(input, init), maxBytes = MAX_STATUS_LIST_BYTES }: {
  fetch?: FetchLike;
  maxBytes?: number;
} = {}): LoadStatusList {
  return async ({ url }) => {
    const parsed = checkEndpointUrl({ url, what: 'status list URL' });
    let response: Response;
    try {
      response = await fetch(parsed.href, {
        method: 'GET',
        headers: { accept: 'application/vc+ld+json, application/vc, application/ld+json, application/json' },
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        redirect: 'error',
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (cause) {
      throw namedError({ name: 'NetworkError', message: `The status list at ${parsed.origin} could not be fetched: ${(cause as Error)?.message ?? cause}`, cause, requestUrl: parsed.href });
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw namedError({ name: 'NetworkError', message: `The status list at ${parsed.origin} answered HTTP ${response.status}.`, status: response.status, requestUrl: parsed.href });
    }
    const bytes = await readCappedBytes({
      response,
      maxBytes,
      tooLarge: () => namedError({ name: 'DataError', message: `The status list at ${parsed.origin} is larger than ${maxBytes} bytes.` }),
    });
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      throw namedError({ name: 'DataError', message: `The status list at ${parsed.origin} is not JSON.`, cause });
    }
  };
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A status result in words. */
export function statusView({ result }: { result: CredentialStatusResult }): CredentialStatusView {
  const details = result.entries.map((e) => {
    const what = `${e.purpose ?? 'status'} (${e.type}${e.index !== undefined ? `, index ${e.index}` : ''})`;
    if (e.error) return `${what}: could not be read — ${e.error.message}`;
    return `${what}: ${e.set ? 'set' : 'not set'}`;
  });
  const summary = {
    none: 'This credential has no status to check.',
    valid: `Not revoked or suspended (checked ${when(result.checkedAt)})`,
    revoked: 'Revoked by its issuer',
    suspended: 'Suspended by its issuer',
    unknown: `Status unknown (checked ${when(result.checkedAt)})`,
  }[result.state];
  return { state: result.state, checkedAt: result.checkedAt, summary, details };
}

/** Keeps what cannot change back: a credential seen revoked stays revoked when a later check fails. */
function merge(previous: CredentialStatusResult | undefined, fresh: CredentialStatusResult): CredentialStatusResult {
  if (previous?.state === 'revoked' && fresh.state === 'unknown') return { ...previous, checkedAt: fresh.checkedAt };
  return fresh;
}

export interface StatusChecker {
  /** Check a credential now (not stored). */
  check(options: { credential: unknown }): Promise<CredentialStatusResult>;
  /** Check a stored credential now and keep the result. */
  refresh(options: { credentialId: string; credential: unknown }): Promise<CredentialStatusResult>;
  /** The kept result, re-checked first when older than `maxAgeMs`. */
  current(options: { credentialId: string; credential: unknown; maxAgeMs?: number }): Promise<CredentialStatusResult>;
}

export function createStatusChecker({ ctx, loadStatusList }: { ctx: WalletContext; loadStatusList?: LoadStatusList }): StatusChecker {
  const load = loadStatusList ?? createStatusListLoader({ ...(ctx.fetch ? { fetch: ctx.fetch } : {}) });
  const now = () => ctx.now?.() ?? new Date();
  const check: StatusChecker['check'] = ({ credential }) => checkCredentialStatus({ credential, loadStatusList: load, now: now() });
  const refresh: StatusChecker['refresh'] = async ({ credentialId, credential }) => {
    const db = await ctx.db;
    const previous = (await db.statusChecks.get({ credentialId }))?.result;
    const result = merge(previous, await check({ credential }));
    await db.statusChecks.put({ credentialId, result });
    return result;
  };
  return {
    check,
    refresh,
    async current({ credentialId, credential, maxAgeMs = STATUS_FRESH_MS }) {
      const kept = (await (await ctx.db).statusChecks.get({ credentialId }))?.result;
      if (kept && (kept.state === 'revoked' || kept.state === 'none' || now().getTime() - Date.parse(kept.checkedAt) < maxAgeMs)) return kept;
      return refresh({ credentialId, credential });
    },
  };
}

const checkers = new WeakMap<WalletContext, StatusChecker>();

/** The context's status checker (one per context). */
export function statusCheckerFor(ctx: WalletContext): StatusChecker {
  let checker = checkers.get(ctx);
  if (!checker) {
    checker = createStatusChecker({ ctx });
    checkers.set(ctx, checker);
  }
  return checker;
}

const MAX_CANDIDATE_CHECKS = 20;

/**
 * Marks fitting candidates whose status says revoked or suspended (re-checked when the kept
 * result is stale), so the approval offers them only with a warning.
 */
export async function warnRevokedCandidates({ checker, queries, credentials }: {
  checker: StatusChecker;
  queries: QueryView[] | undefined;
  credentials: StoredCredential[];
}): Promise<QueryView[] | undefined> {
  if (!queries) return queries;
  const byId = new Map(credentials.map((c) => [c.id, c]));
  const ids = [...new Set(queries.flatMap((q) => q.candidates.filter((c) => c.fits).map((c) => c.credentialId)))]
    .filter((id) => statusEntries({ credential: byId.get(id)?.credential }).length > 0)
    .slice(0, MAX_CANDIDATE_CHECKS);
  const states = new Map<string, CredentialStatusResult>();
  await Promise.all(ids.map(async (credentialId) => {
    try {
      states.set(credentialId, await checker.current({ credentialId, credential: byId.get(credentialId)!.credential }));
    } catch {
      // a storage failure leaves the candidate without a status line; matching still works
    }
  }));
  return queries.map((q) => ({
    ...q,
    candidates: q.candidates.map((c) => {
      const state = states.get(c.credentialId)?.state;
      return state === 'revoked' || state === 'suspended'
        ? { ...c, statusWarning: `${state === 'revoked' ? 'Revoked' : 'Suspended'} by its issuer: the site will likely refuse it.` }
        : c;
    }),
  }));
}
