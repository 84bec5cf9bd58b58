// The coordinator library against the real workflow service's VCALM surface: it reads the
// exchange state in both shapes (VCALM §3.6.6: bedrock's wrapped one and the OAS flat
// GetExchangeResponse) and names every ProblemDetails error (§3.8) the service sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey } from '../../utils/crypto';
import { startWorkflowService, type WorkflowService } from '../../workflow-service';
import { createExchange, request, runProvenanceExchange } from '../../workflow-service/testing/holder';
import { httpError } from './http';
import { pollExchange, readExchange } from './index';

const token = 'coordinator-spec-token-0123456789';
let wrapped: WorkflowService;
let flat: WorkflowService;

beforeAll(async () => {
  [wrapped, flat] = await Promise.all([startWorkflowService({ token }), startWorkflowService({ token, exchangeShape: 'flat' })]);
});
afterAll(() => Promise.all([wrapped.close(), flat.close()]));

describe('VCALM §3.6.6: readExchange / pollExchange read both exchange shapes', () => {
  for (const [label, pick] of [['wrapped {exchange}', () => wrapped], ['flat GetExchangeResponse', () => flat]] as const) {
    it(`${label}: pending, then complete with the holder's DID`, async () => {
      const service = pick();
      const exchangeUrl = await createExchange({ workflowUrl: service.workflowUrl('provenance-issuance'), token });
      const raw = await request({ url: exchangeUrl, token });
      expect('exchange' in raw.body).toBe(label.startsWith('wrapped'));
      const pending = await readExchange({ exchangeUrl, token });
      expect(pending).toMatchObject({ id: exchangeUrl.split('/').pop(), state: 'pending', sequence: 0, step: 'ownerBinding' });
      const key = await generateDidKey();
      await runProvenanceExchange({ exchangeUrl, key });
      const result = await pollExchange({ exchangeUrl, token, timeoutMs: 10_000 });
      expect(result.exchange.state).toBe('complete');
      expect(result.results.ownerBinding.did).toBe(key.did);
    });
  }
});

describe('VCALM §3.8: the coordinator names every ProblemDetails error the service sends', () => {
  it("keeps the service's bedrock name and message beside the http(s) type", async () => {
    const exchangeUrl = await createExchange({ workflowUrl: wrapped.workflowUrl('provenance-issuance'), token });
    const cases: [Promise<{ status: number; body: any }>, string][] = [
      [request({ url: exchangeUrl }), 'NotAllowedError'],
      [request({ url: exchangeUrl, token: 'not-the-token-0123456789' }), 'NotAllowedError'],
      [request({ url: `${wrapped.workflowUrl('provenance-issuance')}/exchanges/AAAAAAAAAAAAAAAAAAAAAA`, token }), 'NotFoundError'],
      [request({ url: `${wrapped.workflowUrl('provenance-issuance')}/exchanges`, method: 'POST', token, body: { x: 1 } }), 'ValidationError'],
      [request({ url: `${wrapped.baseUrl}/workflows`, method: 'POST', token, body: { id: 'provenance-issuance', initialStep: 'a', steps: { a: {} } } }), 'ConstraintError'],
    ];
    for (const [pending, name] of cases) {
      const reply = await pending;
      expect(reply.body.type).toMatch(/^https?:\/\//);
      const error = httpError({ what: 'Calling the workflow service', status: reply.status, data: reply.body, requestUrl: exchangeUrl });
      expect(error.name).toBe(name);
      expect(error.message).toContain(reply.body.message);
    }
  });
});
