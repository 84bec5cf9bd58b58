import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, verifyCredential, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request, runProvenanceExchange } from './testing/holder';

let service: WorkflowService;
let workflowUrl: string;
let holder: WalletKey;

beforeAll(async () => {
  service = await startWorkflowService({ token: 'test-token-0123456789abcdef' });
  workflowUrl = service.workflowUrl('provenance-issuance');
  holder = await generateDidKey();
});
afterAll(() => service.close());

describe('provenance-issuance, end to end with a scripted holder', () => {
  it('binds the holder DID and issues a credential that verifies', async () => {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
    expect(exchangeUrl.startsWith(`${workflowUrl}/exchanges/`)).toBe(true);

    const before = await request({ url: exchangeUrl, token: service.token });
    expect(before.status).toBe(200);
    expect(before.body.exchange).toMatchObject({ state: 'pending', sequence: 0, step: 'ownerBinding' });
    expect(before.body.exchange.variables).toEqual({ subject: 'did:example:bag-456', sku: 'HB-2026-0042', results: {} });
    expect(before.body.exchange).not.toHaveProperty('challenges');

    const { protocols, start, final } = await runProvenanceExchange({ exchangeUrl, key: holder });
    expect(protocols.body).toEqual({ protocols: { vcapi: exchangeUrl } });

    const id = exchangeUrl.split('/').pop();
    const vpr = start.body.verifiablePresentationRequest;
    expect(start.status).toBe(200);
    expect(vpr.challenge).toBe(id);
    expect(vpr.domain).toBe(new URL(service.baseUrl).origin);
    expect(vpr.query[0]).toMatchObject({ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] });

    expect(final.status).toBe(200);
    expect(final.body.verifiablePresentationRequest).toBeUndefined();
    const credential = final.body.verifiablePresentation.verifiableCredential[0];
    expect(credential.issuer).toBe(service.issuer);
    expect(credential.credentialSubject).toEqual({
      id: holder.did,
      owns: { id: 'did:example:bag-456', type: 'Product', sku: 'HB-2026-0042' },
    });
    const verification = await verifyCredential({ credential });
    expect(verification.verified).toBe(true);
    expect(verification.cryptosuites).toContain('eddsa-rdfc-2022');

    const after = await request({ url: exchangeUrl, token: service.token });
    expect(after.body.exchange.state).toBe('complete');
    expect(after.body.exchange.sequence).toBe(2);
    const binding = after.body.exchange.variables.results.ownerBinding;
    expect(binding.did).toBe(holder.did);
    expect(binding.verificationMethod.startsWith(`${holder.did}#`)).toBe(true);
    expect(binding.verifiablePresentation.holder).toBe(holder.did);
  });

  it('accepts an Ed25519Signature2020 DID authentication too', async () => {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest, cryptosuite: 'Ed25519Signature2020' });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    expect(final.status).toBe(200);
    expect(final.body.verifiablePresentation.verifiableCredential).toHaveLength(1);
  });

  it('goes pending → active on the first POST and repeats the same request for a second {}', async () => {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
    const first = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const read = await request({ url: exchangeUrl, token: service.token });
    expect(read.body.exchange).toMatchObject({ state: 'active', sequence: 1 });
    const again = await request({ url: exchangeUrl, method: 'POST' }); // empty body counts as {}
    expect(again.body).toEqual(first.body);
    const reread = await request({ url: exchangeUrl, token: service.token });
    expect(reread.body.exchange.sequence).toBe(1);
  });
});

describe('discovery', () => {
  it('answers the interaction URL with protocols for JSON and an HTML page otherwise', async () => {
    const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
    const json = await request({ url: `${exchangeUrl}?iuv=1` });
    expect(json.status).toBe(200);
    expect(json.body).toEqual({ protocols: { vcapi: exchangeUrl } });
    expect(json.headers.get('access-control-allow-origin')).toBe('*');
    const html = await request({ url: `${exchangeUrl}?iuv=1`, headers: { accept: 'text/html' } });
    expect(html.headers.get('content-type')).toMatch(/text\/html/);
    expect(html.body).toContain('<svg');
    expect(html.body).toContain(`${exchangeUrl}?iuv=1`);
    const wrongVersion = await request({ url: `${exchangeUrl}?iuv=2` });
    expect(wrongVersion.status).toBe(400);
    expect(wrongVersion.body.name).toBe('NotSupportedError');
  });

  it('answers the workflow URL itself (what `npm run demo` prints) with how to use it, and nothing secret', async () => {
    const reply = await request({ url: workflowUrl });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      id: 'provenance-issuance',
      exchanges: `${workflowUrl}/exchanges`,
      requiredVariables: ['subject', 'sku'],
      steps: ['ownerBinding', 'issueAuthenticity'],
      issuer: service.issuer,
    });
    expect(JSON.stringify(reply.body)).not.toContain(service.token);
    expect(JSON.stringify(reply.body)).not.toContain('credentialSubject');
    expect((await request({ url: `${service.baseUrl}/workflows/other` })).body.name).toBe('NotFoundError');
    expect((await request({ url: workflowUrl, method: 'POST', body: {} })).status).toBe(405);
  });

  it('answers 404 NotFoundError for unknown exchanges, workflows and paths', async () => {
    const unknown = `${workflowUrl}/exchanges/AAAAAAAAAAAAAAAAAAAAAA`;
    for (const url of [unknown, `${unknown}/protocols`, `${unknown}?iuv=1`, `${service.baseUrl}/nope`]) {
      const reply = await request({ url, token: service.token });
      expect(reply.status).toBe(404);
      expect(reply.body.name).toBe('NotFoundError');
    }
    const post = await request({ url: unknown, method: 'POST', body: {} });
    expect(post.body).toMatchObject({ name: 'NotFoundError', status: 404, title: 'Not Found' });
    const workflow = await request({ url: `${service.baseUrl}/workflows/other/exchanges`, method: 'POST', token: service.token, body: {} });
    expect(workflow.status).toBe(404);
    const traversal = await request({ url: `${workflowUrl}/exchanges/..%2F..%2Fbrand-key`, token: service.token });
    expect(traversal.status).toBe(404);
    const badEscape = await request({ url: `${service.baseUrl}/workflows/%E0%A4%A/exchanges/x`, method: 'POST', body: {} });
    expect(badEscape.status).toBe(404);
  });
});
