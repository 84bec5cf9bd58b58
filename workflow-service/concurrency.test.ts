// Many instances, one truth: two service instances on one database (no shared memory between
// them: the database alone orders them) racing the same exchanges issue exactly once, a used
// challenge is refused by the other instance, and a revocation made through one is what the
// other serves. On PostgreSQL each instance has its own connection pool; on PGlite both run on
// one in-process database, as the embedded engine allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentialStatus, generateDidKey, type LoadStatusList, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, request } from './testing/holder';
import { ENGINES, instanceOptions, sharedConfig } from './testing/engines';
import type { SqlStore } from './sql-store';

// behind a load balancer every instance has the same public URL (the VPR's domain)
const PUBLIC = 'https://brand.example';

describe.each(ENGINES)('two instances on one %s database', (engine) => {
  let a: WorkflowService;
  let b: WorkflowService;
  let holder: WalletKey;
  let token: string;
  /** The instance's real address for a public URL. */
  const at = (service: WorkflowService, url: string) => url.replace(PUBLIC, service.listenUrl);

  beforeAll(async () => {
    const shared = await sharedConfig();
    token = shared.token;
    const options = await instanceOptions(engine, shared);
    a = await startWorkflowService({ ...options, publicUrl: PUBLIC });
    b = await startWorkflowService({ ...options, publicUrl: PUBLIC });
    holder = await generateDidKey();
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  async function createOn(service: WorkflowService) {
    const reply = await request({
      url: at(service, `${PUBLIC}/workflows/provenance-issuance/exchanges`), method: 'POST', token,
      body: { variables: { subject: 'did:example:bag-1', sku: 'SKU-1' } },
    });
    expect(reply.status).toBe(204);
    return reply.headers.get('location')!;
  }

  it('both serve the same issuer and token', () => {
    expect(a.issuer).toBe(b.issuer);
    expect(a.token).toBe(b.token);
  });

  it('issues exactly once when POSTs to both instances race on one exchange', async () => {
    for (let round = 0; round < 4; round++) {
      const exchangeUrl = await createOn(a);
      const start = await request({ url: at(b, exchangeUrl), method: 'POST', body: {} });
      expect(start.status).toBe(200);
      const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
      const replies = await Promise.all([a, b, a, b, a, b].map((service) =>
        request({ url: at(service, exchangeUrl), method: 'POST', body: { verifiablePresentation: vp } })));
      const ok = replies.filter((r) => r.status === 200);
      expect(ok).toHaveLength(1);
      expect(ok[0].body.verifiablePresentation.verifiableCredential).toHaveLength(1);
      for (const refused of replies.filter((r) => r.status !== 200)) {
        expect(refused.status).toBe(403);
        expect(refused.body).toMatchObject({ name: 'NotAllowedError', message: 'Exchange is complete.' });
      }
      const id = exchangeUrl.split('/').pop();
      const { rows } = await (a.store as SqlStore).db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${(a.store as SqlStore).schema}".status_entries WHERE exchange_id = $1`, [id]);
      expect(rows[0].n).toBe(1); // one credential recorded for the exchange
      const read = await request({ url: at(b, exchangeUrl), token });
      expect(read.body.exchange).toMatchObject({ state: 'complete', sequence: 2 });
    }
  });

  it('refuses on one instance a presentation already used on the other (single-use challenge)', async () => {
    const exchangeUrl = await createOn(b);
    const start = await request({ url: at(a, exchangeUrl), method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    expect((await request({ url: at(a, exchangeUrl), method: 'POST', body: { verifiablePresentation: vp } })).status).toBe(200);
    const replay = await request({ url: at(b, exchangeUrl), method: 'POST', body: { verifiablePresentation: vp } });
    expect(replay.status).toBe(403);
    expect(replay.body.name).toBe('NotAllowedError');
  });

  it('serves on one instance the revocation made through the other', async () => {
    const exchangeUrl = await createOn(a);
    const start = await request({ url: at(a, exchangeUrl), method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const final = await request({ url: at(a, exchangeUrl), method: 'POST', body: { verifiablePresentation: vp } });
    const credential = final.body.verifiablePresentation.verifiableCredential[0];
    const loadFrom = (service: WorkflowService): LoadStatusList => async ({ url }) => (await request({ url: at(service, url) })).body;
    expect((await checkCredentialStatus({ credential, loadStatusList: loadFrom(b) })).state).toBe('valid');
    const revoked = await request({
      url: at(a, `${PUBLIC}/credentials/status`), method: 'POST', token,
      body: { credentialId: credential.id, credentialStatus: { statusPurpose: 'revocation' }, status: true },
    });
    expect(revoked.status).toBe(200);
    expect((await checkCredentialStatus({ credential, loadStatusList: loadFrom(b) })).state).toBe('revoked');
    expect((await checkCredentialStatus({ credential, loadStatusList: loadFrom(a) })).state).toBe('revoked');
  });
});
