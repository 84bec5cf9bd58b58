// The VCALM checks a workflow service must pass, reproduced by hand against the real service.
// Each test names the VCALM section (https://www.w3.org/TR/vcalm-1.0/) it checks and, where it
// has one, the OpSecId vcalm-test-suite case it re-does (tests/3.6-Workflows, 3.7-Interactions,
// 2.4-Configurations, 3.8-ErrorHandling).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { generateDidKey, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';
import { DEFAULT_WORKFLOWS_FILE } from './workflows';

const TOKEN = 'spec-token-0123456789abcdef';
const UUID_URN = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_OPTION = 'https://www.w3.org/TR/vcalm#UNKNOWN_OPTION_PROVIDED';

let service: WorkflowService;
let dataDir: string;
let holder: WalletKey;
let provenance: any;

/** VCALM §3.8 / OpSecId 3.8.2 shouldBeProblemDetails + what the wallet and coordinator read. */
function expectProblem(body: any, status: number) {
  expect(body.type).toMatch(/^https?:\/\//);
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(typeof body.detail).toBe('string');
  expect(body.detail.length).toBeGreaterThan(0);
  expect(body.status).toBe(status);
  expect(body.name).toMatch(/^[A-Z][A-Za-z]*Error$/);
  expect(body.message).toBe(body.detail);
}

const didAuthStep = (extra: Record<string, unknown> = {}) => ({
  createChallenge: true,
  verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }] }] },
  ...extra,
});

