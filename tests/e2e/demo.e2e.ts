// The README's main command keeps working: `npm run demo -- --check` starts the workflow
// service, the shop and Chromium with the wallet, and drives one purchase through them.
// The build is the one every e2e test uses (npm test builds before the e2e suite).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('npm run demo -- --check completes a purchase through the wallet', async () => {
  const root = resolve(import.meta.dirname, '../..');
  const child = spawn('npx', ['tsx', 'scripts/demo.ts', '--check', '--no-build'], { cwd: root, env: { ...process.env, DISPLAY: '' } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(output).toContain('demo check passed');
  expect(output).toMatch(/workflow service\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(output).toMatch(/demo shop\s+http:\/\/127\.0\.0\.1:\d+/);
  expect(output).toContain('✓ workflow URL answers');
  expect(output).not.toContain('Press Ctrl-C'); // it stops by itself in --check mode
  const profile = /Chromium profile\s+(\S+)/.exec(output)?.[1];
  expect(profile).toBeTruthy();
  expect(existsSync(profile!)).toBe(false); // the temporary profile is gone
  expect(code).toBe(0);
}, 180_000);
