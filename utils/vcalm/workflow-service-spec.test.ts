// The wallet's exchange code against the real workflow service's VCALM surface: it echoes the
// service's referenceId (VCALM §3.6.5) and names every ProblemDetails error (§3.8) it can meet
// while participating. No mocks: real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, type WalletKey } from '../crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { answer, createExchange as createServiceExchange, request } from '../../workflow-service/testing/holder';
import { answerDidAuth } from './cli/did-auth';
import { errorFromResponse } from './http-error';
import { runExchange, type TranscriptMessage } from './index';

let service: WorkflowService;
let key: WalletKey;
beforeAll(async () => {
  service = await startWorkflowService({ host: '127.0.0.1', port: 0 });
  key = await generateDidKey();
});
afterAll(() => service.close());

const newExchange = () => createServiceExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token: service.token });

describe('VCALM §3.6.5: referenceId', () => {
  it('the wallet echoes the urn:uuid referenceId the service sent, and the service accepts it', async () => {
    const exchangeUrl = await newExchange();
    const messages: TranscriptMessage[] = [];
    const r = await runExchange({ interactionUrl: `${exchangeUrl}?iuv=1`, answer: (event) => answerDidAuth({ event: event as any, key }), onMessage: (m) => { messages.push(m); } });
    expect(r.event.type).toBe('complete');
    const posts = messages.filter((m) => m.method === 'POST');
    const sent = (posts[0].responseBody as any).referenceId;
    expect(sent).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect((posts[1].requestBody as any).referenceId).toBe(sent);
    expect(posts.map((m) => m.status)).toEqual([200, 200]);
  });
});

describe('VCALM §3.8: the wallet names every ProblemDetails error of a participation', () => {
  it("keeps the service's bedrock name (not the http(s) type) and its message", async () => {
    const exchangeUrl = await newExchange();
    const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
    const badVp = await answer({ key, vpr: start.body.verifiablePresentationRequest, challenge: 'wrong' });
    const cases: [Promise<{ status: number; body: any }>, string][] = [
      [request({ url: exchangeUrl, method: 'POST', body: { x: true } }), 'ValidationError'],
      [request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: badVp } }), 'DataError'],
      [request({ url: exchangeUrl, method: 'POST', body: '{' }), 'DataError'],
      [request({ url: `${service.workflowUrl('provenance-issuance')}/exchanges/AAAAAAAAAAAAAAAAAAAAAA`, method: 'POST', body: {} }), 'NotFoundError'],
    ];
    const goodVp = await answer({ key, vpr: start.body.verifiablePresentationRequest });
    await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: goodVp } });
    cases.push([request({ url: exchangeUrl, method: 'POST', body: {} }), 'NotAllowedError']); // complete now
    for (const [pending, name] of cases) {
      const reply = await pending;
      expect(reply.body.type).toMatch(/^https?:\/\//);
      const error = errorFromResponse({ status: reply.status, body: reply.body, requestUrl: exchangeUrl });
      expect(error.name).toBe(name);
      expect(error.message).toContain(reply.body.message);
    }
  });
});
