import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'src/**/*.test.ts', 'host/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: integration tests each start Azurite + a host; keep parallelism modest.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
