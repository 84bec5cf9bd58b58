// Issue 11, finding 4, for the OpenID engines: a GET's redirects are followed one checked hop at
// a time, like vcapi's (utils/vcalm/redirect-policy.test.ts). A real local server redirects an
// OID4VP request_uri and an OID4VCI credential_offer_uri to a host the URL policy refuses (plain
// http on 0.0.0.0, which Linux routes to this machine: a second local server that must see
// nothing), and to an allowed one (followed, the flow goes on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedServer, type ScriptedServer } from '../vcalm/test-support/scripted-server';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { generateDidKey, type WalletKey } from '../crypto';
import { holderFromKeys } from '../wallet/holder';
import { createOid4vciExchange, nextOid4vci } from '../oid4vci';
import { createOid4vpExchange, nextOid4vp, signRequestObject } from '.';
import { startTestVerifier, type TestVerifier } from './testing/verifier';

let front: ScriptedServer; // the link's server: answers with redirects
let refused: ScriptedServer; // reachable, but only under a URL the policy refuses
let verifier: TestVerifier;
let service: WorkflowService;
beforeAll(async () => {
  [front, refused, service] = await Promise.all([
    startScriptedServer(), startScriptedServer(), startWorkflowService({ host: '127.0.0.1', port: 0 }),
  ]);
  verifier = await startTestVerifier({
    requestObject: async ({ responseUri }) => signRequestObject({
      payload: {
        response_type: 'vp_token', response_mode: 'direct_post', client_id: `redirect_uri:${responseUri}`,
        response_uri: responseUri, nonce: 'nonce-1', state: 'state-1',
        dcql_query: { credentials: [{ id: 'any', format: 'ldp_vc', meta: { type_values: [['https://www.w3.org/2018/credentials#VerifiableCredential']] } }] },
      },
    }),
  });
});
afterAll(async () => { await Promise.all([front.close(), refused.close(), verifier.close(), service.close()]); });

const refusedUrl = (path: string) => `http://0.0.0.0:${new URL(refused.url).port}${path}`;

describe('OID4VP: the request_uri redirects', () => {
  const link = (requestUri: string) => `openid4vp://?client_id=${encodeURIComponent(`redirect_uri:${verifier.responseUri}`)}&request_uri=${encodeURIComponent(requestUri)}`;

  it('to a refused host: NotAllowedError, the host is never contacted', async () => {
    front.routes.set('GET /vp-moved', () => ({ status: 302, headers: { location: refusedUrl('/request') } }));
    const step = await nextOid4vp({ state: createOid4vpExchange({ uri: link(`${front.url}/vp-moved`) }) });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringContaining('redirect target') } });
    expect(refused.seen).toEqual([]);
  });

  it('to an allowed host: followed, and the request is shown', async () => {
    front.routes.set('GET /vp-ok', () => ({ status: 307, headers: { location: verifier.requestUri } }));
    const step = await nextOid4vp({ state: createOid4vpExchange({ uri: link(`${front.url}/vp-ok`) }) });
    expect(step.event.type).toBe('request');
  });
});

describe('OID4VCI: the credential_offer_uri redirects', () => {
  let key: WalletKey | undefined;
  const holder = holderFromKeys({ keys: async () => [key ??= await generateDidKey()] });

  it('to a refused host: NotAllowedError, the host is never contacted', async () => {
    front.routes.set('GET /offer-moved', () => ({ status: 302, headers: { location: refusedUrl('/offer') } }));
    const offerUrl = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${front.url}/offer-moved`)}`;
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(step.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', message: expect.stringContaining('redirect target') } });
    expect(refused.seen).toEqual([]);
  });

  it('to the issuer\'s own offer: followed, and the credential is issued', async () => {
    const exchangeUrl = await createServiceExchange({
      workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token,
      variables: { subject: 'did:example:bag-1', sku: 'HB-2026-0042', oid4vci: true },
    });
    front.routes.set('GET /offer-ok', () => ({ status: 302, headers: { location: `${exchangeUrl}/openid/credential-offer` } }));
    const offerUrl = `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${front.url}/offer-ok`)}`;
    const step = await nextOid4vci({ state: createOid4vciExchange({ offerUrl }), holder });
    expect(step.event.type).toBe('credentials');
    expect((await request({ url: exchangeUrl, token: service.token })).body.exchange.state).toBe('complete');
  });
});
