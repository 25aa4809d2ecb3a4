// /api/boundaries when the build had a boundary file among its sources: a GeoJSON FeatureCollection
// of the districts with {code, name}, and meta.has_boundaries true.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetaResponse } from '../../dashboard/api-contract.ts';
import { createServer, type RunningServer } from '../../dashboard/server/server.ts';
import { FIXTURES, tempDir, testBuild, writeFiles } from '../helpers.ts';

describe('/api/boundaries with a boundary file', () => {
  const { dir, cleanup } = tempDir('danvan-api-geo-');
  let server: RunningServer;

  beforeAll(async () => {
    const src = join(dir, 'src');
    writeFiles(src, {
      'don.csv': 'Số đơn,Ngày nhận,Loại đơn,Huyện,Trạng thái\nT-1,02/02/2024,Khiếu nại,Huyện Bình Sơn,Đang giải quyết\n',
      'ranh-gioi.geojson': readFileSync(join(FIXTURES, 'geo/quang-ngai-districts.geojson')),
    });
    const { db } = await testBuild(dir, { sources: [src] });
    server = await createServer({ db, port: 0, distDir: join(dir, 'no-dist'), log: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    cleanup();
  });

  it('returns the districts as GeoJSON features with code and name', async () => {
    const res = await fetch(`${server.url}/api/boundaries`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json; charset=utf-8');
    expect(res.headers.get('etag')).toBeTruthy();
    const fc = (await res.json()) as { type: string; features: { type: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown[] } }[] };
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(13);
    const binhSon = fc.features.find((f) => f.properties.code === '524')!;
    expect(binhSon.properties).toEqual({ code: '524', name: 'Huyện Bình Sơn' });
    for (const f of fc.features) {
      expect(f.type).toBe('Feature');
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
    }
    const meta = (await (await fetch(`${server.url}/api/meta`)).json()) as MetaResponse;
    expect(meta.has_boundaries).toBe(true);
  });
});
