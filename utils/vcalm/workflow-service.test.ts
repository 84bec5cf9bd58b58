// The step machine against the real local workflow service (workflow-service/), signing with
// utils/crypto. No mocks: real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, verifyCredential, verifyPresentation, type WalletKey } from '../crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { answerDidAuth } from './cli/did-auth';
import { createExchange, next, runExchange, type ExchangeState, type TranscriptMessage } from './index';

let service: WorkflowService;
let key: WalletKey;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  key = await generateDidKey();
});
afterAll(async () => { await service.close(); });

async function newExchange() {
  const exchangeUrl = await createServiceExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });
  return { exchangeUrl, interactionUrl: `${exchangeUrl}?iuv=1` };
}

async function readExchange(exchangeUrl: string) {
  const reply = await request({ url: exchangeUrl, token: service.token });
  expect(reply.status).toBe(200);
  return reply.body.exchange;
}

describe('provenance-issuance against the local workflow service', () => {
  it('runs DID auth + issue step by step, with a JSON-round-tripped state between steps', async () => {
    const { exchangeUrl, interactionUrl } = await newExchange();
    const messages: TranscriptMessage[] = [];
    const onMessage = (m: TranscriptMessage) => { messages.push(m); };
    const save = (s: ExchangeState) => JSON.parse(JSON.stringify(s)) as ExchangeState;

    let step = await next({ state: createExchange({ interactionUrl }), onMessage });
    expect(step.event).toEqual({ type: 'protocols', interactionUrl, origin: service.baseUrl, protocols: { vcapi: exchangeUrl }, exchangeUrl, warnings: [] });
    step = await next({ state: save(step.state), onMessage });
    expect(step.event).toMatchObject({ type: 'request', origin: service.baseUrl, challenge: exchangeUrl.split('/').at(-1), domain: service.baseUrl, domainMatchesOrigin: true });
    const vp = await answerDidAuth({ event: step.event as any, key });
    step = await next({ state: save(step.state), input: { type: 'presentation', verifiablePresentation: vp }, onMessage });
    expect(step.event.type).toBe('credentials');
    const [issued] = (step.event as any).presentations[0].verifiableCredential;
    expect(issued.credentialSubject.id).toBe(key.did);
    const verification = await verifyCredential({ credential: issued });
    expect(verification).toMatchObject({ verified: true, issuer: service.issuer });
    step = await next({ state: save(step.state), onMessage });
    expect(step).toMatchObject({ done: true, event: { type: 'complete', received: 1, presented: 1 } });

    const exchange = await readExchange(exchangeUrl);
    expect(exchange.state).toBe('complete');
    expect(exchange.variables.results.ownerBinding.did).toBe(key.did);
    expect(messages.map((m) => `${m.seq} ${m.kind} ${m.method} ${m.status}`)).toEqual(['0 protocols GET 200', '1 exchange POST 200', '2 exchange POST 200']);
    expect((messages[2].requestBody as any).verifiablePresentation.proof.challenge).toBe(exchange.id);
    expect(messages.every((m) => !Object.keys(m.requestHeaders).includes('authorization'))).toBe(true);
  });

  it('the VP it sends verifies, with the service-chosen challenge and domain', async () => {
    const { interactionUrl } = await newExchange();
    let sent: Record<string, unknown> | undefined;
    let asked: any;
    const r = await runExchange({ interactionUrl, answer: async (event) => { asked = event; sent = await answerDidAuth({ event, key }); return sent; } });
    expect(r.event.type).toBe('complete');
    const v = await verifyPresentation({ presentation: sent!, challenge: asked.challenge, domain: asked.domain });
    expect(v).toMatchObject({ verified: true, holder: key.did });
  });

  it('decline sends nothing: the exchange never gets an ownerBinding', async () => {
    const { exchangeUrl, interactionUrl } = await newExchange();
    const messages: TranscriptMessage[] = [];
    const r = await runExchange({ interactionUrl, answer: async () => null, onMessage: (m) => { messages.push(m); } });
    expect(r.event).toMatchObject({ type: 'declined' });
    expect(messages.filter((m) => m.method === 'POST').map((m) => m.requestBody)).toEqual([{}]);
    const exchange = await readExchange(exchangeUrl);
    expect(exchange.state).not.toBe('complete');
    expect(exchange.variables.results?.ownerBinding).toBeUndefined();
  });

  it('a refused presentation fails with the service\'s own message and changes nothing', async () => {
    const { exchangeUrl, interactionUrl } = await newExchange();
    const r = await runExchange({
      interactionUrl,
      answer: async (event) => answerDidAuth({ event: { ...event, challenge: 'not-the-challenge' }, key }),
    });
    expect(r.event).toMatchObject({ type: 'failed', error: { name: 'DataError', status: 400, requestUrl: exchangeUrl } });
    expect((r.event as any).error.message).toMatch(/challenge/i);
    expect((r.event as any).error.data).toMatchObject({ name: 'DataError' });
    expect((await readExchange(exchangeUrl)).state).not.toBe('complete');
  });

  it('a completed or unknown exchange is refused with NotAllowedError / NotFoundError', async () => {
    const { interactionUrl } = await newExchange();
    const answer = async (event: any) => answerDidAuth({ event, key });
    expect((await runExchange({ interactionUrl, answer })).event.type).toBe('complete');
    const again = await runExchange({ interactionUrl, answer });
    expect(again.event).toMatchObject({ type: 'failed', error: { name: 'NotAllowedError', status: 403 } });
    expect((again.event as any).error.message).toContain('Exchange is complete');
    const unknown = await runExchange({ interactionUrl: `${service.workflowUrl('provenance-issuance')}/exchanges/nope?iuv=1`, answer });
    expect(unknown.event).toMatchObject({ type: 'failed', error: { name: 'NotFoundError', status: 404 } });
  });

  it('worker killed after the VP went out: resume fails cleanly, nothing re-sent, one credential issued', async () => {
    const { exchangeUrl, interactionUrl } = await newExchange();
    let saved: ExchangeState | undefined;
    const first = await runExchange({ interactionUrl, answer: async (event) => answerDidAuth({ event, key }), checkpoint: (s) => { saved = structuredClone(s); } });
    expect(first.event.type).toBe('complete');
    expect(saved).toMatchObject({ status: 'posting', pending: { carriesPresentation: true } });
    const messages: TranscriptMessage[] = [];
    const resumed = await next({ state: saved!, onMessage: (m) => { messages.push(m); } });
    expect(resumed.event).toMatchObject({ type: 'failed', error: { name: 'InterruptedError' } });
    expect(messages).toHaveLength(1); // only the record of the lost POST; nothing went over the wire
    expect(messages[0]).toMatchObject({ method: 'POST', error: { name: 'InterruptedError' } });
    const exchange = await readExchange(exchangeUrl);
    expect(exchange.state).toBe('complete');
    expect(exchange.variables.results.ownerBinding.did).toBe(key.did);
  });

  it('worker killed after POST {}: resume re-sends {} and the exchange completes', async () => {
    const { exchangeUrl, interactionUrl } = await newExchange();
    let state = (await next({ state: createExchange({ interactionUrl }) })).state;
    let saved: ExchangeState | undefined;
    await next({ state, checkpoint: (s) => { saved = JSON.parse(JSON.stringify(s)); } });
    const r = await runExchange({ state: saved!, answer: async (event) => answerDidAuth({ event, key }) });
    expect(r.event).toMatchObject({ type: 'complete', received: 1 });
    expect(r.state.warnings.join(' ')).toMatch(/Resumed after an interruption/);
    state = r.state;
    expect(state.steps).toBe(3);
    expect((await readExchange(exchangeUrl)).variables.results.ownerBinding.did).toBe(key.did);
  });
});
