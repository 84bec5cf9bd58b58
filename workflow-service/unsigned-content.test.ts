// The service verifies exactly what was signed: a presentation carrying a "__proto__" key (which
// JSON-LD expansion would skip) is refused, and a 20,000-level body is a named DataError; the
// stored exchange is unchanged and still usable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDidKey, type WalletKey } from '../utils/crypto';
import { startWorkflowService, type WorkflowService } from './index';
import { answer, createExchange, request } from './testing/holder';
import { storedText } from './testing/files';

let service: WorkflowService;
let workflowUrl: string;
let holder: WalletKey;

beforeAll(async () => {
  service = await startWorkflowService({ token: 'unsigned-token-0123456789', bodyLimit: 512 * 1024 });
  workflowUrl = service.workflowUrl('provenance-issuance');
  holder = await generateDidKey();
});
afterAll(() => service.close());

async function startedExchange() {
  const exchangeUrl = await createExchange({ workflowUrl, token: service.token });
  const start = await request({ url: exchangeUrl, method: 'POST', body: {} });
  return { exchangeUrl, vpr: start.body.verifiablePresentationRequest };
}

describe('request bodies the service refuses before verifying', () => {
  for (const at of ['{', '"proof":{']) {
    it(`a signed VP with "__proto__" added after "${at}" is a 400 DataError`, async () => {
      const { exchangeUrl, vpr } = await startedExchange();
      const vp = await answer({ key: holder, vpr });
      const text = JSON.stringify({ verifiablePresentation: vp });
      const at2 = at === '{' ? '"verifiablePresentation":{' : at;
      expect(text).toContain(at2);
      const tampered = text.replace(at2, `${at2}"__proto__":{"holder":"did:example:mallory"},`);
      const before = await storedText({ service, exchangeUrl });
      const reply = await request({ url: exchangeUrl, method: 'POST', body: tampered });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ name: 'DataError', message: expect.stringContaining('"__proto__" key') });
      expect(await storedText({ service, exchangeUrl })).toBe(before);
      const good = await request({ url: exchangeUrl, method: 'POST', body: { verifiablePresentation: vp } });
      expect(good.status).toBe(200);
    });
  }

  it('20,000 levels of nesting is a 400 DataError', async () => {
    const { exchangeUrl } = await startedExchange();
    const before = await storedText({ service, exchangeUrl });
    const body = `{"verifiablePresentation":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const reply = await request({ url: exchangeUrl, method: 'POST', body });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ name: 'DataError', message: expect.stringContaining('nests deeper than') });
    expect(await storedText({ service, exchangeUrl })).toBe(before);
  });
});
