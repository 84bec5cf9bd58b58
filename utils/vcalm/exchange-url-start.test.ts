// Starting from a VC-API exchange URL (as a CHAPI request names it), against the real local
// workflow service: no discovery GET, the first message is POST {} to the exchange URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, verifyCredential, type WalletKey } from '../crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { answerDidAuth } from './cli/did-auth';
import { checkState, createExchange, next, runExchange, type ExchangeState, type TranscriptMessage } from './index';

let service: WorkflowService;
let key: WalletKey;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  key = await generateDidKey();
});
afterAll(async () => { await service.close(); });

const newExchangeUrl = () => createServiceExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });

describe('createExchange({exchangeUrl})', () => {
  it('starts ready to POST {} with protocols.vcapi recorded, and no interaction URL', () => {
    const state = createExchange({ exchangeUrl: 'https://issuer.example/workflows/w/exchanges/x1' });
    expect(state).toMatchObject({
      status: 'ready', outgoing: {}, exchangeUrl: 'https://issuer.example/workflows/w/exchanges/x1',
      protocols: { vcapi: 'https://issuer.example/workflows/w/exchanges/x1' }, origin: 'https://issuer.example',
      interactionUrls: [], seq: 0, steps: 0,
    });
    expect(state.interactionUrl).toBeUndefined();
    expect(checkState({ state: JSON.parse(JSON.stringify(state)) })).toEqual(state);
  });

  it('needs exactly one of interactionUrl and exchangeUrl', () => {
    expect(() => createExchange({} as any)).toThrow(TypeError);
    expect(() => createExchange({ interactionUrl: 'https://a.example/x?iuv=1', exchangeUrl: 'https://a.example/x' })).toThrow(TypeError);
    expect(() => createExchange({ exchangeUrl: 42 as any })).toThrow(TypeError);
  });

  it('refuses bad exchange URLs with named errors', () => {
    const nameOf = (exchangeUrl: string) => { try { createExchange({ exchangeUrl }); } catch (e) { return (e as Error).name; } return 'none'; };
    expect(nameOf('http://issuer.example/exchanges/x')).toBe('NotAllowedError');
    expect(nameOf('not a url')).toBe('DataError');
    expect(nameOf('ftp://issuer.example/x')).toBe('NotSupportedError');
    expect(nameOf('https://user:pw@issuer.example/x')).toBe('NotAllowedError');
    expect(nameOf('http://127.0.0.1:1/exchanges/x')).toBe('none');
  });
});

describe('exchange URL start against the local workflow service', () => {
  it('request → signed VP → credential → complete, and the transcript has no protocols GET', async () => {
    const exchangeUrl = await newExchangeUrl();
    const messages: TranscriptMessage[] = [];
    const onMessage = (m: TranscriptMessage) => { messages.push(m); };
    const save = (s: ExchangeState) => JSON.parse(JSON.stringify(s)) as ExchangeState;

    let step = await next({ state: save(createExchange({ exchangeUrl })), onMessage });
    expect(step.event).toMatchObject({ type: 'request', exchangeUrl, origin: service.baseUrl, domain: service.baseUrl });
    const vp = await answerDidAuth({ event: step.event as any, key });
    step = await next({ state: save(step.state), input: { type: 'presentation', verifiablePresentation: vp }, onMessage });
    expect(step.event.type).toBe('credentials');
    const [issued] = (step.event as any).presentations[0].verifiableCredential;
    expect(issued.credentialSubject.id).toBe(key.did);
    expect(await verifyCredential({ credential: issued })).toMatchObject({ verified: true });
    step = await next({ state: save(step.state), onMessage });
    expect(step).toMatchObject({ done: true, event: { type: 'complete', received: 1, presented: 1 } });

    expect(messages.map((m) => `${m.seq} ${m.kind} ${m.method} ${m.url} ${m.status}`)).toEqual([
      `0 exchange POST ${exchangeUrl} 200`, `1 exchange POST ${exchangeUrl} 200`,
    ]);
    expect(messages[0].requestBody).toEqual({});
    const exchange = (await request({ url: exchangeUrl, token: service.token })).body.exchange;
    expect(exchange.state).toBe('complete');
    expect(exchange.variables.results.ownerBinding.did).toBe(key.did);
  });

  it('runExchange({exchangeUrl}) completes the same way', async () => {
    const exchangeUrl = await newExchangeUrl();
    const messages: TranscriptMessage[] = [];
    const r = await runExchange({ exchangeUrl, answer: async (event) => answerDidAuth({ event, key }), onMessage: (m) => { messages.push(m); } });
    expect(r.event).toMatchObject({ type: 'complete', received: 1 });
    expect(messages.some((m) => m.method === 'GET')).toBe(false);
  });
});
