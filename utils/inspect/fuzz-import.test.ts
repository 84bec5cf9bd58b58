// Fuzz: the inspector's JSON import (a file the developer picks: untrusted). 150 malformed files
// generated from a real export (one exchange against the local workflow service). Each ends in a
// DataError or is read correctly: bounded, redacted, and stable (importing its export again gives
// the same). Nothing is stored by an import: the store only keeps what parseExchangeExport returns.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WorkflowService } from '../../workflow-service';
import { checkJson } from '../json-bounds';
import { formatTally, malformedInputs, newTally, record } from '../testing/fuzz';
import { exchangeToExport, exportText, parseExchangeExport } from './export-json';
import { realRun, startService } from './test-support';

let service: WorkflowService;
let valid: unknown;
beforeAll(async () => {
  const started = await startService();
  service = started.service;
  const run = await realRun({ service, key: started.key, source: 'qr' });
  valid = JSON.parse(exportText({ data: exchangeToExport({ exchange: run.exchange, messages: run.messages, now: new Date('2026-11-23T12:00:00Z') }) }));
});
afterAll(async () => { await service?.close(); });

describe('fuzz: inspector JSON import', () => {
  test('every malformed file is a DataError or read correctly', () => {
    const tally = newTally();
    const inputs = malformedInputs({ valid, seed: 3300, count: 150 });
    for (const input of inputs) {
      let data;
      try {
        data = parseExchangeExport({ input: input.text });
      } catch (error) {
        record(tally, { label: input.label, error: error as Error });
        continue;
      }
      let correct = true;
      try {
        checkJson({ value: data, bounds: { maxDepth: 80, maxNodes: 2_000_000 } });
        correct = JSON.stringify(parseExchangeExport({ input: exportText({ data }) })) === JSON.stringify(data);
      } catch {
        correct = false;
      }
      record(tally, { label: input.label, correct });
    }
    console.log(formatTally('inspector import', tally));
    expect(tally.others).toEqual([]);
    expect(tally.other).toBe(0);
    expect(tally.tried).toBe(150);
  }, 240_000);
});
