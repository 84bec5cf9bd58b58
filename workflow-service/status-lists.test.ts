import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCredentialStatus, generateDidKey, verifyCredential, type LoadStatusList, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { createExchange, request, runProvenanceExchange } from './testing/holder';

const token = 'test-token-0123456789abcdef';
let dataDir: string;
let service: WorkflowService;
let holder: WalletKey;

const loadStatusList: LoadStatusList = async ({ url }) => {
  const reply = await request({ url });
  if (reply.status !== 200) throw new Error(`status list ${url}: ${reply.status}`);
  return reply.body;
};

async function issue(): Promise<Record<string, any>> {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token });
  const { final } = await runProvenanceExchange({ exchangeUrl, key: holder });
  return final.body.verifiablePresentation.verifiableCredential[0];
}

const setStatus = (body: unknown, withToken = token) =>
  request({ url: `${service.baseUrl}/credentials/status`, method: 'POST', token: withToken, body });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'status-lists-'));
  service = await startWorkflowService({ token, dataDir });
  holder = await generateDidKey();
});
afterAll(async () => {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('status lists of the workflow service', () => {
  it('issues with revocation and suspension entries at one index, and serves signed lists', async () => {
    const credential = await issue();
    expect(credential.credentialStatus).toHaveLength(2);
    const [revocation, suspension] = credential.credentialStatus;
    expect(revocation).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${service.baseUrl}/status-lists/revocation` });
    expect(suspension).toMatchObject({ statusPurpose: 'suspension', statusListIndex: revocation.statusListIndex });
    expect((await verifyCredential({ credential })).verified).toBe(true);

    const list = await request({ url: revocation.statusListCredential });
    expect(list.status).toBe(200);
    expect(list.headers.get('access-control-allow-origin')).toBe('*');
    expect(list.body).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], issuer: service.issuer });
    expect((await verifyCredential({ credential: list.body })).verified).toBe(true);
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('valid');
  });

  it('revokes for good through the authenticated endpoint; the next list says revoked', async () => {
    const credential = await issue();
    const other = await issue();
    const body = { credentialId: credential.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' }, status: true };
    expect((await setStatus(body, '')).status).toBe(401);
    expect((await setStatus(body, 'wrong-token-0123456789abcdef')).status).toBe(403);
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('valid');

    const reply = await setStatus(body);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ credentialId: credential.id, statusPurpose: 'revocation', status: true });
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('revoked');
    expect((await checkCredentialStatus({ credential: other, loadStatusList })).state).toBe('valid');

    const undo = await setStatus({ ...body, status: false });
    expect(undo.status).toBe(409);
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('revoked');
  });

  it('suspends and lifts a suspension', async () => {
    const credential = await issue();
    const body = (status: boolean) => ({ credentialId: credential.id, credentialStatus: { statusPurpose: 'suspension' }, status });
    expect((await setStatus(body(true))).status).toBe(200);
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('suspended');
    expect((await setStatus(body(false))).status).toBe(200);
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('valid');
  });

  it('refuses unknown credentials, purposes and shapes with named errors', async () => {
    const unknown = await setStatus({ credentialId: 'urn:uuid:nope', credentialStatus: { statusPurpose: 'revocation' }, status: true });
    expect(unknown.status).toBe(404);
    expect(unknown.body.name).toBe('NotFoundError');
    const purpose = await setStatus({ credentialId: 'urn:uuid:nope', credentialStatus: { statusPurpose: 'message' }, status: true });
    expect(purpose.status).toBe(400);
    expect(purpose.body.name).toBe('ValidationError');
    expect((await setStatus({ credentialId: 'x', credentialStatus: { statusPurpose: 'revocation' }, status: 'yes' })).status).toBe(400);
    expect((await setStatus({ credentialId: 'x', extra: 1 })).status).toBe(400);
    expect((await request({ url: `${service.baseUrl}/status-lists/message` })).status).toBe(404);
    expect((await request({ url: `${service.baseUrl}/status-lists/revocation`, method: 'POST', body: {} })).status).toBe(405);
  });

  it('keeps the bits across a restart', async () => {
    const credential = await issue();
    await setStatus({ credentialId: credential.id, credentialStatus: { statusPurpose: 'revocation' }, status: true });
    await service.close();
    service = await startWorkflowService({ token, dataDir, port: Number(new URL(service.baseUrl).port) });
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('revoked');
  });
});