async function createWorkflow(body: unknown, token: string | null = TOKEN) {
  return request({ url: `${service.baseUrl}/workflows`, method: 'POST', token: token ?? undefined, body });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ws-spec-'));
  service = await startWorkflowService({ token: TOKEN, dataDir });
  holder = await generateDidKey();
  provenance = JSON.parse(await readFile(DEFAULT_WORKFLOWS_FILE, 'utf8')).workflows['provenance-issuance'];
});
afterAll(async () => {
  await service.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('VCALM §3.6.1 Create a workflow (POST /workflows; OpSecId 3.6.1, 3.6.9)', () => {
  it('creates with the token: 201, Location, the configuration back; exchanges then run on it', async () => {
    // the issue template reads results.ownerBinding.did: the step keeps that name
    const sent = { id: 'spec-created', initialStep: 'ownerBinding', steps: { ownerBinding: didAuthStep({ nextStep: 'issue' }), issue: provenance.steps.issueAuthenticity }, requiredVariables: ['subject', 'sku'] };
    const created = await createWorkflow(sent);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${service.baseUrl}/workflows/spec-created`);
    expect(created.body).toEqual(sent);

    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('spec-created'), token: TOKEN });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const final = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp, referenceId: start.body.referenceId } });
    expect(final.status).toBe(200);
    expect(final.body.verifiablePresentation.verifiableCredential[0].credentialSubject.id).toBe(holder.did);
  });

  it("OpSecId's own create-workflow request: a urn:uuid id, a step with its own request; then read back", async () => {
    const id = `urn:uuid:${randomUUID()}`;
    const sent = {
      id,
      initialStep: 'start',
      steps: { start: { verifiablePresentationRequest: { query: [{ type: 'QueryByExample', credentialQuery: { example: { type: 'VerifiableCredential' } } }], challenge: `urn:uuid:${randomUUID()}`, domain: 'vcalm.test' } } },
    };
    const created = await createWorkflow(sent);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`${service.baseUrl}/workflows/${id}`);
    const config = await request({ url: created.headers.get('location')!, token: TOKEN });
    expect(config.status).toBe(200);
    expect(config.body).toEqual(sent);
    const exchangeUrl = await createExchange({ workflowUrl: created.headers.get('location')!, token: TOKEN, variables: {} });
    expect((await request({ url: exchangeUrl, token: TOKEN })).body.exchange).toMatchObject({ workflowId: id, state: 'pending' });
  });

  it('without an id, names it: the Location is the new workflow', async () => {
    const created = await createWorkflow({ initialStep: 'auth', steps: { auth: didAuthStep() } });
    expect(created.status).toBe(201);
    const location = created.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^${service.baseUrl}/workflows/[A-Za-z0-9_-]{16,}$`));
    expect(created.body.id).toBe(location.split('/').pop());
  });

  it('refuses without a token (401, WWW-Authenticate) and with a wrong one (403); nothing is created', async () => {
    const body = { id: 'spec-unauthorised', initialStep: 'auth', steps: { auth: didAuthStep() } };
    const none = await createWorkflow(body, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(none.body, 401);
    const wrong = await createWorkflow(body, 'not-the-token-0123456789');
    expect(wrong.status).toBe(403);
    expectProblem(wrong.body, 403);
    expect((await request({ url: service.workflowUrl('spec-unauthorised'), token: TOKEN })).status).toBe(404);
  });

  it('§2.4: an unknown property, at the top or in a step, is UNKNOWN_OPTION_PROVIDED; nothing is created', async () => {
    const top = await createWorkflow({ id: 'spec-unknown', initialStep: 'auth', steps: { auth: didAuthStep() }, x: true });
    expect(top.status).toBe(400);
    expectProblem(top.body, 400);
    expect(top.body.type).toBe(UNKNOWN_OPTION);
    expect(top.body.title).toBe('UNKNOWN_OPTION_PROVIDED');
    const inStep = await createWorkflow({ id: 'spec-unknown', initialStep: 'auth', steps: { auth: didAuthStep({ presentationSchema: {} }) } });
    expect(inStep.status).toBe(400);
    expect(inStep.body.type).toBe(UNKNOWN_OPTION);
    expect(inStep.body.detail).toContain('presentationSchema');
    expect((await request({ url: service.workflowUrl('spec-unknown'), token: TOKEN })).status).toBe(404);
  });

  it('malformed configurations are 400 ProblemDetails naming the field (OpSecId 3.6.9 negatives)', async () => {
    const cases: [unknown, string][] = [
      [{ id: 'spec-bad', steps: { a: didAuthStep() } }, 'initialStep'],
      [{ id: 'spec-bad', initialStep: 'a' }, 'steps'],
      [{ id: 'spec-bad', initialStep: 'a', steps: { a: { nextStep: 'a' } } }, 'loop'],
      [{ id: 'spec-bad', initialStep: 'a', steps: { a: { callback: { url: 'ftp://x.example' } } } }, 'callback'],
      [{ id: 'bad id!', initialStep: 'a', steps: { a: {} } }, '"id"'],
      [[], 'workflow configuration'],
    ];
    for (const [body, mentions] of cases) {
      const reply = await createWorkflow(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expectProblem(reply.body, 400);
      expect(reply.body.detail).toContain(mentions);
    }
    expect((await request({ url: service.workflowUrl('spec-bad'), token: TOKEN })).status).toBe(404);
  });

  it('an id already in use is 409 and the first configuration stays', async () => {
    const again = await createWorkflow({ id: 'provenance-issuance', initialStep: 'a', steps: { a: {} } });
    expect(again.status).toBe(409);
    expectProblem(again.body, 409);
    const config = await request({ url: service.workflowUrl('provenance-issuance'), token: TOKEN });
    expect(config.body.initialStep).toBe('ownerBinding');
  });

  it('workflow configurations live in the store: a created one survives a restart', async () => {
    await createWorkflow({ id: 'spec-durable', initialStep: 'auth', steps: { auth: didAuthStep() } });
    const again = await startWorkflowService({ token: TOKEN, dataDir });
    try {
      const config = await request({ url: again.workflowUrl('spec-durable'), token: TOKEN });
      expect(config.status).toBe(200);
      expect(config.body).toEqual({ id: 'spec-durable', initialStep: 'auth', steps: { auth: didAuthStep() } });
    } finally {
      await again.close();
    }
  });
});

describe('VCALM §3.6.2 Get a workflow configuration (GET /workflows/{id}; OpSecId 3.6.2)', () => {
  it('with the token: 200, the configuration (id, initialStep, every step)', async () => {
    const reply = await request({ url: service.workflowUrl('provenance-issuance'), token: TOKEN });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ id: 'provenance-issuance', ...provenance });
  });

  it('without a token: only a public description, never templates or requests (the demo prints this URL)', async () => {
    const reply = await request({ url: service.workflowUrl('provenance-issuance') });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: 'provenance-issuance', steps: ['ownerBinding', 'issueAuthenticity'], requiredVariables: ['subject', 'sku'] });
    expect(reply.body.configuration).toContain('Authorization: Bearer');
    const text = JSON.stringify(reply.body);
    for (const secret of ['initialStep', 'credentialSubject', 'verifiablePresentationRequest', 'DIDAuthentication', TOKEN]) {
      expect(text).not.toContain(secret);
    }
  });

  it('a wrong token is 403, not a downgrade to the public description; an unknown workflow is 404', async () => {
    const wrong = await request({ url: service.workflowUrl('provenance-issuance'), token: 'not-the-token-0123456789' });
    expect(wrong.status).toBe(403);
    expectProblem(wrong.body, 403);
    const unknown = await request({ url: service.workflowUrl('no-such-workflow'), token: TOKEN });
    expect(unknown.status).toBe(404);
    expectProblem(unknown.body, 404);
  });
});

