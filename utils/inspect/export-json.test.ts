import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WalletKey } from '../crypto';
import type { WorkflowService } from '../../workflow-service';
import { exchangeToExport, exportText, parseExchangeExport } from './export-json';
import { realRun, startService, type RealRun } from './test-support';

let service: WorkflowService;
let key: WalletKey;
let run: RealRun;
beforeAll(async () => {
  ({ service, key } = await startService());
  run = await realRun({ service, key, source: 'qr' });
});
afterAll(async () => { await service?.close(); });

const now = new Date('2026-11-23T12:00:00.000Z');

describe('JSON export and import', () => {
  it('round-trips a real exchange: export → text → import gives the same exchange and messages', () => {
    const data = exchangeToExport({ exchange: run.exchange, messages: [...run.messages].reverse(), now });
    expect(data).toMatchObject({ format: 'vcalm-wallet/exchange', version: 1, exportedAt: now.toISOString() });
    expect(data.messages.map((m) => m.seq)).toEqual([0, 1, 2]);
    expect(data.exchange).toEqual(run.exchange);
    expect(data.messages).toEqual(run.messages);
    const back = parseExchangeExport({ input: exportText({ data }) });
    expect(back).toEqual(data);
    expect(back.exchange.source).toBe('qr');
    expect(back.exchange.protocols).toEqual({ vcapi: run.exchangeUrl });
    // twice is the same as once
    expect(parseExchangeExport({ input: exportText({ data: back }) })).toEqual(back);
  });

  it('redacts secrets on export and again on import (a hand-edited file may add them)', () => {
    const leaky = { ...run.messages[1], requestHeaders: { authorization: 'Bearer s3cret' }, requestBody: { privateKey: 'zSECRET' } };
    const text = exportText({ data: exchangeToExport({ exchange: run.exchange, messages: [leaky], now }) });
    expect(text).not.toMatch(/s3cret|zSECRET/);
    const edited = JSON.parse(text);
    edited.messages[0].requestHeaders.Authorization = 'Bearer added';
    edited.messages[0].responseBody = { secretKeyMultibase: 'zADDED' };
    const back = JSON.stringify(parseExchangeExport({ input: edited }));
    expect(back).not.toMatch(/added|zADDED/);
  });

  const valid = () => JSON.parse(exportText({ data: exchangeToExport({ exchange: run.exchange, messages: run.messages, now }) }));
  it.each([
    ['not JSON', () => '{nope', /not JSON/],
    ['an array', () => [], /not an object/],
    ['another format', () => ({ ...valid(), format: 'har' }), /format/],
    ['a future version', () => ({ ...valid(), version: 2 }), /version 2/],
    ['no exchange id', () => { const d = valid(); delete d.exchange.id; return d; }, /exchange\.id/],
    ['a status that is not text', () => { const d = valid(); d.exchange.status = { html: '<b>' }; return d; }, /exchange\.status/],
    ['an unknown source', () => { const d = valid(); d.exchange.source = 'evil'; return d; }, /exchange\.source/],
    ['warnings that are not strings', () => { const d = valid(); d.exchange.warnings = [1]; return d; }, /exchange\.warnings/],
    ['a bad error', () => { const d = valid(); d.exchange.error = 'boom'; return d; }, /exchange\.error/],
    ['messages not an array', () => ({ ...valid(), messages: {} }), /messages/],
    ['a message of another exchange', () => { const d = valid(); d.messages[1].exchangeId = 'other'; return d; }, /messages\[1\]\.exchangeId/],
    ['a repeated seq', () => { const d = valid(); d.messages[2].seq = 1; return d; }, /repeats a seq/],
    ['a bad method', () => { const d = valid(); d.messages[0].method = 'DELETE'; return d; }, /method/],
    ['headers with non-string values', () => { const d = valid(); d.messages[0].requestHeaders = { a: 1 }; return d; }, /requestHeaders/],
    ['a bad date', () => { const d = valid(); d.messages[0].startedAt = 'soon'; return d; }, /startedAt/],
  ])('rejects %s with a DataError', (_name, make, message) => {
    let error: any;
    try { parseExchangeExport({ input: make() }); } catch (e) { error = e; }
    expect(error?.name).toBe('DataError');
    expect(error.message).toMatch(message);
  });

  it('keeps only the known fields of the exchange', () => {
    const text = exportText({ data: exchangeToExport({ exchange: run.exchange, messages: run.messages, now }) });
    const edited = text.replace('"exchange": {', '"exchange": {"extra": "x",');
    const back = parseExchangeExport({ input: edited });
    expect(back.exchange).not.toHaveProperty('extra');
    expect(back.exchange.status).toBe('complete');
  });

  it('refuses a file with a __proto__ key by name, and nothing is polluted', () => {
    const text = exportText({ data: exchangeToExport({ exchange: run.exchange, messages: run.messages, now }) });
    const edited = text.replace('"format"', '"__proto__": {"polluted": true}, "format"').replace('"exchange": {', '"exchange": {"__proto__": {"status": "fake"},');
    expect(() => parseExchangeExport({ input: edited })).toThrow(expect.objectContaining({ name: 'DataError', message: expect.stringContaining('__proto__') }));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).status).toBeUndefined();
  });

  it('refuses a file over the size cap before parsing it', () => {
    expect(() => parseExchangeExport({ input: ' '.repeat(20 * 1024 * 1024 + 1) })).toThrow(/larger than/);
  });
});
