import { formatValue } from './example-match';
import type { NormalizedCredentialQuery } from './normalize-request';

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Field requirements of an example as short phrases ("credentialSubject.birthCountry present"). */
function fieldPhrases(value: unknown, path: string, out: string[]): void {
  if (out.length > 8) return;
  if (value === '' || (Array.isArray(value) && !value.length) || (isObject(value) && !Object.keys(value).length)) {
    out.push(`a ${path}`);
  } else if (value === null) {
    out.push(`${path} empty`);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) fieldPhrases(v, `${path}.${k}`, out);
  } else if (Array.isArray(value)) {
    out.push(`${path} including ${value.map((v) => formatValue(v)).join(' or ')}`);
  } else {
    out.push(`${path} ${formatValue(value)}`);
  }
}

export function typeNames(example: unknown): string[] {
  if (!isObject(example)) return [];
  const types = Array.isArray(example.type) ? example.type : [example.type];
  return types.filter((t): t is string => typeof t === 'string' && t !== 'VerifiableCredential');
}

/** "a" or "an" before a word. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "a PermanentResidentCard credential with a credentialSubject.birthCountry, signed with …" */
export function describeCredentialQuery(cq: NormalizedCredentialQuery): string {
  const types = typeNames(cq.example);
  let text = types.length ? `${article(types[0])} ${types.join(' + ')} credential` : 'a credential';
  if (cq.hasExample && !isObject(cq.example)) text = 'a credential (the example is unreadable)';
  if (isObject(cq.example)) {
    const phrases: string[] = [];
    for (const [k, v] of Object.entries(cq.example)) {
      if (k !== '@context' && k !== 'type') fieldPhrases(v, k, phrases);
    }
    if (phrases.length) {
      const shown = phrases.slice(0, 8);
      text += ` with ${shown.join(', ')}${phrases.length > shown.length ? ', …' : ''}`;
    }
  }
  if (cq.acceptedIssuers?.ids.length) text += `, issued by ${cq.acceptedIssuers.ids.join(' or ')}`;
  const suites = cq.acceptedCryptosuites;
  const envelopes = cq.acceptedEnvelopes;
  if (suites && envelopes) {
    text += `, secured with ${suites.join(', ')} or enveloped as ${envelopes.join(', ')}`;
  } else if (suites) text += `, secured with ${suites.join(', ')}`;
  else if (envelopes) text += `, enveloped as ${envelopes.join(', ')}`;
  if (!cq.required) text += ' (optional)';
  return text;
}