describe('VCALM §3.6.3 Create an exchange (OpSecId 3.6.3, 2.4.2)', () => {
  it('§2.4: an unknown property in the create body is UNKNOWN_OPTION_PROVIDED', async () => {
    const reply = await request({ url: `${service.workflowUrl('provenance-issuance')}/exchanges`, method: 'POST', token: TOKEN, body: { variables: { subject: 's', sku: 'k' }, x: true } });
    expect(reply.status).toBe(400);
    expectProblem(reply.body, 400);
    expect(reply.body.type).toBe(UNKNOWN_OPTION);
  });
});

describe('VCALM §3.6.5 Participate in an exchange (OpSecId 3.6.5, 3.6.5.1)', () => {
  it('§2.4: {"x": true} is UNKNOWN_OPTION_PROVIDED and changes nothing stored', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const before = await storedText({ service, exchangeUrl });
    for (const body of [{ x: true }, { verifiablePresentation: {}, extra: 1 }]) {
      const reply = await request({ url: exchangeUrl, method: 'POST', body });
      expect(reply.status).toBe(400);
      expectProblem(reply.body, 400);
      expect(reply.body.type).toBe(UNKNOWN_OPTION);
    }
    expect(await storedText({ service, exchangeUrl })).toBe(before);
  });

  it("the spec's other client messages (the client's own request or redirectUrl) are refused as not supported", async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const reply = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentationRequest: { query: [{ type: 'DIDAuthentication' }] } } });
    expect(reply.status).toBe(400);
    expect(reply.body.name).toBe('NotSupportedError');
    expectProblem(reply.body, 400);
  });

  it('sends a urn:uuid referenceId with each step request, the same when asked again, a fresh one for the next step', async () => {
    const sent = { id: 'spec-two-requests', initialStep: 'first', steps: { first: didAuthStep({ nextStep: 'second' }), second: didAuthStep() } };
    expect((await createWorkflow(sent)).status).toBe(201);
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('spec-two-requests'), token: TOKEN, variables: {} });
    const first = await request({ url: exchangeUrl, method: 'POST', body: {} });
    expect(first.body.referenceId).toMatch(UUID_URN);
    const repeat = await request({ url: exchangeUrl, method: 'POST', body: { referenceId: first.body.referenceId } });
    expect(repeat.body.referenceId).toBe(first.body.referenceId);
    const vp = await answer({ key: holder, vpr: first.body.verifiablePresentationRequest });
    const second = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp, referenceId: first.body.referenceId } });
    expect(second.status).toBe(200);
    expect(second.body.referenceId).toMatch(UUID_URN);
    expect(second.body.referenceId).not.toBe(first.body.referenceId);
    // a client that does not echo (it SHOULD, need not) still gets on
    const vp2 = await answer({ key: holder, vpr: second.body.verifiablePresentationRequest });
    const done = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp2 } });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({});
  });

  it('checks the echo: a referenceId the service did not send for this step is refused, nothing stored changes', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const fresh = await request({ url: exchangeUrl, method: 'POST', body: { referenceId: 'urn:uuid:00000000-0000-4000-8000-000000000000' } });
    expect(fresh.status).toBe(400); // none sent yet
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const before = await storedText({ service, exchangeUrl });
    const vp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest });
    const wrong = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp, referenceId: 'urn:uuid:00000000-0000-4000-8000-000000000000' } });
    expect(wrong.status).toBe(400);
    expectProblem(wrong.body, 400);
    expect(wrong.body.detail).toContain('referenceId');
    expect(await storedText({ service, exchangeUrl })).toBe(before);
    const right = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp, referenceId: start.body.referenceId } });
    expect(right.status).toBe(200);
    expect(right.body.verifiablePresentation.verifiableCredential).toHaveLength(1);
  });
});

