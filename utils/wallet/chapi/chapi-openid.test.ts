// A page's navigator.credentials.get() whose protocols offer only OpenID forms, through the CHAPI
// service and the wallet's real exchange runner, against the real local workflow service (its
// OID4VP for a verification workflow, its pre-authorized OID4VCI for an issuance): one consent
// naming the page and the verifier or issuer, then the engine's own questions in the same window;
// the page learns only how it ended. Public pages may not point the wallet at loopback; a no
// stores and sends nothing.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startWorkflowService, type WorkflowService } from '../../../workflow-service';
import { createExchange, request, runProvenanceExchange } from '../../../workflow-service/testing/holder';
import { credentialRecordId } from '../../db';
import { verifyCredential } from '../../crypto';
import { createExchangeRunner } from '../exchange-runner';
import type { WalletApproval, WalletExchange } from '../records';
import { createTestContext } from '../testing';
import { createChapiRequests } from './chapi-requests';
import type { ChapiFrame } from './frame';

let service: WorkflowService;
beforeAll(async () => { service = await startWorkflowService({ host: '127.0.0.1', port: 0 }); }, 60_000);
afterAll(async () => service?.close());

const page: ChapiFrame = { tabId: 7, frameId: 0, origin: 'http://127.0.0.1:8123' };

function harness() {
  const t = createTestContext();
  const runner = createExchangeRunner(t.ctx);
  const chapi = createChapiRequests({ ctx: t.ctx, exchanges: { start: (d) => runner.start(d), settled: (d) => runner.settled(d) } });
  const approvalOf = async (match: (a: WalletApproval) => boolean) => {
    const db = await t.ctx.db;
    let found: WalletApproval | undefined;
    await expect.poll(async () => {
      for (const s of t.shown) {
        const a = (await db.approvals.get({ id: s.approvalId })) as WalletApproval | undefined;
        if (a && !a.decision && match(a)) found = a;
      }
      return found;
    }, { timeout: 30_000 }).toBeTruthy();
    return found!;
  };
  return { t, runner, chapi, approvalOf };
}

async function holdProvenanceCredential(t: ReturnType<typeof createTestContext>) {
  const db = await t.ctx.db;
  const issuance = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  const { final } = await runProvenanceExchange({ exchangeUrl: issuance, key: await t.ctx.key() });
  const credential = final.body.verifiablePresentation.verifiableCredential[0];
  const id = await credentialRecordId({ credential });
  await db.credentials.put({ id, credential, verification: await verifyCredential({ credential }), source: { kind: 'import' } });
  return id;
}

async function verificationLink() {
  const verification = await createExchange({ workflowUrl: service.workflowUrl('provenance-verification'), token: service.token });
  const link = (await request({ url: `${verification}/protocols` })).body.protocols.OID4VP as string;
  expect(link).toMatch(/^openid4vp:\/\/\?/);
  return { verification, link };
}

test('get() offering only OID4VP: consent names the page and the verifier, the verifier records the presentation, the page gets OutOfBand', async () => {
  const { t, runner, chapi, approvalOf } = harness();
  const credentialId = await holdProvenanceCredential(t);
  const { verification, link } = await verificationLink();
  const serviceOrigin = new URL(service.baseUrl).origin;

  const pending = chapi.get({ frame: page, web: { VerifiablePresentation: {}, protocols: { OID4VP: link } }, signal: new AbortController().signal });
  const consent = await approvalOf((a) => a.id.startsWith('chapi-'));
  expect(consent.payload.view.requester).toEqual({ exchangeOrigin: serviceOrigin, pageOrigin: page.origin, source: 'chapi' });
  expect(consent.payload.view.queries?.[0].summary).toMatch(new RegExp(`OpenID4VP presentation request from the verifier at ${serviceOrigin} \\(protocols\\.OID4VP\\)`));
  await chapi.answer({ id: consent.id, approve: true });

  // the verifier's request, in the consent's window: the verifier by its client_id, the page that asked, the credential
  const present = await approvalOf((a) => !a.id.startsWith('chapi-') && a.payload.view.kind === 'present');
  expect(t.shown.find((s) => s.approvalId === present.id)?.windowKey).toBe(consent.exchangeId);
  const view = present.payload.view;
  expect(view.requester).toMatchObject({
    pageOrigin: page.origin, source: 'chapi',
    verifier: { protocol: 'oid4vp', kind: 'origin', id: serviceOrigin, clientId: expect.stringMatching(/^redirect_uri:/) },
  });
  const query = view.queries!.find((q) => q.candidates.length)!;
  expect(query.candidates).toEqual([expect.objectContaining({ credentialId, fits: true })]);
  await runner.answer({ id: present.id, approve: true, selections: [{ key: query.key, credentialIds: [credentialId] }] });

  await expect(pending).resolves.toEqual({ type: 'web', dataType: 'OutOfBand', data: null });
  const remote = (await request({ url: verification, token: service.token })).body.exchange;
  expect(remote.state).toBe('complete');
  expect(remote.variables.results.presentProvenance.did).toBe((await t.ctx.key()).did);
  const [exchange] = (await (await t.ctx.db).exchanges.list({ limit: 5 })) as WalletExchange[];
  expect(exchange).toMatchObject({ source: 'chapi', pageOrigin: page.origin, status: 'complete', state: { protocol: 'oid4vp' } });
  expect(t.closedKeys).toContain(consent.exchangeId);
}, 120_000);

