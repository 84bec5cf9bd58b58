import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TranscriptMessage } from '../vcalm';
import { freshDb } from './test-support';

const message = (exchangeId: string, seq: number, extra: Partial<TranscriptMessage> = {}): TranscriptMessage => ({
  exchangeId, seq, kind: seq === 0 ? 'protocols' : 'exchange', method: seq === 0 ? 'GET' : 'POST',
  url: `https://vc.example/${exchangeId}/${seq}`, requestHeaders: { accept: 'application/json' },
  startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(), ...extra,
});

describe('messages repository', () => {
  it('returns an exchange transcript ordered by seq, whatever the append order, and only that exchange', async () => {
    const db = await freshDb();
    for (const seq of [2, 0, 10, 1]) await db.messages.append({ message: message('ex-1', seq) });
    await db.messages.append({ message: message('ex-10', 0) }); // an id that shares a prefix
    await db.messages.append({ message: message('ex-', 5) });
    const transcript = await db.messages.forExchange({ exchangeId: 'ex-1' });
    expect(transcript.map((m) => m.seq)).toEqual([0, 1, 2, 10]);
    expect(transcript[0]).toEqual(message('ex-1', 0));
    expect(await db.messages.forExchange({ exchangeId: 'ex-10' })).toHaveLength(1);
    expect(await db.messages.forExchange({ exchangeId: 'unknown' })).toEqual([]);
    db.close();
  });

  it('keeps bodies, headers, status and errors as given (structured clone)', async () => {
    const db = await freshDb();
    const full = message('ex', 1, {
      requestBody: { verifiablePresentation: { holder: 'did:key:z6Mk' } }, status: 400,
      responseHeaders: { 'content-type': 'application/json' }, responseBody: { name: 'DataError', message: 'nope' },
      durationMs: 12, error: { name: 'DataError', message: 'nope' },
    });
    await db.messages.append({ message: full });
    expect(await db.messages.forExchange({ exchangeId: 'ex' })).toEqual([full]);
    db.close();
  });

  it('a repeated (exchangeId, seq) — e.g. re-emitted after a worker restart — is reported and not stored twice', async () => {
    const db = await freshDb();
    expect(await db.messages.append({ message: message('ex', 1, { status: 200 }) })).toEqual({ added: true });
    expect(await db.messages.append({ message: message('ex', 1, { error: { name: 'InterruptedError', message: 'x' } }) }))
      .toEqual({ added: false, reason: 'duplicate' });
    const [only, ...rest] = await db.messages.forExchange({ exchangeId: 'ex' });
    expect(rest).toEqual([]);
    expect(only.status).toBe(200);
    db.close();
  });

  it('rejects malformed messages with TypeError and stores nothing', async () => {
    const db = await freshDb();
    for (const bad of [
      { ...message('ex', 0), seq: -1 },
      { ...message('ex', 0), seq: 1.5 },
      { ...message('ex', 0), exchangeId: '' },
      { ...message('ex', 0), kind: 'other' },
      { ...message('ex', 0), method: 'PUT' },
      { ...message('ex', 0), url: undefined },
      'x',
    ]) {
      await expect(db.messages.append({ message: bad as any })).rejects.toThrow(TypeError);
    }
    expect(await db.messages.forExchange({ exchangeId: 'ex' })).toEqual([]);
    db.close();
  });
});
