#!/usr/bin/env node
// The README's test command: unit tests, a production build of the extension, then the
// end-to-end tests with that build in headless Chromium. Ends with one plain summary line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = mkdtempSync(join(tmpdir(), 'wallet-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(label, cmd, args, jsonFile) {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (jsonFile) {
    try {
      const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
      totals.passed += report.numPassedTests ?? 0;
      totals.failed += report.numFailedTests ?? 0;
      totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
      if ((report.numTotalTests ?? 0) === 0) ok = false;
    } catch {
      ok = false;
    }
  }
  if (r.status !== 0) ok = false;
  return r.status === 0;
}

const unitJson = join(out, 'unit.json');
const e2eJson = join(out, 'e2e.json');
run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitJson}`], unitJson);
if (run('build the extension', 'npx', ['wxt', 'build'])) {
  run('end-to-end tests', 'npx', ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${e2eJson}`], e2eJson);
} else {
  ok = false;
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 ? 0 : 1);
