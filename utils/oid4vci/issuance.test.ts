// The OID4VCI engine against the real local workflow service (workflow-service/oid4vci): real HTTP
// on 127.0.0.1, proofs signed with utils/crypto. Each refusal ends with a named error and nothing issued.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, verifyCredential, type WalletKey } from '../crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { holderFromKeys } from '../wallet/holder';
import type { TranscriptMessage } from '../vcalm';
import { createOid4vciExchange, decodeJwt, nextOid4vci, REDACTED, type HolderFor, type Oid4vciState } from './index';

let service: WorkflowService;
let key: WalletKey;
let holder: HolderFor;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  key = await generateDidKey();
  holder = holderFromKeys({ keys: async () => [key] });
});
afterAll(async () => { await service.close(); });

async function offerFor(oid4vci: unknown = true, ttl?: number) {
  const exchangeUrl = await createServiceExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, ttl,
    variables: { subject: 'did:example:bag-456', sku: 'HB-2026-0042', oid4vci },
  });
  const protocols = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols;
  return { exchangeUrl, offerUrl: protocols.OID4VCI as string };
}

const roundTrip = (s: Oid4vciState) => JSON.parse(JSON.stringify(s)) as Oid4vciState;
const serviceState = async (exchangeUrl: string) => (await request({ url: exchangeUrl, token: service.token })).body.exchange;

