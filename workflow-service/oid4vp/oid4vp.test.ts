// OID4VP on the workflow service, answered by the wallet's own engine (utils/oid4vp): the
// verification workflow advertises OID4VP, serves its authorization request, verifies the
// direct_post answer and records it in the exchange like a vcapi step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startWorkflowService, type WorkflowService } from '..';
import { generateDidKey, createPresentation, signPresentation, type WalletKey } from '../../utils/crypto';
import { createOid4vpExchange, nextOid4vp, decodeJwt } from '../../utils/oid4vp';
import { createExchange, request, runProvenanceExchange } from '../testing/holder';

let service: WorkflowService;
let holder: WalletKey;
let credential: Record<string, unknown>;

beforeAll(async () => {
  service = await startWorkflowService({ token: 'oid4vp-token-0123456789' });
  holder = await generateDidKey({ extractable: true });
  const issuance = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  const { final } = await runProvenanceExchange({ exchangeUrl: issuance, key: holder });
  credential = final.body.verifiablePresentation.verifiableCredential[0];
}, 60_000);

afterAll(async () => service?.close());

async function answerWith(uri: string, credentials: Record<string, unknown>[]) {
  const first = await nextOid4vp({ state: createOid4vpExchange({ uri }) });
  if (first.event.type !== 'request') return first;
  const vp = await signPresentation({
    presentation: createPresentation({ holder: holder.did, verifiableCredential: credentials }),
    key: holder, challenge: String(first.event.challenge), domain: String(first.event.domain),
  });
  return nextOid4vp({ state: first.state, input: { type: 'presentation', verifiablePresentation: vp as Record<string, unknown> } });
}

describe('OID4VP on the workflow service', () => {
  it('offers OID4VP for a step that asks for credentials, not for DID authentication only', async () => {
    const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
    const { body } = await request({ url: `${verification}/protocols` });
    expect(body.protocols.vcapi).toBe(verification);
    const oid4vp = new URL(body.protocols.OID4VP);
    expect(oid4vp.protocol).toBe('openid4vp:');
    expect(oid4vp.searchParams.get('client_id')).toBe(`redirect_uri:${verification}/openid/client/authorization/response`);
    expect(oid4vp.searchParams.get('request_uri')).toBe(`${verification}/openid/client/authorization/request`);
    expect(oid4vp.searchParams.get('request_uri_method')).toBe('post');
    const iu = await request({ url: `${verification}?iuv=1` });
    expect(iu.body.protocols.OID4VP).toBe(body.protocols.OID4VP);

    const issuance = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
    expect((await request({ url: `${issuance}/protocols` })).body.protocols).toEqual({ vcapi: issuance });
  });

  it('serves an unsigned request object with a DCQL query and the wallet_nonce it was given', async () => {
    const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
    const reply = await fetch(`${verification}/openid/client/authorization/request`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ wallet_nonce: 'wn-1', wallet_metadata: '{}' }),
    });
    expect(reply.headers.get('content-type')).toBe('application/oauth-authz-req+jwt');
    const { header, payload } = decodeJwt({ jwt: await reply.text() });
    expect(header).toMatchObject({ alg: 'none', typ: 'oauth-authz-req+jwt' });
    expect(payload).toMatchObject({
      response_type: 'vp_token', response_mode: 'direct_post', wallet_nonce: 'wn-1',
      client_id: `redirect_uri:${verification}/openid/client/authorization/response`,
      response_uri: `${verification}/openid/client/authorization/response`,
      nonce: verification.split('/').at(-1),
    });
    expect((payload.dcql_query as { credentials: unknown[] }).credentials.length).toBe(1);
  });

  it('the wallet engine answers by direct_post; the exchange records the verified presentation', async () => {
    const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
    const { body } = await request({ url: `${verification}/protocols` });
    const done = await answerWith(body.protocols.OID4VP, [credential]);
    expect(done.event).toMatchObject({ type: 'complete', presented: 1 });
    const read = await request({ url: verification, token: service.token });
    expect(read.body.exchange.state).toBe('complete');
    const result = read.body.exchange.variables.results.presentProvenance;
    expect(result.did).toBe(holder.did);
    expect(result.verifiablePresentation.proof.domain).toBe(`redirect_uri:${verification}/openid/client/authorization/response`);
    // answered once: a second answer is refused by the service
    const again = await answerWith(body.protocols.OID4VP, [credential]);
    expect(again.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError' } });
  }, 60_000);

  it('VCALM §3.6.7: a step completed over OID4VP calls the exchange\'s callback too', async () => {
    const received: unknown[] = [];
    let delivered!: () => void;
    const arrived = new Promise<void>((resolve) => { delivered = resolve; });
    const receiver = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => {
        received.push(JSON.parse(text));
        res.writeHead(200).end();
        delivered();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const created = await request({
        url: `${service.workflowUrl('provenance-verification')}/exchanges`, method: 'POST', token: service.token,
        body: { variables: {}, callback: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/cb` } },
      });
      const verification = created.headers.get('location')!;
      const { body } = await request({ url: `${verification}/protocols` });
      expect((await answerWith(body.protocols.OID4VP, [credential])).event).toMatchObject({ type: 'complete' });
      await arrived;
      expect(received).toEqual([{ event: { data: { exchangeId: verification } } }]);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 60_000);

  it('a presentation without the asked credential is refused and changes nothing', async () => {
    const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
    const { body } = await request({ url: `${verification}/protocols` });
    const first = await nextOid4vp({ state: createOid4vpExchange({ uri: body.protocols.OID4VP }) });
    expect(first.event.type).toBe('request');
    const vp = await signPresentation({
      presentation: createPresentation({ holder: holder.did }), key: holder,
      challenge: String(first.state.request!.challenge), domain: String(first.state.request!.domain),
    });
    // the wallet engine itself refuses to send an answer that does not fit the query
    const refused = await nextOid4vp({ state: first.state, input: { type: 'presentation', verifiablePresentation: vp as Record<string, unknown> } });
    expect(refused.event).toMatchObject({ type: 'failed', error: { name: 'DataError' } });
    // and the service refuses one sent anyway
    const posted = await fetch(`${verification}/openid/client/authorization/response`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ vp_token: JSON.stringify({ q: [vp] }), state: verification.split('/').at(-1)! }),
    });
    expect(posted.status).toBe(400);
    expect((await posted.json()).name).toBe('DataError');
    const read = await request({ url: verification, token: service.token });
    expect(read.body.exchange.state).toBe('active');
    expect(read.body.exchange.variables.results).toEqual({});
  }, 60_000);
});
