// The library proper must run in an MV3 service worker: no Node built-ins, no extension APIs,
// no storage. (cli/ and test-support/ are Node-only by design.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = import.meta.dirname;
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('utils/vcalm is worker-safe', () => {
  it('has library files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  for (const file of files) {
    it(file, () => {
      const source = readFileSync(join(dir, file), 'utf8');
      expect(source).not.toMatch(/from ['"]node:/);
      expect(source).not.toMatch(/\bprocess\./);
      expect(source).not.toMatch(/\b(browser|chrome)\.(runtime|storage|tabs)\b/);
      expect(source).not.toMatch(/from ['"](idb|wxt\/|\.\.\/crypto|\.\.\/db)/);
    });
  }
});
