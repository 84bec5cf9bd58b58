// The generic step machine with a custom workflow file: DID auth → issue → QueryByExample for
// the credential just issued (fresh random challenge) → redirectUrl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPresentation, generateDidKey, signPresentation, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';
import { DEFAULT_WORKFLOWS_FILE } from './workflows';

let service: WorkflowService;
let dir: string;
let holder: WalletKey;

beforeAll(async () => {
  const provenance = JSON.parse(await readFile(DEFAULT_WORKFLOWS_FILE, 'utf8')).workflows['provenance-issuance'];
  const workflows = {
    workflows: {
      'issue-then-check': {
        requiredVariables: ['subject', 'sku'],
        initialStep: 'ownerBinding',
        steps: {
          ownerBinding: { ...provenance.steps.ownerBinding, nextStep: 'issue' },
          issue: { ...provenance.steps.issueAuthenticity, nextStep: 'check' },
          check: {
            createChallenge: true,
            verifiablePresentationRequest: {
              query: [{
                type: 'QueryByExample',
                credentialQuery: { reason: 'Show the credential for {{variables.sku}}.', example: { type: 'ProductAuthenticityCredential' } },
              }],
            },
            redirectUrl: 'https://shop.example/done/{{exchangeId}}?did={{results.ownerBinding.did}}',
          },
        },
      },
    },
  };
  dir = await mkdtemp(join(tmpdir(), 'ws-engine-'));
  await writeFile(join(dir, 'workflows.json'), JSON.stringify(workflows));
  service = await startWorkflowService({ token: 'engine-token-0123456789', workflowsFile: join(dir, 'workflows.json') });
  holder = await generateDidKey();
});
afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a multi-step workflow', () => {
  it('issues, asks again with a fresh challenge, verifies the presented credential, then redirects', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('issue-then-check'), token: service.token });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const second = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    expect(second.status).toBe(200);
    // bedrock's "both": store what is offered, then answer the request
    const [credential] = second.body.verifiablePresentation.verifiableCredential;
    const vpr = second.body.verifiablePresentationRequest;
    expect(vpr.query[0].credentialQuery.reason).toBe('Show the credential for HB-2026-0042.');
    expect(vpr.challenge).not.toBe(exchangeUrl.split('/').pop());
    expect(vpr.challenge.length).toBeGreaterThanOrEqual(16);
    const read = await request({ url: exchangeUrl, token: service.token });
    expect(read.body.exchange).toMatchObject({ state: 'active', step: 'check' });

    // Without the credential: refused, nothing stored.
    const before = await storedText({ service, exchangeUrl });
    const empty = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: await answer({ key: holder, vpr }) } });
    expect(empty.status).toBe(400);
    expect(empty.body.details.errors.map((e: any) => e.message).join(' ')).toMatch(/ProductAuthenticityCredential/);
    // A tampered credential: refused too.
    const tampered = structuredClone(credential);
    tampered.credentialSubject.owns.sku = 'FAKE-1';
    const bad = await signPresentation({
      presentation: createPresentation({ holder: holder.did, verifiableCredential: tampered }),
      key: holder,
      challenge: vpr.challenge,
      domain: vpr.domain,
    });
    const refused = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: bad } });
    expect(refused.status).toBe(400);
    expect(refused.body.name).toBe('DataError');
    expect(await storedText({ service, exchangeUrl })).toBe(before);

    const good = await signPresentation({
      presentation: createPresentation({ holder: holder.did, verifiableCredential: credential }),
      key: holder,
      challenge: vpr.challenge,
      domain: vpr.domain,
    });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: good } });
    expect(final.status).toBe(200);
    expect(final.body).toEqual({
      redirectUrl: `https://shop.example/done/${exchangeUrl.split('/').pop()}?did=${holder.did}`,
    });
    const done = await request({ url: exchangeUrl, token: service.token });
    expect(done.body.exchange.state).toBe('complete');
    expect(Object.keys(done.body.exchange.variables.results).sort()).toEqual(['check', 'ownerBinding']);
  });
});
