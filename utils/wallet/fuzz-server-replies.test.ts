// Fuzz: VC-API server replies. A real local server answers the wallet's exchange POST with 180
// malformed replies generated from valid ones (a DID-auth request, a credential offer, an empty
// completion, a redirect); the wallet's exchange runner (utils/vcalm inside) must end each in a
// named error or a correct resting state, and never store a credential on its own.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkJson } from '../json-bounds';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { formatTally, malformedInputs, newTally, record } from '../testing/fuzz';
import { createExchangeRunner } from './exchange-runner';
import type { ExchangeState } from '../vcalm';
import type { WalletExchange } from './records';
import { createTestContext } from './testing';

let server: ScriptedServer;
beforeAll(async () => { server = await startScriptedServer(); });
afterAll(async () => { await server.close(); });

const VALID: Record<string, unknown>[] = [
  { verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }], acceptedCryptosuites: [{ cryptosuite: 'eddsa-rdfc-2022' }] }], challenge: 'c-1', domain: 'http://127.0.0.1' } },
  { verifiablePresentation: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [{ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:example:issuer', credentialSubject: { id: 'did:example:me', name: 'x' }, proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: 'did:example:issuer#k', proofValue: 'z1' } }] } },
  { redirectUrl: 'https://shop.example/done', referenceId: 'ref-1' },
  { verifiablePresentationRequest: { query: { type: 'QueryByExample', credentialQuery: { example: { type: 'ProvenanceCredential' } } }, challenge: 'c-2' } },
];
const RESTING = new Set(['failed', 'declined', 'request', 'credentials', 'complete']);

describe('fuzz: vcapi server replies → the wallet', () => {
  test('every malformed reply ends in a named error or a correct resting state; nothing is stored', async () => {
    const t = createTestContext();
    const runner = createExchangeRunner(t.ctx);
    const db = await t.ctx.db;
    const before = JSON.stringify(await db.credentials.list());
    const tally = newTally();
    const inputs = VALID.flatMap((valid, i) => malformedInputs({ valid, seed: 1100 + i, count: 45 }));
    expect(inputs.length).toBeGreaterThanOrEqual(100);
    for (const [n, input] of inputs.entries()) {
      const p = `/fz${n}`;
      server.routes.set(`GET ${p}/i`, (req, self) => ({ json: { protocols: { vcapi: `${self.url}${p}/x` } } }));
      server.routes.set(`POST ${p}/x`, () => ({ text: input.text, headers: { 'content-type': 'application/json' } }));
      const started = await runner.start({ url: `${server.url}${p}/i?iuv=1`, source: 'paste' });
      let saved: WalletExchange | undefined;
      await expect.poll(async () => {
        saved = (await db.exchanges.get({ id: started.id })) as WalletExchange;
        const status = saved.state.status;
        if (!RESTING.has(status)) return false;
        // a request or an offer rests only once its approval window was asked for
        return status === 'request' || status === 'credentials' ? t.shown.some((s) => s.exchangeId === started.id) : true;
      }, { timeout: 20_000 }).toBe(true);
      const state = saved!.state as ExchangeState; // vcapi exchanges only here
      if (state.status === 'failed') {
        record(tally, { label: input.label, error: state.error });
        continue;
      }
      // accepted: what rests must be bounded JSON without prototype keys, and within the caps
      let correct = true;
      try {
        checkJson({ value: state, what: 'state' });
        if (state.status === 'request') {
          const r = state.request as Record<string, unknown>;
          correct = (r.challenge === undefined || (typeof r.challenge === 'string' && r.challenge.length <= 2048))
            && (r.domain === undefined || (typeof r.domain === 'string' && r.domain.length <= 2048));
        }
        if (state.status === 'credentials') correct = (state.offered ?? []).every((vp) => !!vp && typeof vp === 'object');
        if (state.status === 'complete') correct = state.redirectUrl === undefined || /^https?:\/\//.test(state.redirectUrl);
      } catch {
        correct = false;
      }
      record(tally, { label: input.label, correct });
    }
    // the wallet never stored anything without the user's yes (no answer was given)
    expect(JSON.stringify(await db.credentials.list())).toBe(before);
    console.log(formatTally('vcapi server replies', tally));
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
    expect(tally.tried).toBe(inputs.length);
    expect(tally.named).toBeGreaterThan(50);
  }, 240_000);
});
