// What the publish tests share: snapshots written when missing and failed on change (as
// test/dashboard/charts.test.ts does), and a pixel comparison with a tolerance (as Observable
// Plot compares its image tests), on PNGs decoded with the e2e tests' decoder.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { decodePng, type DecodedPng } from '../e2e/setup.ts';
import { matchFileSnapshot } from '../snapshot.ts';

export const SNAPSHOTS = path.resolve(process.cwd(), 'test/snapshots/publish');
/** Renders and screenshots for a person to look at (gitignored). */
export const RESULTS = path.resolve(process.cwd(), 'test-results/publish');

/** A published SVG as a snapshot: the embedded font left out (it never changes), one tag per line. */
export function svgSnapshotText(svg: string): string {
  return `${svg.replace(/@font-face\{[^}]*\}/g, '').replace(/></g, '>\n<')}\n`;
}

export function matchTextSnapshot(name: string, actual: string): void {
  matchFileSnapshot(path.join(SNAPSHOTS, name), actual);
}

/** Pixels whose colour differs by more than `threshold` (0–255) on any channel; sizes must match. */
export function pixelDiff(a: DecodedPng, b: DecodedPng, threshold = 48, rows?: [number, number]): { differing: number; total: number } {
  expect([a.width, rows ? 0 : a.height]).toEqual([b.width, rows ? 0 : b.height]);
  const [y0, y1] = rows ?? [0, a.height];
  let differing = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      const d = Math.max(Math.abs(a.pixels[i] - b.pixels[i]), Math.abs(a.pixels[i + 1] - b.pixels[i + 1]), Math.abs(a.pixels[i + 2] - b.pixels[i + 2]));
      if (d > threshold) differing++;
    }
  }
  return { differing, total: (y1 - y0) * a.width };
}

/** Dark pixels (text is ink #1b1f24 on white) in a band of rows. */
export function inkIn(png: DecodedPng, y0: number, y1: number, x0 = 0, x1 = png.width): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      if (png.pixels[i] < 110 && png.pixels[i + 1] < 110 && png.pixels[i + 2] < 110) n++;
    }
  }
  return n;
}

/**
 * A committed reference image: written when missing, else the new render must match it within
 * the tolerance (anti-aliasing may differ a little between resvg builds).
 */
export function matchPngReference(name: string, png: Buffer, maxShare = 0.005): void {
  mkdirSync(SNAPSHOTS, { recursive: true });
  const file = path.join(SNAPSHOTS, name);
  if (!existsSync(file)) {
    writeFileSync(file, png);
    return;
  }
  const { differing, total } = pixelDiff(decodePng(readFileSync(file)), decodePng(png));
  if (differing / total > maxShare) {
    // Kept outside the repository (test-results/ is ignored) for a person to compare.
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, name.replace(/\.png$/, '.actual.png')), png);
    expect.fail(`${name}: ${differing} of ${total} pixels differ from the reference (more than ${maxShare * 100}%)`);
  }
}

export { decodePng };
