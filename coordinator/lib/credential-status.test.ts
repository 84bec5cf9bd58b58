import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCredentialStatus, generateDidKey, type LoadStatusList } from '../../utils/crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { revokeCredential, suspendCredential } from './index';

let service: WorkflowService;
const token = 'coordinator-token-0123456789';
const loadStatusList: LoadStatusList = async ({ url }) => (await fetch(url)).json();

async function issue() {
  const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token });
  const { final } = await runProvenanceExchange({ exchangeUrl, key: await generateDidKey() });
  return final.body.verifiablePresentation.verifiableCredential[0];
}

beforeAll(async () => {
  service = await startWorkflowService({ token });
});
afterAll(() => service.close());

describe('revokeCredential / suspendCredential', () => {
  it('revokes an issued credential given the workflow URL', async () => {
    const credential = await issue();
    const change = await revokeCredential({ serviceUrl: service.workflowUrl('provenance-issuance'), token, credentialId: credential.id });
    expect(change).toEqual({ credentialId: credential.id, statusPurpose: 'revocation', status: true });
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('revoked');
  });

  it('suspends and lifts a suspension given the base URL', async () => {
    const credential = await issue();
    await suspendCredential({ serviceUrl: service.baseUrl, token, credentialId: credential.id });
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('suspended');
    await suspendCredential({ serviceUrl: service.baseUrl, token, credentialId: credential.id, suspended: false });
    expect((await checkCredentialStatus({ credential, loadStatusList })).state).toBe('valid');
  });

  it('names the refusal: unknown credential, wrong token', async () => {
    await expect(revokeCredential({ serviceUrl: service.baseUrl, token, credentialId: 'urn:uuid:unknown' })).rejects.toMatchObject({ name: 'NotFoundError', status: 404 });
    await expect(revokeCredential({ serviceUrl: service.baseUrl, token: 'wrong-token-0123456789', credentialId: 'urn:uuid:x' })).rejects.toMatchObject({ name: 'NotAllowedError', status: 403 });
    await expect(revokeCredential({ serviceUrl: 'ftp://x', token, credentialId: 'a' })).rejects.toThrow(TypeError);
  });
});
