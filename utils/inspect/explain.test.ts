import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../crypto';
import type { WorkflowService } from '../../workflow-service';
import { explainRequest } from './explain';
import { transcriptFindings } from './findings';
import { realRun, startService, type RealRun } from './test-support';
import { proofSummary, verifyReceived, verifySent } from './verify';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key });
});
afterAll(async () => { await service?.close(); });

describe('a request in words', () => {
  it('explains the service\'s DID-auth request, its challenge and domain', () => {
    const { requests } = transcriptFindings({ messages: run.messages });
    const words = explainRequest({ request: requests[0].request, origin: service.baseUrl, did: key.did });
    expect(words.satisfiable).toBe(true);
    expect(words.domainMatches).toBe(true);
    expect(words.challenge).toBe(run.exchangeUrl.split('/').at(-1));
    expect(words.queries).toEqual([expect.objectContaining({ type: 'DIDAuthentication', answerable: true, cryptosuite: 'eddsa-rdfc-2022' })]);
    expect(words.summary.join(' ')).toMatch(/can answer.*Challenge.*matches the exchange origin/);
  });

  it('says which credentials fit a QueryByExample and why the others do not', () => {
    const { credentials } = transcriptFindings({ messages: run.messages });
    const held = [
      { id: 'issued', credential: credentials[0].credential },
      { id: 'other', credential: { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'OtherCredential'], issuer: 'did:key:z6Mkx', credentialSubject: {} } },
    ];
    const type = (credentials[0].credential.type as string[]).find((t) => t !== 'VerifiableCredential')!;
    const request = { challenge: 'c1', domain: 'https://elsewhere.example', query: [{ type: 'QueryByExample', credentialQuery: { reason: 'Prove you own it', example: { type } } }] };
    const words = explainRequest({ request, credentials: held, origin: service.baseUrl });
    expect(words.domainMatches).toBe(false);
    expect(words.summary.join(' ')).toMatch(/does not match/);
    const [q] = words.queries;
    expect(q).toMatchObject({ type: 'QueryByExample', answerable: true, reason: 'Prove you own it', matched: [{ credentialId: 'issued' }] });
    expect(q.notMatched).toEqual([expect.objectContaining({ credentialId: 'other', why: expect.stringMatching(/type|OtherCredential/) })]);
    const none = explainRequest({ request, credentials: [held[1]] });
    expect(none.satisfiable).toBe(false);
    expect(none.queries[0].problem).toBeTruthy();
    expect(none.blockers.length).toBeGreaterThan(0);
  });

  it('an unreadable request is reported, not thrown', () => {
    expect(explainRequest({ request: 'garbage' })).toMatchObject({ satisfiable: false, unreadable: expect.any(String) });
  });
});

describe('re-verification', () => {
  it('the issued credential verifies; a tampered copy does not', async () => {
    const { credentials } = transcriptFindings({ messages: run.messages });
    const issued = credentials[0].credential;
    expect((await verifyReceived({ credential: issued })).verified).toBe(true);
    const tampered = structuredClone(issued) as any;
    tampered.credentialSubject.id = 'did:key:z6MkAttacker';
    const bad = await verifyReceived({ credential: tampered });
    expect(bad.verified).toBe(false);
    expect(bad.errors.length).toBeGreaterThan(0);
  });

  it('the VP sent verifies against the request it answered, and its proof is summarised', async () => {
    const { presentations } = transcriptFindings({ messages: run.messages });
    const [sent] = presentations;
    expect(await verifySent({ presentation: sent.presentation, request: sent.request })).toMatchObject({ verified: true, holder: key.did });
    expect((await verifySent({ presentation: sent.presentation, request: { ...sent.request, challenge: 'other' } })).verified).toBe(false);
    const [proof] = proofSummary({ document: sent.presentation });
    expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: sent.request!.challenge });
    expect(proof.proofValue).toMatch(/…/);
  });
});
