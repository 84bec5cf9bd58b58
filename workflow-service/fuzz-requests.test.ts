// Fuzz: workflow-service requests. Malformed create bodies (bearer) and participate bodies (a
// signed DID-auth VP, mutated) against the real service. Each ends in a named error reply
// (bedrock name + status) or a correct answer; a refused participation leaves the stored exchange
// byte-for-byte unchanged, and an accepted one carried a presentation that really verifies.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateDidKey, verifyPresentation, type WalletKey } from '../utils/crypto';
import { formatTally, malformedInputs, newTally, record } from '../utils/testing/fuzz';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';

let service: WorkflowService;
let workflowUrl: string;
let holder: WalletKey;
beforeAll(async () => {
  service = await startWorkflowService({ token: 'fuzz-token-0123456789abcdef' });
  workflowUrl = service.workflowUrl('provenance-issuance');
  holder = await generateDidKey();
});
afterAll(() => service.close());

const named = (reply: { status: number; body: any }) =>
  reply.status >= 400 && reply.status < 500 && typeof reply.body?.name === 'string' && /Error$/.test(reply.body.name)
    ? { name: reply.body.name, message: reply.body.message } : { name: `HTTP ${reply.status}`, message: JSON.stringify(reply.body)?.slice(0, 200) };

async function readyExchange() {
  const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
  const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
  const vpr = start.body.verifiablePresentationRequest;
  return { exchangeUrl, vpr, vp: await answer({ key: holder, vpr }) };
}

describe('fuzz: workflow-service requests', () => {
  test('malformed create bodies: named 4xx or a created exchange', async () => {
    const tally = newTally();
    const inputs = malformedInputs({ valid: { ttl: 600, variables: { subject: 'did:example:bag-456', sku: 'HB-2026-0042' } }, seed: 4400, count: 100 });
    for (const input of inputs) {
      const reply = await request({ url: `${workflowUrl}/exchanges`, method: 'POST', token: service.token, body: input.text });
      if (reply.status === 204) {
        const created = await request({ url: reply.headers.get('location')!, token: service.token });
        record(tally, { label: input.label, correct: created.status === 200 && created.body.exchange?.state === 'pending' });
      } else record(tally, { label: input.label, error: named(reply), extraNames: ['ValidationError'] });
    }
    console.log(formatTally('workflow-service create', tally));
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
  }, 240_000);

  test('malformed presentations: named 4xx with the exchange unchanged, or a VP that verifies', async () => {
    const tally = newTally();
    let ready = await readyExchange();
    const inputs = malformedInputs({ valid: { verifiablePresentation: ready.vp }, seed: 4500, count: 120 });
    for (const input of inputs) {
      const before = await storedText({ service, exchangeUrl: ready.exchangeUrl });
      const reply = await request({ url: ready.exchangeUrl, method: 'POST', body: input.text });
      if (reply.status === 200) {
        const sent = input.value as { verifiablePresentation?: unknown } | undefined;
        if (!sent || typeof sent !== 'object' || sent.verifiablePresentation === undefined || sent.verifiablePresentation === null) {
          // no presentation at all (e.g. {}): the correct answer is the request again, nothing issued
          record(tally, { label: input.label, correct: !!reply.body?.verifiablePresentationRequest && !reply.body?.verifiablePresentation });
        } else {
          const check = await verifyPresentation({ presentation: sent.verifiablePresentation, challenge: ready.vpr.challenge, domain: ready.vpr.domain });
          record(tally, { label: input.label, correct: check.verified });
        }
        ready = await readyExchange();
        continue;
      }
      record(tally, { label: input.label, error: named(reply), extraNames: ['ValidationError'] });
      expect(await storedText({ service, exchangeUrl: ready.exchangeUrl }), input.label).toBe(before);
    }
    console.log(formatTally('workflow-service participate', tally));
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
    expect(tally.named).toBeGreaterThan(60);
  }, 400_000);
});