test('get() offering vcapi and OID4VP runs vcapi, as the popup does', async () => {
  const { t, runner, chapi, approvalOf } = harness();
  const { verification, link } = await verificationLink();
  const pending = chapi.get({ frame: page, web: { VerifiablePresentation: {}, protocols: { OID4VP: link, vcapi: verification } }, signal: new AbortController().signal });
  const consent = await approvalOf((a) => a.id.startsWith('chapi-'));
  expect(consent.payload.view.queries?.[0].summary).toMatch(/^Start a credential exchange with .* \(protocols\.vcapi\)/);
  await chapi.answer({ id: consent.id, approve: true });
  // the vcapi engine's request (a QueryByExample nothing in this empty wallet fits); no declines it
  const present = await approvalOf((a) => !a.id.startsWith('chapi-'));
  const [exchange] = (await (await t.ctx.db).exchanges.list({ limit: 5 })) as WalletExchange[];
  expect((exchange.state as { protocol?: string }).protocol ?? 'vcapi').toBe('vcapi');
  expect(exchange.state.exchangeUrl).toBe(verification);
  await runner.answer({ id: present.id, approve: false });
  await expect(pending).resolves.toBeNull();
}, 120_000);

test('declining the consent to an OID4VP request: null, nothing fetched from the verifier, nothing sent', async () => {
  const { t, chapi, approvalOf } = harness();
  const { verification, link } = await verificationLink();
  const pending = chapi.get({ frame: page, web: { VerifiablePresentation: {}, protocols: { 'oid4vp-1.0': link } }, signal: new AbortController().signal });
  await chapi.answer({ id: (await approvalOf((a) => a.id.startsWith('chapi-'))).id, approve: false });
  await expect(pending).resolves.toBeNull();
  const db = await t.ctx.db;
  expect(await db.exchanges.list({ limit: 5 })).toEqual([]);
  expect((await request({ url: verification, token: service.token })).body.exchange.variables.results).toEqual({});
}, 60_000);

test('a public page naming a loopback OID4VP verifier or OID4VCI issuer, a link naming no verifier, a foreign domain: named errors before any window', async () => {
  const { t, chapi } = harness();
  const { link } = await verificationLink();
  const offerExchange = await createExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, variables: { subject: 'did:example:x', sku: 'HB-1', oid4vci: true },
  });
  const offer = (await request({ url: `${offerExchange}/protocols` })).body.protocols.OID4VCI as string;
  const shop: ChapiFrame = { tabId: 8, frameId: 0, origin: 'https://shop.example' };
  for (const protocols of [{ OID4VP: link }, { OID4VCI: offer }]) {
    await expect(chapi.get({ frame: shop, web: { VerifiablePresentation: {}, protocols }, signal: new AbortController().signal }))
      .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringMatching(/local network/) });
  }
  // an OID4VP link that names no verifier endpoint: DataError the page reads
  await expect(chapi.get({ frame: page, web: { VerifiablePresentation: {}, protocols: { OID4VP: 'openid4vp://?response_type=vp_token&nonce=n' } }, signal: new AbortController().signal }))
    .rejects.toMatchObject({ name: 'DataError', expose: true, message: expect.stringMatching(/names no request_uri or response_uri/) });
  // a domain naming neither the page nor the verifier: the foreign-domain rule, as for vcapi
  await expect(chapi.get({ frame: page, web: { VerifiablePresentation: { domain: 'bank.example' }, protocols: { OID4VP: link } }, signal: new AbortController().signal }))
    .rejects.toMatchObject({ name: 'NotAllowedError', expose: true, message: expect.stringMatching(/bank\.example.*Nothing was signed or sent/) });
  expect(t.shown).toEqual([]);
  expect(await (await t.ctx.db).approvals.listPending()).toEqual([]);
  expect(await (await t.ctx.db).exchanges.list({ limit: 5 })).toEqual([]);
}, 60_000);

test('get() offering only OID4VCI: consent names the issuer; the credential is verified, stored on yes, the page gets OutOfBand', async () => {
  const { t, runner, chapi, approvalOf } = harness();
  const exchangeUrl = await createExchange({
    workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, variables: { subject: 'did:example:bag-c', sku: 'HB-C', oid4vci: true },
  });
  const offer = (await request({ url: `${exchangeUrl}/protocols` })).body.protocols.OID4VCI as string;
  const pending = chapi.get({ frame: page, web: { VerifiablePresentation: {}, protocols: { OID4VCI: offer } }, signal: new AbortController().signal });
  const consent = await approvalOf((a) => a.id.startsWith('chapi-'));
  expect(consent.payload.view.queries?.[0].summary).toMatch(/^Receive a credential offered over OpenID4VCI by http:\/\/127\.0\.0\.1:\d+ \(protocols\.OID4VCI\)/);
  expect(consent.payload.view.requester.pageOrigin).toBe(page.origin);
  await chapi.answer({ id: consent.id, approve: true });
  const accept = await approvalOf((a) => a.payload.view.kind === 'accept');
  expect(accept.payload.view.requester.pageOrigin).toBe(page.origin);
  const db = await t.ctx.db;
  expect(await db.credentials.list()).toHaveLength(0);
  await runner.answer({ id: accept.id, approve: true, accept: [0] });
  await expect(pending).resolves.toEqual({ type: 'web', dataType: 'OutOfBand', data: null });
  const [stored] = await db.credentials.list();
  expect(stored.credential.credentialSubject).toMatchObject({ id: (await t.ctx.key()).did });
}, 120_000);
