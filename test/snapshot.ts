// Snapshot files shared by the chart and publish tests (no other imports, so jsdom tests can use it).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { expect } from 'vitest';
/**
 * A text snapshot as Observable Plot's tests keep them: written when missing; when different, the
 * new text is written beside it as `*.actual.<ext>` for a person to compare and the test fails.
 */
export function matchFileSnapshot(file: string, actual: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const actualFile = file.replace(/(\.[a-z]+)$/, '.actual$1');
  if (!existsSync(file)) {
    writeFileSync(file, actual);
    return;
  }
  if (readFileSync(file, 'utf8') === actual) {
    rmSync(actualFile, { force: true });
    return;
  }
  writeFileSync(actualFile, actual);
  expect.fail(`${relative(process.cwd(), file)} differs from its snapshot; see ${basename(actualFile)} beside it`);
}
