// "Delete means gone": when a credential is deleted, every copy the wallet holds goes with it.
// Approval payloads (offers, summaries), exchange states (offered / outgoing VPs) and transcript
// bodies (the VP sent, the VP received) keep a placeholder instead of the credential: the fact
// that a credential of this type was offered or sent stays, its contents do not.
import { canonicalJson, isPlainObject } from './errors';
import { issuerId } from './credential-id';

export interface RedactedCredential {
  redacted: string;
  type?: unknown;
}

export const REDACTED_NOTE = 'Deleted from the wallet by its holder; this credential was here.';

/** Is `value` a copy of `credential`: the same document, or one with the same issuer and id? */
export function credentialMatcher({ credential }: { credential: Record<string, unknown> }): (value: unknown) => boolean {
  const canonical = canonicalJson(credential);
  const id = typeof credential.id === 'string' && credential.id ? credential.id : undefined;
  const issuer = issuerId(credential);
  return (value) => {
    if (!isPlainObject(value)) return false;
    if (id && value.id === id && issuerId(value) === issuer && ('credentialSubject' in value || 'proof' in value)) return true;
    return 'credentialSubject' in value && canonicalJson(value) === canonical;
  };
}

/**
 * A copy of `value` with every match replaced by a placeholder, and whether anything was.
 * Offer entries ({credential, summary}) also lose the summary's subject id.
 */
export function redactCopies<T>({ value, matches }: { value: T; matches: (value: unknown) => boolean }): { value: T; changed: boolean } {
  let changed = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isPlainObject(node)) return node;
    if (matches(node)) {
      changed = true;
      return { redacted: REDACTED_NOTE, ...(node.type !== undefined ? { type: node.type } : {}) } satisfies RedactedCredential;
    }
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) out[key] = walk(child);
    if (matches(node.credential) && isPlainObject(out.summary)) {
      const { subjectId: _subject, ...summary } = out.summary;
      void _subject;
      out.summary = summary;
    }
    return out;
  };
  const result = walk(value) as T;
  return { value: changed ? result : value, changed };
}
