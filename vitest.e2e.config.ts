import { defineConfig } from 'vitest/config';

// End-to-end tests: Chromium driving the built renderer through the web host.
// One file at a time: two cores, and each file starts its own browser and host.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
