// The model stage alone on a database of N× the petitions of a built one: the petitions are copied
// `times` times with distinct numbers (same dates, districts and outcomes), then every model runs.
// Prints one JSON line: { petitions, modelsSeconds, steps, maxRssMb }.
import { copyFileSync } from 'node:fs';
import { openDb } from '../pipeline/db/duckdb.ts';
import { runModels } from '../pipeline/metrics/run-models.ts';

const [, , source, target, times] = process.argv;
copyFileSync(source, target);
const db = await openDb(target, { memory_limit: process.env.DANVAN_MEMORY_LIMIT ?? '1GB' });
await db.run(`CREATE OR REPLACE TABLE petitions AS
  SELECT * REPLACE (CASE WHEN k = 0 THEN petition_id ELSE petition_id || '~' || k END AS petition_id) FROM petitions, range(${Number(times)}) t(k)`);
const [{ n }] = await db.all<{ n: bigint }>('SELECT count(*) AS n FROM petitions');
const [{ value: asOf }] = await db.all<{ value: string }>("SELECT value FROM build_info WHERE key = 'as_of'");
const marks: [string, number][] = [];
const started = performance.now();
await runModels(db, { asOf, onStep: (s) => marks.push([s, performance.now()]) });
const modelsSeconds = (performance.now() - started) / 1000;
const steps: Record<string, number> = {};
marks.forEach(([s, t], i) => { steps[s.slice(6)] = ((marks[i + 1]?.[1] ?? started + modelsSeconds * 1000) - t) / 1000; });
await db.run('CHECKPOINT');
db.close();
console.log(JSON.stringify({ petitions: Number(n), modelsSeconds, steps, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
