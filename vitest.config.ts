import { defineConfig } from 'vitest/config';

// Every test sees the province's clock: dates are computed in Vietnam's time zone.
process.env.TZ = 'Asia/Ho_Chi_Minh';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
