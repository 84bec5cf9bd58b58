import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: modules under utils/, stores/, components/, coordinator/, workflow-service/.
// End-to-end tests (tests/e2e) have their own config and need a built extension.
export default defineConfig({
  plugins: [WxtVitest(), vue()],
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.output/**', 'tests/e2e/**'],
    // a real PostgreSQL for the store and concurrency tests (both engines: PostgreSQL and PGlite)
    globalSetup: ['workflow-service/testing/postgres-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // expect.poll waits on a condition; on a busy machine (CI, parallel runs) 1 s is too short
    // (an approval now also checks status lists). A wrong result still fails — not from the clock.
    expect: { poll: { timeout: 15_000 } },
  },
});
