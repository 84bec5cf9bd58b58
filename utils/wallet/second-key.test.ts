// The second holder key: a P-256 did:key (non-extractable, wrappable WebCrypto ECDSA) beside the
// primary Ed25519 key, picked when a request or an issuer accepts only ecdsa-rdfc-2019 / ES256.
// Real utils/db (fake-indexeddb), the real local workflow service, a local OID4VCI issuer.
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, keyCurveOf, signPresentation, verifyCredential, verifyPresentation } from '../crypto';
import { credentialRecordId } from '../db';
import { signRequestObject } from '../oid4vp';
import { startTestVerifier } from '../oid4vp/testing/verifier';
import { load } from '../query/test-fixtures';
import { MIN_LOG_N } from '../backup';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { createOid4vciExchange, nextOid4vci } from '../oid4vci';
import { startTestIssuer, type TestIssuer } from '../oid4vci/testing/issuer';
import type { TranscriptMessage } from '../vcalm';
import { createWalletBackup } from './backup/create-backup';
import { restoreWalletBackup } from './backup/restore-backup';
import { createExchangeRunner } from './exchange-runner';
import { holderFromKeys } from './holder';
import { createHolderKeysLoader, keyStorage } from './keys';
import type { WalletApproval, WalletExchange } from './records';
import { createTestContext } from './testing';

let service: WorkflowService;
let issuer: TestIssuer;
beforeAll(async () => {
  [service, issuer] = await Promise.all([startWorkflowService({ host: '127.0.0.1', port: 0 }), startTestIssuer({ jwtAlgs: ['ES256'] })]);
});
afterAll(async () => {
  await service.close();
  await issuer.close();
});

/** A wallet context with both holder keys, as the background builds it. */
function wallet() {
  const t = createTestContext();
  t.ctx.holderKeys = createHolderKeysLoader({ db: t.ctx.db, primary: t.ctx.key });
  return t;
}