describe('VCALM §3.6.6 Get the exchange state (OAS GetExchangeResponse; OpSecId 3.6.6)', () => {
  const OAS_KEYS = ['id', 'sequence', 'expires', 'step', 'state', 'lastError', 'variables'];

  it("answers bedrock's wrapped shape by default and the flat OAS shape on Exchange-Shape: flat", async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const id = exchangeUrl.split('/').pop();
    const wrapped = await request({ url: exchangeUrl, token: TOKEN });
    expect(wrapped.body.exchange).toMatchObject({ id, workflowId: 'provenance-issuance', state: 'pending', sequence: 0 });
    const flat = await request({ url: exchangeUrl, token: TOKEN, headers: { 'exchange-shape': 'flat' } });
    expect(flat.status).toBe(200);
    expect(flat.headers.get('vary')).toContain('exchange-shape');
    expect(flat.body).toMatchObject({ id, state: 'pending', sequence: 0, step: 'ownerBinding', variables: { results: {} } });
    for (const key of Object.keys(flat.body)) expect(OAS_KEYS).toContain(key); // additionalProperties: false
    const bad = await request({ url: exchangeUrl, token: TOKEN, headers: { 'exchange-shape': 'round' } });
    expect(bad.status).toBe(400);
    expectProblem(bad.body, 400);
  });

  it('a service started with exchangeShape "flat" answers flat unless asked for wrapped', async () => {
    const flatService = await startWorkflowService({ token: TOKEN, exchangeShape: 'flat' });
    try {
      const exchangeUrl = await createExchange({ workflowUrl: flatService.workflowUrl('provenance-issuance'), token: TOKEN });
      expect((await request({ url: exchangeUrl, token: TOKEN })).body).toMatchObject({ state: 'pending', sequence: 0 });
      expect((await request({ url: exchangeUrl, token: TOKEN, headers: { 'exchange-shape': 'wrapped' } })).body.exchange.state).toBe('pending');
    } finally {
      await flatService.close();
    }
  });

  it('lastError is a ProblemDetails (http(s) type) that keeps bedrock name and message', async () => {
    // a template that needs a variable the exchange lacks makes issuance fail: the exchange turns invalid
    await createWorkflow({ id: 'spec-fails', initialStep: 'issue', steps: { issue: { issue: [{ credential: { id: '{{variables.missing}}' } }] } } });
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('spec-fails'), token: TOKEN, variables: {} });
    const failed = await request({ url: exchangeUrl, method: 'POST', body: {} });
    expect(failed.status).toBe(500);
    expectProblem(failed.body, 500);
    const flat = await request({ url: exchangeUrl, token: TOKEN, headers: { 'exchange-shape': 'flat' } });
    expect(flat.body.state).toBe('invalid');
    expect(flat.body.lastError.type).toMatch(/^https?:\/\//);
    expect(flat.body.lastError).toMatchObject({ name: 'OperationError', title: 'Internal Server Error' });
    expect(flat.body.lastError.detail).toBe(flat.body.lastError.message);
  });
});

