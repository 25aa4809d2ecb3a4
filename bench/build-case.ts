// One measured `danvan build`, in its own process: prints the time of each build step and of the
// model stage, the petitions loaded and the peak memory as one JSON line.
import { join } from 'node:path';
import { build } from '../pipeline/build/build.ts';

const [, , source, work] = process.argv;
const marks: [string, number][] = [];
const started = performance.now();
const r = await build({
  sources: [source], db: join(work, 'bench.duckdb'), stageDir: join(work, 'stage'), secretPath: join(work, 'secret'), asOf: '2024-12-31',
  onStep: (s) => marks.push([s, performance.now()]),
});
const total = (performance.now() - started) / 1000;
const at = (name: string) => marks.find(([s]) => s === name)?.[1] ?? NaN;
const modelsSeconds = (at('finish') - at('models')) / 1000;
const loadSeconds = (at('models') - at('load')) / 1000;
const stageSeconds = (at('load') - at('stage')) / 1000;
const steps: Record<string, number> = {};
marks.forEach(([s, t], i) => { if (s.startsWith('model:')) steps[s.slice(6)] = ((marks[i + 1]?.[1] ?? t) - t) / 1000; });
// `finish` follows the last model step; give that step its real length.
console.log(JSON.stringify({ total, stageSeconds, loadSeconds, modelsSeconds, petitions: r.tables.petitions, steps, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
