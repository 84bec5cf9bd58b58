// A credential in words: name, issuer, types, dates. Pure; reads VC 1.1 and 2.0 shapes.
import type { CredentialSummary } from '../messaging';

const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;

/** A language map ({en: "…"}) or a `{@value}` object or a plain string. */
function localized(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return localized(value[0]);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return text(v['@value']) ?? text(v.en) ?? localized(Object.values(v)[0]);
  }
  return undefined;
}

function types(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((t): t is string => typeof t === 'string').slice(0, 20);
}

export function summarizeCredential({ credential }: { credential: unknown }): CredentialSummary {
  const c = (credential && typeof credential === 'object' ? credential : {}) as Record<string, unknown>;
  const typeList = types(c.type);
  const subject = (Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject) as
    | Record<string, unknown>
    | undefined;
  const achievement = subject?.achievement as Record<string, unknown> | undefined;
  const issuer = c.issuer;
  const issuerObject = issuer && typeof issuer === 'object' ? (issuer as Record<string, unknown>) : undefined;
  const specific = typeList.filter((t) => t !== 'VerifiableCredential');
  const name =
    localized(c.name) ??
    localized(achievement?.name) ??
    localized(subject?.name) ??
    (specific.length ? specific.join(', ').replace(/([a-z])([A-Z])/g, '$1 $2') : 'Credential');
  return {
    name,
    types: typeList.length ? typeList : ['VerifiableCredential'],
    issuer: {
      id: text(issuerObject ? issuerObject.id : issuer, 500),
      name: issuerObject ? localized(issuerObject.name) : undefined,
    },
    subjectId: text(subject?.id, 500),
    validFrom: text(c.validFrom) ?? text(c.issuanceDate),
    validUntil: text(c.validUntil) ?? text(c.expirationDate),
  };
}
