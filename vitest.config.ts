import { defineConfig } from 'vitest/config';

// Every test sees the province's clock: dates are computed in Vietnam's time zone.
process.env.TZ = 'Asia/Ho_Chi_Minh';

// Vitest's reporter calls Map.groupBy (Node 21+); give Node 20 the same behaviour so failures print.
if (!('groupBy' in Map)) {
  Object.defineProperty(Map, 'groupBy', {
    value<K, V>(items: Iterable<V>, key: (item: V, index: number) => K): Map<K, V[]> {
      const out = new Map<K, V[]>();
      let i = 0;
      for (const item of items) {
        const k = key(item, i++);
        out.set(k, [...(out.get(k) ?? []), item]);
      }
      return out;
    },
  });
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
