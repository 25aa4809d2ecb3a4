// The model stage of `danvan build`: SQL models in pipeline/models/*.sql run in file order, with the
// steps SQL does badly (Kaplan–Meier, Gi*, emerging hot spots, the data dictionary) slotted in by
// their own order numbers. Configurable facts come from data/rules/, never from code.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { appendRows, type Db } from '../db/duckdb.ts';
import { parseCsvRows } from '../sources/csv-text.ts';
import { writeDataDictionary } from './dictionary.ts';
import { writeEmergingTrends, writeGiStar } from './hotspots.ts';
import { writeSurvival } from './survival.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MODELS_DIR = join(ROOT, 'pipeline/models');
const RULES_DIR = join(ROOT, 'data/rules');

export const hotspotConfigSchema = z.object({
  weights: z.object({
    received_per_10k: z.number(), crowd: z.number(), repeat: z.number(), over_level: z.number(),
    overdue_end: z.number(), land_share: z.number(), anomaly_z: z.number(), gi_star_z: z.number(),
  }),
  anomaly: z.object({ history: z.object({ month: z.number().int().positive(), quarter: z.number().int().positive(), year: z.number().int().positive() }), flag_z: z.number() }),
  reasons: z.object({
    crowd_min: z.number(), repeat_min: z.number(), over_level_min: z.number(), overdue_min: z.number(),
    land_share_min: z.number(), growth_yoy_min: z.number(), anomaly_z_min: z.number(),
  }),
  flag: z.object({ score_min: z.number(), top_n: z.number().int().positive() }),
  emerging: z.object({ grain: z.enum(['month', 'quarter']), alpha: z.union([z.literal(0.1), z.literal(0.05), z.literal(0.01)]) }),
});
export type HotspotConfig = z.infer<typeof hotspotConfigSchema>;

export function loadHotspotConfig(path = join(RULES_DIR, 'hotspots.json')): HotspotConfig {
  const parsed = hotspotConfigSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Tệp cấu hình điểm nóng ${path} sai ở "${issue.path.join('.')}": ${issue.message} / Hot-spot config invalid.`);
  }
  return parsed.data;
}

/** `@name@` placeholders in model SQL, filled from the configuration (numbers only). */
function placeholders(config: HotspotConfig): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(config.weights)) out[`w_${k}`] = v;
  for (const [k, v] of Object.entries(config.anomaly.history)) out[`history_${k}`] = v;
  out.anomaly_flag_z = config.anomaly.flag_z;
  for (const [k, v] of Object.entries(config.reasons)) out[`reasons_${k}`] = v;
  out.flag_score_min = config.flag.score_min;
  return out;
}

export function fillPlaceholders(sql: string, values: Record<string, number>): string {
  return sql.replace(/@([a-z0-9_]+)@/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`model placeholder @${name}@ has no value`);
    return String(values[name]);
  });
}

export async function loadDeadlineRules(db: Db): Promise<void> {
  const [header, ...rows] = parseCsvRows(readFileSync(join(RULES_DIR, 'deadlines.csv'), 'utf8'), ',');
  await appendRows(db, 'deadline_rules_in', header.map((name) => ({ name, type: 'VARCHAR' as const })), rows.filter((r) => r.length === header.length));
  await db.run(`CREATE OR REPLACE TABLE deadline_rules AS SELECT rule_id, kind, nullif(resolution_round, '')::SMALLINT AS resolution_round,
    nullif(is_complex, '')::BOOLEAN AS is_complex, nullif(is_remote, '')::BOOLEAN AS is_remote, days::INTEGER AS days,
    nullif(extension_days, '')::INTEGER AS extension_days, nullif(max_extensions, '')::INTEGER AS max_extensions,
    valid_from::DATE AS valid_from, nullif(valid_to, '')::DATE AS valid_to, legal_basis_vi, legal_basis_en
    FROM deadline_rules_in ORDER BY valid_from, rule_id`);
}

interface Step { order: string; name: string; run: () => Promise<void> }

export async function runModels(db: Db, opts: { asOf: string; onStep?: (s: string) => void }): Promise<void> {
  const config = loadHotspotConfig();
  const values = placeholders(config);
  const steps: Step[] = readdirSync(MODELS_DIR).filter((f) => /^\d{3}-.*\.sql$/.test(f)).map((f) => ({
    order: f.slice(0, 3), name: f,
    run: () => db.run(fillPlaceholders(readFileSync(join(MODELS_DIR, f), 'utf8'), values)),
  }));
  steps.push(
    { order: '035', name: 'survival (Kaplan–Meier)', run: () => writeSurvival(db, opts.asOf) },
    { order: '050', name: 'Gi*', run: () => writeGiStar(db) },
    { order: '070', name: 'emerging hot spots', run: () => writeEmergingTrends(db, config) },
    { order: '090', name: 'data dictionary', run: () => writeDataDictionary(db) },
  );
  steps.sort((a, b) => a.order.localeCompare(b.order) || a.name.localeCompare(b.name));
  for (const s of steps) {
    opts.onStep?.(`model:${s.name}`);
    try {
      await s.run();
    } catch (e) {
      throw new Error(`Bước tính chỉ số "${s.name}" lỗi / model step "${s.name}" failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
}
