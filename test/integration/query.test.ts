// `danvan query`: read-only, no file or network access, clear messages, JSON as analysts expect.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../pipeline/cli.ts';
import { runSandboxedQuery } from '../../pipeline/query/sandbox.ts';
import { tempDir, testBuild, writeFiles } from '../helpers.ts';

describe('danvan query', () => {
  const { dir, cleanup } = tempDir();
  let db: string;
  beforeAll(async () => {
    writeFiles(join(dir, 'src'), { 'd.csv': 'Số đơn,Ngày nhận,Loại đơn,Huyện,Trạng thái,Ngày giải quyết,Số người\nQ-1,02/02/2024,Khiếu nại,Huyện Bình Sơn,Đã giải quyết,20/02/2024,3\n' });
    db = (await testBuild(dir, { sources: [join(dir, 'src')] })).db;
  });
  afterAll(cleanup);

  const run = async (args: string[]) => {
    let out = '';
    const errs: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (errs.push(String(s)), true)) as typeof process.stderr.write;
    try {
      const code = await main(args, (s) => (out += s + '\n'));
      return { code, out, err: errs.join('') };
    } finally {
      process.stderr.write = write;
    }
  };

  it('prints JSON rows with numbers, ISO dates and nulls', async () => {
    const r = await run(['query', 'SELECT petition_id, received_date, signers, outcome, count(*) OVER () AS n FROM petitions', '--db', db, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ petition_id: 'Q-1', received_date: '2024-02-02', signers: 3, outcome: null, n: 1 }]);
  });

  it('prints CSV and tables', async () => {
    expect((await run(['query', 'SELECT petition_id, kind FROM petitions', '--db', db, '--format', 'csv'])).out).toBe('petition_id,kind\nQ-1,complaint\n');
    expect((await run(['query', 'SELECT 1 AS a', '--db', db])).out).toContain('(1 dòng / rows)');
  });

  it.each([
    ["SELECT * FROM read_csv('/etc/passwd')", /không được đọc, ghi tệp/],
    ["SELECT * FROM read_text('/etc/hostname')", /không được đọc, ghi tệp/],
    ["COPY petitions TO '/tmp/leak.csv'", /không được đọc, ghi tệp/],
    ["ATTACH '/tmp/other.duckdb'", /không được đọc, ghi tệp/],
    ['INSTALL httpfs', /tiện ích mở rộng/],
    ['LOAD json', /tiện ích mở rộng/],
    ['SET enable_external_access = true', /cấu hình/],
    ['PRAGMA threads = 1', /cấu hình/],
    ['DELETE FROM petitions', /chỉ cho phép đọc/],
    ['CREATE TABLE x AS SELECT 1', /chỉ cho phép đọc/],
    ["SELECT * FROM 'https://example.com/x.csv'", /không được đọc, ghi tệp|Lỗi truy vấn/],
  ])('refuses %s', async (sql, message) => {
    await expect(runSandboxedQuery(db, sql)).rejects.toThrow(message);
    const r = await run(['query', sql, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^danvan: /);
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('stops a query at --timeout and cuts a long result at --max-rows, saying so', async () => {
    const started = performance.now();
    const slow = await run(['query', 'SELECT sum(a.range * b.range) FROM range(100000000) a, range(100000000) b', '--db', db, '--timeout', '1']);
    expect(slow.code).toBe(1);
    expect(slow.err).toMatch(/quá 1 giây/);
    expect(performance.now() - started).toBeLessThan(5_000);
    const long = await run(['query', 'SELECT range AS i FROM range(10000000)', '--db', db, '--format', 'csv', '--max-rows', '5']);
    expect(long.code).toBe(0);
    expect(long.out).toBe('i\n0\n1\n2\n3\n4\n');
    expect(long.err).toMatch(/hơn 5 dòng/);
    expect((await run(['query', 'SELECT 1', '--db', db, '--timeout', '0'])).code).toBe(2);
    expect((await run(['query', 'SELECT 1', '--db', db, '--max-rows', 'many'])).err).toContain('--max-rows');
  });

  it('runs one statement only, and a neutralised CSV', async () => {
    const two = await run(['query', 'SELECT 1; SELECT 2', '--db', db]);
    expect(two.code).toBe(1);
    expect(two.err).toMatch(/một câu lệnh/);
    const csv = await run(['query', `SELECT '=1+1' AS f, -5 AS n`, '--db', db, '--format', 'csv']);
    expect(csv.out).toBe("f,n\n'=1+1,-5\n");
  });

  it('explains a missing database and bad options', async () => {
    expect((await run(['query', 'SELECT 1', '--db', join(dir, 'none.duckdb')])).err).toContain('danvan build');
    const bad = await run(['query', 'SELECT 1', '--db', db, '--format', 'xml']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format');
  });
});
