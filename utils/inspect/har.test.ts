import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../crypto';
import type { WorkflowService } from '../../workflow-service';
import { exchangeToHar, messageToHarEntry } from './har';
import { validateHar } from './har-validate';
import { realRun, startService, type RealRun } from './test-support';
import type { TranscriptMessage } from './types';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key });
});
afterAll(async () => { await service?.close(); });

describe('HAR 1.2 export of a real exchange', () => {
  it('has the log header, one page and one entry per message with request, response and timings', () => {
    const har = exchangeToHar({ exchange: run.exchange, messages: run.messages });
    expect(validateHar({ har })).toEqual({ valid: true, errors: [] });
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator.name).toMatch(/inspector/);
    expect(har.log.entries.map((e) => `${e.request.method} ${e.response.status}`)).toEqual(['GET 200', 'POST 200', 'POST 200']);
    const [discover, first, second] = har.log.entries;
    expect(discover.request.url).toBe(run.interactionUrl);
    expect(discover.request.queryString).toEqual([{ name: 'iuv', value: '1' }]);
    expect(discover.request.postData).toBeUndefined();
    expect(first.request.postData).toEqual({ mimeType: 'application/json', text: '{}' });
    expect([JSON.parse(first.response.content.text!).verifiablePresentationRequest.query].flat()[0].type).toBe('DIDAuthentication');
    const sent = JSON.parse(second.request.postData!.text);
    expect(sent.verifiablePresentation.holder).toBe(key.did);
    expect(second.request.bodySize).toBe(new TextEncoder().encode(second.request.postData!.text).length);
    for (const [i, entry] of har.log.entries.entries()) {
      expect(entry.pageref).toBe(har.log.pages[0].id);
      expect(entry.time).toBe(run.messages[i].durationMs);
      expect(entry.timings.wait).toBe(run.messages[i].durationMs);
      expect(entry.startedDateTime).toBe(run.messages[i].startedAt);
      expect(entry.response.statusText).toBe('OK');
      expect(entry.response.content.mimeType).toMatch(/^application\/json/);
    }
    // a HAR file is JSON: it survives serialisation unchanged
    expect(JSON.parse(JSON.stringify(har))).toEqual(har);
  });

  it('a refusal keeps the server\'s own error body and status', async () => {
    const refused = await realRun({ service, key, reuse: run.exchangeUrl });
    const har = exchangeToHar({ exchange: refused.exchange, messages: refused.messages });
    expect(validateHar({ har }).valid).toBe(true);
    const last = har.log.entries.at(-1)!;
    expect(last.response.status).toBe(403);
    expect(last.response.statusText).toBe('Forbidden');
    expect(JSON.parse(last.response.content.text!)).toMatchObject({ name: 'NotAllowedError' });
  });

  it('a message that never got a reply is status 0 with the error, still valid', () => {
    const lost: TranscriptMessage = {
      exchangeId: 'x', seq: 4, kind: 'exchange', method: 'POST', url: 'https://vc.example/exchanges/1',
      requestHeaders: { 'content-type': 'application/json' }, requestBody: {}, startedAt: '2026-01-01T00:00:00.000Z',
      error: { name: 'NetworkError', message: 'connection refused' },
    };
    const entry = messageToHarEntry({ message: lost });
    expect(entry.response).toMatchObject({ status: 0, statusText: '', _error: 'NetworkError: connection refused' });
    expect(entry.time).toBe(0);
    expect(validateHar({ har: { log: { version: '1.2', creator: { name: 'a', version: '1' }, entries: [entry] } } }).valid).toBe(true);
  });

  it('never carries an Authorization value or a private key', () => {
    const leaky: TranscriptMessage = {
      exchangeId: 'x', seq: 0, kind: 'exchange', method: 'POST', url: 'https://vc.example/e',
      requestHeaders: { Authorization: 'Bearer s3cret', accept: 'application/json' },
      requestBody: { key: { privateKeyMultibase: 'zSECRET', publicKeyMultibase: 'zPUB' }, jwk: { kty: 'OKP', x: 'pub', d: 'SECRETD' } },
      status: 200, responseHeaders: { 'set-cookie': 'sid=SECRETCOOKIE' }, responseBody: {}, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 3,
    };
    const text = JSON.stringify(exchangeToHar({ exchange: run.exchange, messages: [leaky] }));
    for (const secret of ['s3cret', 'zSECRET', 'SECRETD', 'SECRETCOOKIE']) expect(text).not.toContain(secret);
    expect(text).toContain('zPUB');
  });
});

describe('validateHar', () => {
  const good = () => exchangeToHar({ exchange: run.exchange, messages: run.messages });
  it.each([
    ['no log', () => ({}), /log must be an object/],
    ['wrong version', (h: any) => { h.log.version = '1.1'; }, /log\.version/],
    ['no creator', (h: any) => { delete h.log.creator; }, /creator/],
    ['entries not an array', (h: any) => { h.log.entries = {}; }, /log\.entries must be an array/],
    ['missing timings', (h: any) => { delete h.log.entries[1].timings; }, /entries\[1\]\.timings/],
    ['negative wait', (h: any) => { h.log.entries[0].timings.wait = -5; }, /timings\.wait/],
    ['time ≠ sum of timings', (h: any) => { h.log.entries[0].time += 50; }, /sum of its timings/],
    ['headers as an object', (h: any) => { h.log.entries[0].request.headers = { a: 'b' }; }, /request\.headers must be an array/],
    ['relative url', (h: any) => { h.log.entries[2].request.url = '/x'; }, /absolute URL/],
    ['no response content', (h: any) => { delete h.log.entries[0].response.content; }, /response\.content/],
    ['dangling pageref', (h: any) => { h.log.entries[0].pageref = 'nope'; }, /pageref/],
    ['bad date', (h: any) => { h.log.entries[0].startedDateTime = 'yesterday'; }, /startedDateTime/],
  ])('rejects %s', (_name, mutate, message) => {
    let har: any = good();
    const replaced: unknown = (mutate as (h: any) => unknown)(har);
    if (replaced) har = replaced;
    const check = validateHar({ har });
    expect(check.valid).toBe(false);
    expect(check.errors.join('\n')).toMatch(message);
  });
});