describe('VCALM §3.6 Get the current verifiable presentation request (GET {exchange}/request)', () => {
  it('answers the current request to anyone with the URL, and changes nothing: no challenge used, no state, no sequence', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const before = await storedText({ service, exchangeUrl });
    const current = await request({ url: `${exchangeUrl}/request` });
    expect(current.status).toBe(200);
    expect(current.headers.get('access-control-allow-origin')).toBe('*');
    expect(current.body.verifiablePresentationRequest.query[0].type).toBe('DIDAuthentication');
    expect(await request({ url: `${exchangeUrl}/request` })).toMatchObject({ body: current.body });
    expect(await storedText({ service, exchangeUrl })).toBe(before);
    // the wallet's POST {} then sends that very request, and the answer to it is accepted
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    expect(start.body.verifiablePresentationRequest).toEqual(current.body.verifiablePresentationRequest);
    const vp = await answer({ key: holder, vpr: current.body.verifiablePresentationRequest });
    expect((await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } })).status).toBe(200);
  });

  it('a later step: its stored challenge; after the last step: an empty request', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('spec-two-requests'), token: TOKEN, variables: {} });
    const first = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const vp = await answer({ key: holder, vpr: first.body.verifiablePresentationRequest });
    const second = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
    const before = await storedText({ service, exchangeUrl });
    const current = await request({ url: `${exchangeUrl}/request` });
    expect(current.body.verifiablePresentationRequest.challenge).toBe(second.body.verifiablePresentationRequest.challenge);
    expect(await storedText({ service, exchangeUrl })).toBe(before);
    const vp2 = await answer({ key: holder, vpr: second.body.verifiablePresentationRequest });
    await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp2 } });
    expect((await request({ url: `${exchangeUrl}/request` })).body).toEqual({ verifiablePresentationRequest: {} });
  });

  it('a step that asks for nothing answers an empty request', async () => {
    await createWorkflow({ id: 'spec-no-request', initialStep: 'only', steps: { only: { redirectUrl: 'https://shop.example/done' } } });
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('spec-no-request'), token: TOKEN, variables: {} });
    expect((await request({ url: `${exchangeUrl}/request` })).body).toEqual({ verifiablePresentationRequest: {} });
    expect((await request({ url: exchangeUrl, token: TOKEN })).body.exchange.state).toBe('pending');
  });
});

describe('VCALM §3.8 Errors: every error is a ProblemDetails with an http(s) type (OpSecId 3.8.2)', () => {
  it('across the routes: 400 (JSON, shape, verification), 401, 403, 404, 405, 413, 415', async () => {
    const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: TOKEN });
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const badVp = await answer({ key: holder, vpr: start.body.verifiablePresentationRequest, challenge: 'not-the-challenge' });
    const cases: [Promise<{ status: number; body: any }>, number, string?][] = [
      [request({ url: exchangeUrl, method: 'POST', body: '{not json' }), 400, 'https://www.w3.org/TR/vc-data-model-2.0/#PARSING_ERROR'],
      [request({ url: exchangeUrl, method: 'POST', body: [] }), 400, 'https://www.w3.org/TR/vc-data-model-2.0/#MALFORMED_VALUE_ERROR'],
      [request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: badVp } }), 400, 'https://www.w3.org/TR/vc-data-model-2.0/#CRYPTOGRAPHIC_SECURITY_ERROR'],
      [request({ url: exchangeUrl }), 401],
      [request({ url: exchangeUrl, token: 'not-the-token-0123456789' }), 403],
      [request({ url: `${service.baseUrl}/workflows/provenance-issuance/exchanges/AAAAAAAAAAAAAAAAAAAAAA`, token: TOKEN }), 404],
      [request({ url: `${service.baseUrl}/workflows/provenance-issuance/exchanges/AAAAAAAAAAAAAAAAAAAAAA`, method: 'POST', body: {} }), 404],
      [request({ url: `${service.baseUrl}/nowhere` }), 404],
      [request({ url: exchangeUrl, method: 'PUT', body: {} }), 405],
      [request({ url: exchangeUrl, method: 'POST', body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) }), 413],
      [request({ url: exchangeUrl, method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415],
    ];
    for (const [pending, status, type] of cases) {
      const reply = await pending;
      expect(reply.status).toBe(status);
      expectProblem(reply.body, status);
      if (type) expect(reply.body.type).toBe(type);
    }
  });
});
