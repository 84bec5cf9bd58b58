// Fuzz: decoded QR payloads (what utils/scan and the popup hand to classifyText). Generated from
// valid payloads — an interaction URL, its wrapped form, an OID4VCI offer, a CHAPI request, a VP —
// by mutating, truncating, nesting, oversizing and adding prototype keys. classifyText never
// throws: an invalid interaction URL is reported with its named error, anything else is classified
// correctly (an interaction URL only when parseInteractionUrl agrees, JSON only when bounded).
import { describe, expect, test } from 'vitest';
import { checkJson } from '../json-bounds';
import { formatTally, malformedInputs, newTally, prng, record, NAMED_ERRORS } from '../testing/fuzz';
import { classifyText } from './classify';
import { parseInteractionUrl } from './interaction-url';

const URLS = [
  'https://shop.example/workflows/w/exchanges/z1?iuv=1',
  'web+interaction:https://shop.example/workflows/w/exchanges/z1?iuv=1',
  'openid-credential-offer://?credential_offer_uri=https%3A%2F%2Fissuer.example%2Fo%2F1',
  'http://127.0.0.1:4100/workflows/w/exchanges/z2?iuv=1',
];
const JSONS = [
  { web: { VerifiablePresentation: { query: { type: 'DIDAuthentication' }, challenge: 'c', interact: { service: [{ type: 'VerifiableCredentialApiExchangeService', serviceEndpoint: 'https://shop.example/x' }] } } } },
  { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: 'did:example:me' },
];

/** String mutations of a URL payload: truncate, splice odd characters, repeat, re-encode. */
function urlVariants(url: string, seed: number, count: number): string[] {
  const rand = prng(seed);
  const odd = ['%', '%00', ' ', '\u0000', '\u202e', '?iuv=2', '&iuv=1', '#', '@evil.example', 'javascript:', '\n', 'ｈ', '..', '://'];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const at = Math.floor(rand() * url.length);
    switch (i % 6) {
      case 0: out.push(url.slice(0, at)); break;
      case 1: out.push(url.slice(0, at) + odd[Math.floor(rand() * odd.length)] + url.slice(at)); break;
      case 2: out.push(url + 'x'.repeat([100, 5000, 200_000][i % 3])); break;
      case 3: out.push(url.replace('https', ['http', 'ftp', 'HTTPS', 'data'][i % 4])); break;
      case 4: out.push(url.replace('shop.example', ['10.0.0.1', 'user:pw@shop.example', '[::1]', ''][i % 4])); break;
      default: out.push(encodeURIComponent(url).slice(0, at + 5));
    }
  }
  return out;
}

describe('fuzz: QR payloads → classifyText', () => {
  test('every payload is classified correctly or reported with a named error; none throws', () => {
    const tally = newTally();
    const inputs = [
      ...URLS.flatMap((u, i) => urlVariants(u, 2000 + i, 30).map((text) => ({ label: `url ${i}`, text }))),
      ...JSONS.flatMap((valid, i) => malformedInputs({ valid, seed: 2100 + i, count: 40 })),
    ];
    expect(inputs.length).toBeGreaterThanOrEqual(100);
    for (const { label, text } of inputs) {
      let result;
      try {
        result = classifyText({ text });
      } catch (error) {
        record(tally, { label, error: { name: 'Thrown', message: (error as Error).message } });
        continue;
      }
      if (result.kind === 'invalid-interaction-url') {
        record(tally, { label, error: result.error });
        continue;
      }
      let correct = true;
      try {
        if (result.kind === 'interaction-url') correct = parseInteractionUrl({ url: text.trim() }).url === result.url;
        if (result.kind === 'vp' || result.kind === 'vpr') checkJson({ value: result.value });
        if (result.kind === 'url') correct = /^https?:$/.test(new URL(result.url).protocol);
      } catch {
        correct = false;
      }
      record(tally, { label, correct });
    }
    console.log(formatTally('QR payloads', tally));
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
    expect(Object.keys(tally.names).every((n) => NAMED_ERRORS.has(n))).toBe(true);
  });
});
