import { defineConfig } from 'vitest/config';

// End-to-end: the built extension (.output/chrome-mv3) in headless Chromium, driven by
// playwright-core, against the local workflow service and coordinator on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
    // expect.poll waits on a condition; 1 s (vitest's default) is too short for a worker that
    // wakes and injects scripts on a busy CI machine
    expect: { poll: { timeout: 15_000 } },
  },
});
