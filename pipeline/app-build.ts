// `danvan start` builds the dashboard app when it is missing or older than its sources, with Vite's
// JavaScript API (no shell), so a fresh clone needs only `npm install && npm start`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './build/build.ts';

export const DASHBOARD_DIR = join(ROOT, 'dashboard');
export const DIST_DIR = join(DASHBOARD_DIR, 'dist');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((n) => newestMtime(join(path, n))));
}

export function appIsStale(): boolean {
  const index = join(DIST_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [join(DASHBOARD_DIR, 'src'), join(DASHBOARD_DIR, 'index.html'), join(DASHBOARD_DIR, 'vite.config.ts'),
    join(DASHBOARD_DIR, 'api-contract.ts'), join(ROOT, 'pipeline/schema/vocabulary.ts')];
  return sources.some((p) => existsSync(p) && newestMtime(p) > built);
}

export async function buildApp(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(DASHBOARD_DIR, 'vite.config.ts'), logLevel: 'warn' });
}
