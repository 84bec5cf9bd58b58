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

/** Fields that name the one thing a credential is about (a product's SKU, a serial number …). */
const ABOUT_FIELDS = ['sku', 'serialNumber', 'gtin', 'productId', 'identifier', 'registrationNumber'];

/** The subject's key fact for a sentence ("Product authenticity for HB-2026-0042"): two levels deep. */
function aboutOf(subject: Record<string, unknown> | undefined): string | undefined {
  if (!subject) return undefined;
  for (const node of [subject, ...Object.values(subject).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v))]) {
    for (const field of ABOUT_FIELDS) {
      const value = text(node[field], 80);
      if (value) return value;
    }
  }
  return undefined;
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
    ...(aboutOf(subject) ? { about: aboutOf(subject) } : {}),
  };
}