describe('the second holder key (P-256)', () => {
  it('is made once beside the primary key, which stays the primary; it is wrappable, never multibase', async () => {
    const t = wallet();
    const [a, b] = await Promise.all([t.ctx.holderKeys!(), t.ctx.holderKeys!()]);
    expect(a.map((k) => keyCurveOf({ key: k }))).toEqual(['Ed25519', 'P-256']);
    expect(b.map((k) => k.did)).toEqual(a.map((k) => k.did));
    expect(a[1].did).toMatch(/^did:key:zDna/);
    expect((await t.ctx.key()).did).toBe(a[0].did);
    const db = await t.ctx.db;
    expect((await db.keys.list()).map((r) => r.did)).toEqual(a.map((k) => k.did));
    expect((await db.keys.getPrimary())!.did).toBe(a[0].did);
    expect(keyStorage(a[1])).toBe('wrap-only');
    expect(a[1].secretKeyMultibase).toBeUndefined();
    // a new loader (a restarted worker) finds the same key
    expect((await createHolderKeysLoader({ db: t.ctx.db, primary: t.ctx.key })())[1].did).toBe(a[1].did);
  });

  it('a VCALM request accepting only ecdsa-rdfc-2019 is answered by the P-256 key; the workflow service verifies it and issues to that DID', async () => {
    // a workflow like provenance-issuance whose DID authentication accepts only ecdsa-rdfc-2019
    const workflows = (await request({ url: `${service.baseUrl}/workflows/provenance-issuance`, token: service.token })).body;
    const config = structuredClone(workflows.config ?? workflows);
    config.steps.ownerBinding.verifiablePresentationRequest.query[0].acceptedCryptosuites = [{ cryptosuite: 'ecdsa-rdfc-2019' }];
    const made = await request({ url: `${service.baseUrl}/workflows`, method: 'POST', token: service.token, body: { ...config, id: 'ecdsa-only-issuance' } });
    expect(made.status).toBe(201);
    const exchangeUrl = await createServiceExchange({
      workflowUrl: service.workflowUrl('ecdsa-only-issuance'), token: service.token, variables: { subject: 'did:example:bag-p256', sku: 'HB-P256' },
    });

    const t = wallet();
    const [primary, p256] = await t.ctx.holderKeys!();
    const runner = createExchangeRunner(t.ctx);
    const db = await t.ctx.db;
    const approvalOf = async (exchangeId: string, kind: string) => {
      let found: WalletApproval | undefined;
      await expect.poll(async () => {
        for (const s of t.shown.filter((x) => x.exchangeId === exchangeId)) {
          const a = (await db.approvals.get({ id: s.approvalId })) as WalletApproval | undefined;
          if (a && a.payload.view.kind === kind && !a.decision) found = a;
        }
        return found;
      }, { timeout: 20_000 }).toBeTruthy();
      return found!;
    };
    const started = await runner.start({ url: `${exchangeUrl}?iuv=1`, source: 'paste' });
    const present = await approvalOf(started.id, 'present');
    expect(present.payload.view).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', holderDid: p256.did });
    expect(present.payload.view.blockers).toBeUndefined();
    await runner.answer({ id: present.id, approve: true });
    const accept = await approvalOf(started.id, 'accept');
    await runner.answer({ id: accept.id, approve: true, accept: [0] });
    await expect.poll(async () => ((await db.exchanges.get({ id: started.id })) as WalletExchange).status, { timeout: 20_000 }).toBe('complete');
    const remote = (await request({ url: exchangeUrl, token: service.token })).body.exchange;
    expect(remote.state).toBe('complete');
    expect(remote.variables.results.ownerBinding.did).toBe(p256.did);
    expect(remote.variables.results.ownerBinding.verifiablePresentation.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: p256.verificationMethod });
    const [stored] = await db.credentials.list();
    expect(stored.credential.credentialSubject).toMatchObject({ id: p256.did });
    expect(p256.did).not.toBe(primary.did);

    // the usual workflow (eddsa accepted) is still answered by the primary key
    const usual = await createServiceExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token, variables: { subject: 'did:example:bag-ed', sku: 'HB-ED' } });
    const second = await runner.start({ url: `${usual}?iuv=1`, source: 'paste' });
    expect((await approvalOf(second.id, 'present')).payload.view).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022', holderDid: primary.did });
  });

  it('an OID4VP verifier whose vp_formats_supported names only ecdsa-rdfc-2019 gets a VP signed by the P-256 key', async () => {
    const VC = 'https://www.w3.org/2018/credentials#VerifiableCredential';
    const OB = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential';
    const verifier = await startTestVerifier({
      requestObject: async ({ responseUri, walletNonce }) => signRequestObject({
        payload: {
          response_type: 'vp_token', response_mode: 'direct_post', client_id: `redirect_uri:${responseUri}`, response_uri: responseUri,
          nonce: 'nonce-p256', state: 'state-p256', wallet_nonce: walletNonce,
          dcql_query: { credentials: [{ id: 'badge', format: 'ldp_vc', meta: { type_values: [[VC, OB]] } }] },
          client_metadata: { vp_formats_supported: { ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['ecdsa-rdfc-2019'] } } },
        },
      }),
    });
    try {
      const t = wallet();
      const [, p256] = await t.ctx.holderKeys!();
      const db = await t.ctx.db;
      const badge = load('credentials/ob3-vc2-eddsa-rdfc-2022-didkey.json') as Record<string, unknown>;
      const id = await credentialRecordId({ credential: badge });
      await db.credentials.put({ id, credential: badge, verification: await verifyCredential({ credential: badge }), source: { kind: 'import' } });
      const runner = createExchangeRunner(t.ctx);
      const clientId = `redirect_uri:${verifier.responseUri}`;
      const started = await runner.start({
        url: `openid4vp://?client_id=${encodeURIComponent(clientId)}&request_uri=${encodeURIComponent(verifier.requestUri)}&request_uri_method=post`, source: 'paste',
      });
      await expect.poll(() => t.shown.find((s) => s.exchangeId === started.id), { timeout: 20_000 }).toBeTruthy();
      const approval = (await db.approvals.get({ id: t.shown.find((s) => s.exchangeId === started.id)!.approvalId })) as WalletApproval;
      expect(approval.payload.view).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', holderDid: p256.did });
      const query = approval.payload.view.queries!.find((q) => q.candidates.length)!;
      await runner.answer({ id: approval.id, approve: true, selections: [{ key: query.key, credentialIds: [id] }] });
      await expect.poll(async () => { const r = (await db.exchanges.get({ id: started.id })) as WalletExchange; return `${r.status} ${JSON.stringify(r.state.error ?? '')}`; }, { timeout: 20_000 }).toMatch(/^complete/);
      expect(verifier.calls.answers).toHaveLength(1);
      const vp = JSON.parse(verifier.calls.answers[0].vp_token).badge[0];
      expect(vp.holder).toBe(p256.did);
      expect(vp.proof).toMatchObject({ cryptosuite: 'ecdsa-rdfc-2019', verificationMethod: p256.verificationMethod });
      expect((await verifyPresentation({ presentation: vp, challenge: 'nonce-p256', domain: clientId } as never)).verified).toBe(true);
    } finally {
      await verifier.close();
    }
  });

  it('an OID4VCI issuer that takes only ES256 proofs gets a jwt proof from the P-256 key; the credential is bound to its DID', async () => {
    const t = wallet();
    const [, p256] = await t.ctx.holderKeys!();
    const seen: TranscriptMessage[] = [];
    const step = await nextOid4vci({
      state: createOid4vciExchange({ offerUrl: issuer.offerLink({ preAuthorizedCode: 'pre-authorized-1' }) }),
      holder: holderFromKeys({ keys: t.ctx.holderKeys! }),
      onMessage: (m) => { seen.push(m); },
    });
    expect(step.event.type).toBe('credentials');
    const proof = (seen.find((m) => m.kind === 'credential')!.decoded as { header: Record<string, unknown> }[])[0];
    expect(proof.header).toMatchObject({ alg: 'ES256', kid: p256.verificationMethod, typ: 'openid4vci-proof+jwt' });
    const [vp] = (step.event as { presentations: Record<string, unknown>[] }).presentations;
    expect(((vp.verifiableCredential as Record<string, unknown>[])[0].credentialSubject as Record<string, unknown>).id).toBe(p256.did);
    // with only the Ed25519 key, the same offer is refused by name before any credential request
    const other = await startTestIssuer({ jwtAlgs: ['ES256'] });
    try {
      const refused = await nextOid4vci({
        state: createOid4vciExchange({ offerUrl: other.offerLink({ preAuthorizedCode: 'pre-authorized-1' }) }),
        holder: holderFromKeys({ keys: async () => [await t.ctx.key()] }),
      });
      expect(refused.event).toMatchObject({ type: 'failed', error: { name: 'NotSupportedError', message: expect.stringContaining('ES256') } });
      expect(other.seen.some((s) => s.path === '/credential')).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('an OID4VCI issuer that takes only di_vp proofs with ecdsa-rdfc-2019 gets a VP signed by the P-256 key (challenge = c_nonce, domain = issuer)', async () => {
    const diVp = await startTestIssuer({ diVpSuites: ['ecdsa-rdfc-2019'] });
    try {
      const t = wallet();
      const [, p256] = await t.ctx.holderKeys!();
      const seen: TranscriptMessage[] = [];
      const step = await nextOid4vci({
        state: createOid4vciExchange({ offerUrl: diVp.offerLink({ preAuthorizedCode: 'pre-authorized-1' }) }),
        holder: holderFromKeys({ keys: t.ctx.holderKeys! }),
        onMessage: (m) => { seen.push(m); },
      });
      expect(step.event.type).toBe('credentials');
      const sent = seen.find((m) => m.kind === 'credential')!.requestBody as { proofs: { di_vp: Record<string, unknown>[] } };
      expect(sent.proofs.di_vp[0]).toMatchObject({ holder: p256.did, proof: { cryptosuite: 'ecdsa-rdfc-2019', domain: diVp.url, proofPurpose: 'authentication' } });
      const [vp] = (step.event as { presentations: Record<string, unknown>[] }).presentations;
      expect(((vp.verifiableCredential as Record<string, unknown>[])[0].credentialSubject as Record<string, unknown>).id).toBe(p256.did);
      expect(diVp.issued).toBe(1);
    } finally {
      await diVp.close();
    }
  });

  it('a backup carries the second key: the restored wallet answers with the same P-256 DID', async () => {
    const source = wallet();
    const [primary, p256] = await source.ctx.holderKeys!();
    const backup = await createWalletBackup({ ctx: source.ctx, passphrase: 'lantern orchard velvet compass', includeHistory: false, logN: MIN_LOG_N });
    expect(backup.keys).toBe(2);
    expect(backup.file).not.toContain('secretKeyMultibase');

    const fresh = createTestContext();
    fresh.ctx.holderKeys = createHolderKeysLoader({ db: fresh.ctx.db, primary: fresh.ctx.key });
    const restored = await restoreWalletBackup({ ctx: fresh.ctx, file: backup.file, passphrase: 'lantern orchard velvet compass' });
    expect(restored.did).toBe(primary.did);
    const keys = await fresh.ctx.holderKeys();
    expect(keys.map((k) => k.did)).toEqual([primary.did, p256.did]);
    const vp = await signPresentation({ presentation: createPresentation({ holder: p256.did }), key: keys[1], challenge: 'c-restored', cryptosuite: 'ecdsa-rdfc-2019' });
    expect((await verifyPresentation({ presentation: vp, challenge: 'c-restored' } as never)).verified).toBe(true);
  });
});
