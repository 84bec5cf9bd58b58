import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../crypto';
import type { WorkflowService } from '../../workflow-service';
import { exchangeDurations, formatDuration } from './durations';
import { transcriptFindings } from './findings';
import { realRun, startService, type RealRun } from './test-support';
import { fromStoredExchange, isRunning } from './exchange-record';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key });
});
afterAll(async () => { await service?.close(); });

describe('transcript findings of a real exchange', () => {
  it('finds the DID-auth request, the VP sent for it and the issued credential', () => {
    const f = transcriptFindings({ messages: run.messages });
    expect(f.requests.map((r) => r.seq)).toEqual([1]);
    expect(f.presentations).toHaveLength(1);
    expect(f.presentations[0]).toMatchObject({ seq: 2, request: f.requests[0].request });
    expect(f.presentations[0].presentation.holder).toBe(key.did);
    expect(f.credentials).toHaveLength(1);
    expect((f.credentials[0].credential.credentialSubject as any).id).toBe(key.did);
    expect(f.errors).toEqual([]);
  });

  it('a refusal is an error with the server\'s body', async () => {
    const refused = await realRun({ service, key, reuse: run.exchangeUrl });
    const f = transcriptFindings({ messages: refused.messages });
    expect(f.errors).toEqual([expect.objectContaining({ status: 403, body: expect.objectContaining({ name: 'NotAllowedError' }) })]);
    expect(refused.exchange.status).toBe('failed');
    expect(refused.exchange.error).toMatchObject({ name: 'NotAllowedError', status: 403 });
  });

  it('an unreadable reply is a problem, not a throw', () => {
    const f = transcriptFindings({ messages: [{ ...run.messages[1], responseBody: 'plain text' }] });
    expect(f.byMessage[0].problem).toMatch(/text, not JSON/);
  });
});

describe('durations', () => {
  it('total ≥ network time; offsets start at the first message', () => {
    const d = exchangeDurations({ messages: run.messages });
    expect(d.networkMs).toBe(run.messages.reduce((s, m) => s + m.durationMs!, 0));
    expect(d.totalMs!).toBeGreaterThanOrEqual(d.networkMs - 1);
    expect(d.offsets.map((o) => o.seq)).toEqual([0, 1, 2]);
    expect(d.offsets[0].startMs).toBe(0);
    expect(d.offsets[2].startMs).toBeGreaterThanOrEqual(d.offsets[1].startMs);
  });

  it('counts from createdAt to updatedAt when given', () => {
    const d = exchangeDurations({
      exchange: { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:05.000Z' },
      messages: [{ ...run.messages[0], startedAt: '2026-01-01T00:00:01.000Z', durationMs: 500 }],
    });
    expect(d).toMatchObject({ totalMs: 5000, networkMs: 500, walletMs: 4500, offsets: [{ seq: 0, startMs: 1000, durationMs: 500 }] });
  });

  it.each([[undefined, '—'], [-1, '—'], [0, '0 ms'], [84.4, '84 ms'], [1240, '1.24 s'], [12_345, '12.3 s'], [125_000, '2 min 05 s'], [3_720_000, '1 h 02 min']])(
    'formats %s as %s', (ms, text) => expect(formatDuration({ ms })).toBe(text));
});

describe('fromStoredExchange', () => {
  it('reads the wallet record (state inside) and the background view alike', () => {
    expect(run.exchange).toMatchObject({ source: 'paste', status: 'complete', interactionUrl: run.interactionUrl, exchangeUrl: run.exchangeUrl, steps: 2, presented: 1, received: 1 });
    expect(isRunning({ exchange: run.exchange })).toBe(false);
    const view = fromStoredExchange({ record: { id: 'v', interactionUrl: 'https://a.example/?iuv=1', source: 'chapi', status: 'running', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' } });
    expect(view).toMatchObject({ id: 'v', source: 'chapi', status: 'running', interactionUrls: ['https://a.example/?iuv=1'] });
    expect(fromStoredExchange({ record: { id: 'w', interactionUrl: 'https://a.example/?iuv=1', source: 'evil' } }).source).toBe('unknown');
  });

  it('a POST awaiting its reply is in flight (only while posting)', () => {
    const pending = { seq: 2, url: run.exchangeUrl, body: { verifiablePresentation: {} }, startedAt: '2026-01-01T00:00:00.000Z', carriesPresentation: true };
    const posting = fromStoredExchange({ record: { id: 'p', state: { ...run.state, status: 'posting', pending } } });
    expect(posting.inFlight).toEqual({ seq: 2, method: 'POST', url: run.exchangeUrl, startedAt: pending.startedAt });
    expect(fromStoredExchange({ record: { id: 'p', state: { ...run.state, status: 'complete', pending } } }).inFlight).toBeUndefined();
  });

  it('rejects records without an id or interaction URL', () => {
    expect(() => fromStoredExchange({ record: null })).toThrow(TypeError);
    expect(() => fromStoredExchange({ record: { state: { interactionUrl: 'x' } } })).toThrow(/id/);
    expect(() => fromStoredExchange({ record: { id: 'x' } })).toThrow(/interaction URL/);
  });
});
