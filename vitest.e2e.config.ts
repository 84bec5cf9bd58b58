import { defineConfig } from 'vitest/config';

// End-to-end: the built extension (.output/chrome-mv3) in headless Chromium, driven by
// playwright-core, against the local workflow service and coordinator on 127.0.0.1.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
