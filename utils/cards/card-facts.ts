// What the plain card shows, read from the credential: a title, the issuer's name and image (the
// issuer's own claim, next to its DID), the subject's key facts, dates, and for Open Badges 3.0
// the achievement's image and criteria. Pure; VC 1.1 and 2.0 shapes.

export interface CardFact {
  label: string;
  value: string;
}

export interface CardFacts {
  title: string;
  description?: string;
  /** The issuer as the credential describes itself: name / image / url are its own claims. */
  issuer: { id?: string; name?: string; image?: string; url?: string };
  facts: CardFact[];
  achievement?: { name?: string; description?: string; criteria?: string; image?: string };
  validFrom?: string;
  validUntil?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const MAX_FACTS = 6;

const text = (value: unknown, max = 200): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;

/** A plain string, a language map ({en: "…"}), a {@value} object, or a list of those. */
export function localized(value: unknown, max = 200): string | undefined {
  if (typeof value === 'string') return text(value, max);
  if (Array.isArray(value)) return localized(value[0], max);
  if (isObject(value)) return text(value['@value'], max) ?? text(value.en, max) ?? localized(Object.values(value)[0], max);
  return undefined;
}

/** Only images the card can show without fetching anything: data: URLs of raster or SVG images. */
export function safeImage(value: unknown): string | undefined {
  const url = typeof value === 'string' ? value : isObject(value) ? (value.id ?? value.url) : undefined;
  if (typeof url !== 'string' || url.length > 200_000) return undefined;
  return /^data:image\/(png|jpeg|gif|webp|svg\+xml)(;[^,]*)?,/i.test(url) ? url : undefined;
}

const humanize = (key: string) =>
  /^[a-z]{2,3}$/.test(key) // sku, id, vin: abbreviations read better in capitals
    ? key.toUpperCase()
    : key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase());

const SKIP = new Set(['id', 'type', '@context', 'achievement', 'image', 'identifier', 'proof']);

function factsOf(subject: Json, depth = 0): CardFact[] {
  const facts: CardFact[] = [];
  for (const [key, value] of Object.entries(subject)) {
    if (SKIP.has(key) || key.startsWith('@')) continue;
    // a nested fact is named by its own key (owns.sku → "SKU"): the parent is already a fact
    const label = humanize(key);
    const plain = localized(value);
    if (plain !== undefined && !isObject(value)) facts.push({ label, value: plain });
    else if (typeof value === 'number' || typeof value === 'boolean') facts.push({ label, value: String(value) });
    else if (isObject(value) && depth < 1) {
      const name = localized(value.name);
      if (name) facts.push({ label, value: name });
      facts.push(...factsOf(value, depth + 1).filter((f) => !(name && f.label === 'Name')));
    }
    if (facts.length >= MAX_FACTS) break;
  }
  return facts.slice(0, MAX_FACTS);
}

export function cardFacts({ credential }: { credential: unknown }): CardFacts {
  const c = isObject(credential) ? credential : {};
  const types = (Array.isArray(c.type) ? c.type : [c.type]).filter((t): t is string => typeof t === 'string');
  const subject = (Array.isArray(c.credentialSubject) ? c.credentialSubject[0] : c.credentialSubject) as unknown;
  const s = isObject(subject) ? subject : {};
  const achievementRaw = s.achievement;
  const a = isObject(achievementRaw) ? achievementRaw : undefined;
  const issuer = isObject(c.issuer) ? c.issuer : undefined;
  const specific = types.filter((t) => t !== 'VerifiableCredential');
  const title =
    localized(c.name) ?? localized(a?.name) ??
    (specific.length ? humanize(specific[0]).replace(/ Credential$/, '') : 'Credential');
  const criteria = a && isObject(a.criteria) ? localized(a.criteria.narrative, 600) ?? text(a.criteria.id, 300) : undefined;
  return {
    title,
    ...(localized(c.description, 400) ? { description: localized(c.description, 400) } : {}),
    issuer: {
      id: text(issuer ? issuer.id : c.issuer, 500),
      ...(issuer && localized(issuer.name) ? { name: localized(issuer.name) } : {}),
      ...(issuer && safeImage(issuer.image) ? { image: safeImage(issuer.image) } : {}),
      ...(issuer && text(issuer.url) ? { url: text(issuer.url) } : {}),
    },
    facts: factsOf(s),
    ...(a
      ? {
          achievement: {
            ...(localized(a.name) ? { name: localized(a.name) } : {}),
            ...(localized(a.description, 600) ? { description: localized(a.description, 600) } : {}),
            ...(criteria ? { criteria } : {}),
            ...(safeImage(a.image) ? { image: safeImage(a.image) } : {}),
          },
        }
      : {}),
    ...(text(c.validFrom) ?? text(c.issuanceDate) ? { validFrom: text(c.validFrom) ?? text(c.issuanceDate) } : {}),
    ...(text(c.validUntil) ?? text(c.expirationDate) ? { validUntil: text(c.validUntil) ?? text(c.expirationDate) } : {}),
  };
}
