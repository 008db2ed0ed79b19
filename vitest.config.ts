import { defineConfig } from 'vitest/config';

// Three layers, one run: pure rules (unit), HTTP against a real PostgreSQL (integration), Chromium (e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000, hookTimeout: 120_000, pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e', include: ['test/e2e/**/*.test.ts'], globalSetup: ['test/global-setup.ts'],
          testTimeout: 90_000, hookTimeout: 120_000, pool: 'forks', fileParallelism: false,
        },
      },
    ],
  },
});