describe('OID4VCI pre-authorized issuance from the local workflow service', () => {
  it('advertises OID4VCI like bedrock and issues a credential bound to the holder (jwt proof)', async () => {
    const { exchangeUrl, offerUrl } = await offerFor();
    expect(offerUrl).toBe(`openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${exchangeUrl}/openid/credential-offer`)}`);
    const messages: TranscriptMessage[] = [];
    let step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder, onMessage: (m) => { messages.push(m); } });
    expect(step.event.type).toBe('credentials');
    const [credential] = (step.event as unknown as { presentations: { verifiableCredential: Record<string, any>[] }[] }).presentations[0].verifiableCredential;
    expect(credential.credentialSubject.id).toBe(key.did);
    expect(await verifyCredential({ credential })).toMatchObject({ verified: true, issuer: service.issuer });
    step = await nextOid4vci({ state: roundTrip(step.state), holder });
    expect(step).toMatchObject({ done: true, event: { type: 'complete', received: 1 } });
    expect((await serviceState(exchangeUrl)).state).toBe('complete');

    // transcript: every message, secrets redacted, the proof decoded
    expect(messages.map((m) => `${m.kind} ${m.method}`)).toEqual(['offer GET', 'metadata GET', 'metadata GET', 'token POST', 'nonce POST', 'credential POST']);
    expect(messages.map((m) => m.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    const offer = messages[0].responseBody as any;
    expect(offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code']).toBe(REDACTED);
    expect((messages[3].requestBody as any)['pre-authorized_code']).toBe(REDACTED);
    expect((messages[3].responseBody as any).access_token).toBe(REDACTED);
    expect(messages[5].requestHeaders.authorization).toBe(`Bearer ${REDACTED}`);
    expect((messages[5].decoded as { what: string }[] | undefined)?.[0]).toMatchObject({ what: 'proof', header: { typ: 'openid4vci-proof+jwt', alg: 'EdDSA', kid: key.verificationMethod }, payload: { aud: exchangeUrl } });
    expect(JSON.stringify(messages)).not.toContain((step.state as any).accessToken ?? 'no-token-kept');
  });

  it('asks for the PIN, then issues with it; a wrong PIN is refused by name and nothing is issued', async () => {
    const { exchangeUrl, offerUrl } = await offerFor({ txCode: '4821', txCodeDescription: 'The code in your order e-mail' });
    let step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(step.event).toMatchObject({ type: 'pin', txCode: { input_mode: 'numeric', length: 4, description: 'The code in your order e-mail' }, issuer: exchangeUrl });
    const wrong = await nextOid4vci({ state: roundTrip(step.state), input: { type: 'pin', txCode: '0000' }, holder });
    expect(wrong).toMatchObject({ done: true, event: { type: 'failed', error: { name: 'NotAllowedError', status: 400 } } });
    expect((wrong.event as any).error.message).toMatch(/transaction code/);
    expect((await serviceState(exchangeUrl)).state).toBe('pending');
    step = await nextOid4vci({ state: roundTrip(step.state), input: { type: 'pin', txCode: '4821' }, holder });
    expect(step.event.type).toBe('credentials');
  });

  it('a declined PIN ends declined with nothing sent', async () => {
    const { exchangeUrl, offerUrl } = await offerFor({ txCode: '12345' });
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    const declined = await nextOid4vci({ state: step.state, input: { type: 'decline' }, holder });
    expect(declined).toMatchObject({ done: true, event: { type: 'declined' } });
    expect((await serviceState(exchangeUrl)).state).toBe('pending');
  });

  it('issues with a di_vp proof when the issuer takes only di_vp (challenge = c_nonce, domain = issuer)', async () => {
    const { exchangeUrl, offerUrl } = await offerFor({ proofTypes: ['di_vp'] });
    const seen: TranscriptMessage[] = [];
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder, onMessage: (m) => { seen.push(m); } });
    expect(step.event.type).toBe('credentials');
    const request = seen.find((m) => m.kind === 'credential')!.requestBody as any;
    const [vp] = request.proofs.di_vp;
    const nonce = (seen.find((m) => m.kind === 'nonce')!.responseBody as any).c_nonce;
    expect(vp.proof).toMatchObject({ proofPurpose: 'authentication', challenge: nonce, domain: exchangeUrl, cryptosuite: 'eddsa-rdfc-2022' });
    expect(vp.holder).toBe(key.did);
    expect((await serviceState(exchangeUrl)).variables.results.ownerBinding.did).toBe(key.did);
  });

  it('a key that cannot sign what the issuer asks is refused by name before any credential request', async () => {
    const { offerUrl } = await offerFor();
    // a holder that refuses JWT algs forces the engine to read proof_types_supported → di_vp only
    const diVpOnly: HolderFor = async (accepts) => {
      if (accepts.algs.length) throw Object.assign(new Error('no jwt'), { name: 'NotSupportedError' });
      return holder(accepts);
    };
    const seen: TranscriptMessage[] = [];
    const failed = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder: diVpOnly, onMessage: (m) => { seen.push(m); } });
    // jwt is listed first and the key refuses it: the wallet says so by name rather than guessing
    expect(failed.event).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError' } });
    expect(seen.some((m) => m.kind === 'credential')).toBe(false);
  });

  it('a proof with another nonce is refused (invalid_nonce), retried once with a fresh nonce, then fails by name', async () => {
    const { exchangeUrl, offerUrl } = await offerFor();
    const liar: HolderFor = async (accepts) => {
      const real = await holder(accepts);
      return { ...real, signJwt: ({ header, payload }) => real.signJwt({ header, payload: { ...payload, nonce: 'not-the-nonce' } }) };
    };
    const seen: TranscriptMessage[] = [];
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder: liar, onMessage: (m) => { seen.push(m); } });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'InvalidNonceError', status: 400 } });
    expect(seen.filter((m) => m.kind === 'credential')).toHaveLength(2);
    expect(seen.filter((m) => m.kind === 'nonce')).toHaveLength(2);
    expect((await serviceState(exchangeUrl)).state).toBe('active');
    expect((await serviceState(exchangeUrl)).variables.results).toEqual({});
  });

  it('an expired offer is refused by name', async () => {
    const { exchangeUrl, offerUrl } = await offerFor(true, 1);
    const expires = Date.parse((await serviceState(exchangeUrl)).expires);
    await expect.poll(() => Date.now() > expires, { timeout: 10_000, interval: 100 }).toBe(true);
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotFoundError', status: 404 } });
    expect((step.event as any).error.message).toMatch(/expired/);
  });

  it('a second credential request after issuance is denied: nothing is issued twice', async () => {
    const { offerUrl } = await offerFor();
    const first = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(first.event.type).toBe('credentials');
    const again = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(again.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
  });

  it('decodes the proof it sent: the JWT verifies as signed by the wallet DID', async () => {
    const h = await holder({ algs: ['EdDSA'], cryptosuites: [] });
    const jwt = await h.signJwt({ header: { typ: 'openid4vci-proof+jwt', alg: 'EdDSA', kid: key.verificationMethod }, payload: { aud: 'x', iat: 1, nonce: 'n' } });
    expect(decodeJwt({ jwt }).payload).toEqual({ aud: 'x', iat: 1, nonce: 'n' });
    const { verifyDidKeyJwt } = await import('../crypto/jwt');
    await expect(verifyDidKeyJwt({ jwt })).resolves.toMatchObject({ did: key.did });
    await expect(verifyDidKeyJwt({ jwt: `${jwt.slice(0, -4)}AAAA` })).rejects.toMatchObject({ name: 'NotAllowedError' });
  });
});

describe('an issuance a public page started (privateNetwork: false)', () => {
  it('contacts no loopback or local-network server: the first request is refused by name, nothing sent, nothing issued', async () => {
    const { exchangeUrl, offerUrl } = await offerFor();
    const messages: TranscriptMessage[] = [];
    const state = createOid4vciExchange({ offerUrl, privateNetwork: false });
    expect(roundTrip(state).privateNetwork).toBe(false); // kept across a worker restart
    const step = await nextOid4vci({ state, holder, onMessage: (m) => { messages.push(m); } });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringMatching(/local network/) } });
    expect(messages).toEqual([]);
    expect((await serviceState(exchangeUrl)).state).toBe('pending');
    // the same offer started by the user (no page) runs
    expect((await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder })).event.type).toBe('credentials');
  });
});
