// Fuzz: what a page (or a forged window message) hands the wallet: the page→bridge and
// bridge→background message parsers and the CHAPI get()/store() normalizers, with malformed
// inputs generated from valid ones. Each ends in a named error (the normalizers' TypeErrors name
// the offending field, as the page sees them; DataError for depth and prototype keys), a drop
// (the parsers answer undefined for anything that is not theirs), or a correct parse: plain,
// bounded JSON with only the fields the contract names.
import { describe, expect, test } from 'vitest';
import { checkJson } from '../json-bounds';
import { formatTally, malformedInputs, newTally, record } from '../testing/fuzz';
import { normalizeGetRequest } from './normalize-get';
import { normalizeStoreRequest } from './normalize-store';
import { PAGE_CHANNEL, parsePageRequest } from './page-messages';
import { parseBridgeMessage } from './port-messages';

const GET = { VerifiablePresentation: { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }], challenge: 'c-1', domain: 'https://shop.example' }, recommendedHandlerOrigins: ['https://wallet.example'] };
const STORE = { type: 'web', dataType: 'VerifiablePresentation', data: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [{ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:i', credentialSubject: { id: 'did:example:me' } }] } };
const PAGE = { channel: PAGE_CHANNEL, to: 'wallet', id: 'req_0123456789', op: 'get', payload: GET };
const BRIDGE = { op: 'store', requestId: 'req_0123456789', credential: STORE };

/** A named outcome for a normalizer's throw: TypeError naming a quoted field, or a DataError. */
function normalizerError(error: unknown): { name: string; message: string } {
  const e = error as Error;
  const fieldTypeError = e instanceof TypeError && /^"[^"]+"/.test(e.message);
  return { name: fieldTypeError ? 'TypeError' : e.name === 'DataError' ? 'DataError' : `unnamed ${e.name}`, message: e.message };
}

describe('fuzz: page and content-script messages', () => {
  test('every malformed message is refused with a named error, dropped, or parsed correctly', () => {
    const tally = newTally();
    const cases: { label: string; run: () => unknown; check: (out: unknown) => boolean }[] = [];
    for (const input of malformedInputs({ valid: GET, seed: 5500, count: 60 })) {
      cases.push({ label: `get ${input.label}`, run: () => normalizeGetRequest({ web: input.value, path: 'options.web' }), check: (out) => {
        const r = out as ReturnType<typeof normalizeGetRequest>;
        return (r.challenge === undefined || r.challenge.length <= 2048) && (r.domain === undefined || r.domain.length <= 2048) && r.queries.length <= 50;
      } });
    }
    for (const input of malformedInputs({ valid: STORE, seed: 5600, count: 50 })) {
      cases.push({ label: `store ${input.label}`, run: () => normalizeStoreRequest({ credential: input.value, path: 'credential' }), check: (out) => {
        const r = out as ReturnType<typeof normalizeStoreRequest>;
        return r.credentials.length > 0 && r.credentials.length <= 50;
      } });
    }
    for (const input of malformedInputs({ valid: PAGE, seed: 5700, count: 40 })) {
      // the envelope is parsed in the bridge; its payload goes on to the normalizer (as in the wallet)
      cases.push({ label: `page ${input.label}`, run: () => {
        const r = parsePageRequest({ data: input.value });
        if (!r) return 'dropped';
        if (Object.keys(r).some((k) => !['channel', 'to', 'id', 'op', 'payload'].includes(k))) return { wrong: true };
        if (r.op === 'get') return normalizeGetRequest({ web: r.payload, path: 'options.web' });
        if (r.op === 'store') return normalizeStoreRequest({ credential: r.payload, path: 'credential' });
        return { op: r.op, id: r.id };
      }, check: (out) => (out as { wrong?: boolean }).wrong !== true });
    }
    for (const input of malformedInputs({ valid: BRIDGE, seed: 5800, count: 40 })) {
      cases.push({ label: `bridge ${input.label}`, run: () => {
        const r = parseBridgeMessage({ message: input.value });
        if (!r) return 'dropped';
        if (r.op === 'get') return normalizeGetRequest({ web: r.web, path: 'options.web' });
        if (r.op === 'store') return normalizeStoreRequest({ credential: r.credential, path: 'credential' });
        return { op: r.op, requestId: r.requestId };
      }, check: () => true });
    }
    expect(cases.length).toBeGreaterThanOrEqual(100);
    let dropped = 0;
    for (const c of cases) {
      let out: unknown;
      try {
        out = c.run();
      } catch (error) {
        record(tally, { label: c.label, error: normalizerError(error), extraNames: ['TypeError'] });
        continue;
      }
      if (out === 'dropped') {
        dropped++;
        record(tally, { label: c.label, error: { name: 'dropped' }, extraNames: ['dropped'] });
        continue;
      }
      let correct = false;
      try {
        checkJson({ value: out });
        correct = c.check(out);
      } catch {
        correct = false;
      }
      record(tally, { label: c.label, correct });
    }
    console.log(`${formatTally('page / content-script messages', tally)} (of the named: ${dropped} dropped by the message parsers)`);
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
  });
});
