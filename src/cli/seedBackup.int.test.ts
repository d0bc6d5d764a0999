/**
 * The demo city through the command line: seeded, reported, backed up and restored into a new database. In a file of
 * its own, so this long run of embedded-database instances is its own process: V8 in Node 22–26 has an intermittent
 * crash on PGlite WebAssembly churn within one process (nodejs/node#64500), and the fewer instances a process opens,
 * the rarer it is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { main } from './main.ts';
import { cliEnv } from '../testing/harness.ts';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('seed-demo, backup and restore into a new database give the same data', async (t) => {
  const a = await cliEnv();
  const b = await cliEnv();
  t.after(async () => {
    await a.cleanup();
    await b.cleanup();
  });
  // A small large table: the million rows of the real demo are the benchmark's business, not this test's.
  const seeded = await run({ ...a.env, GONGKAI_DEMO_LARGE_DATASET_ROWS: '500' }, 'seed-demo');
  assert.equal(seeded.code, 0, seeded.err);
  assert.match(seeded.out, /18 个单位/);
  assert.match(seeded.err, /行政执法公示：市市场监管局 85 个决定（\d+ 个逾期公示，1 个已撤下）/);
  const reindex = await run(a.env, 'search-reindex');
  assert.equal(reindex.code, 0, reindex.err);
  assert.match(reindex.out, /已重建 4\d\d 条已公开信息的检索/);
  assert.match(reindex.out, /索引：4\d\d 份文件，\d+ 个词项/);
  assert.equal((await run(a.env, 'seed-demo')).code, 1, 'only into an empty database');
  // Last year's report, from before the platform, imported from its published figures.
  const lastYear = path.join(a.dir, '2025.json');
  fs.writeFileSync(lastYear, JSON.stringify({ format: '2021', table3: { new: { natural: 1, total: 1 }, '（一）': { natural: 1, total: 1 }, '（七）': { natural: 1, total: 1 } } }));
  const imported = await run(a.env, 'report', 'import', '--unit', '990100005', '--year', '2025', lastYear);
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /已导入 示范市民政局2025年度报告（2021格式）/);
  // The annual report of the demo 民政局: four applications received in 2026 (one submitted online is not yet), one answered.
  const json = await run(a.env, 'report', 'annual', '--unit', '990100005', '--year', '2026', '--format', 'json');
  assert.equal(json.code, 0, json.err);
  const rep = JSON.parse(json.out);
  assert.deepEqual([rep.table3.new.total, rep.table3['（二）'].natural, rep.table3.carried_out.total], [4, 1, 3]);
  assert.ok(rep.checks.every((c: { ok: boolean }) => c.ok));
  const docxFile = path.join(a.dir, 'r.docx');
  assert.equal((await run(a.env, 'report', 'annual', '--unit', '990100005', '--year', '2026', '--format', 'docx', '--out', docxFile)).code, 0);
  const JSZip = (await import('jszip')).default;
  const xml = await (await JSZip.loadAsync(fs.readFileSync(docxFile))).file('word/document.xml')!.async('string');
  assert.match(xml, /三、收到和处理政府信息公开申请情况/);
  assert.match(xml, /结转下年度继续办理/);
  const xlsxFile = path.join(a.dir, 'r.xlsx');
  assert.equal((await run(a.env, 'report', 'annual', '--unit', '990100005', '--year', '2026', '--format', 'xlsx', '--out', xlsxFile)).code, 0);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsxFile);
  const t3 = wb.getWorksheet('表三 依申请')!;
  assert.equal(t3.getCell('A4').value, '一、本年新收政府信息公开申请数量');
  assert.equal(t3.getCell('H4').value, 4);
  assert.equal((await run(a.env, 'report', 'annual', '--unit', 'nope', '--year', '2026')).code, 1);
  assert.equal((await run(a.env, 'report', 'annual', '--unit', '990100005', '--year', '2026', '--format', 'pdf')).code, 1);
  const file = path.join(a.dir, 'b.jsonl.gz');
  const bk = await run(a.env, 'backup', file);
  assert.equal(bk.code, 0, bk.err);
  const rs = await run(b.env, 'restore', file);
  assert.equal(rs.code, 0, rs.err);
  assert.equal((await run(b.env, 'restore', file)).code, 1, 'refuses a non-empty database');
  const { openDb } = await import('../lib/db.ts');
  const dbA = await openDb({ databaseUrl: a.env.DATABASE_URL, dataDir: a.dir });
  const dbB = await openDb({ databaseUrl: b.env.DATABASE_URL, dataDir: b.dir });
  const q = `SELECT (SELECT count(*)::int FROM information_items) AS items, (SELECT count(*)::int FROM item_versions) AS versions,
    (SELECT count(*)::int FROM blobs) AS blobs, (SELECT count(*)::int FROM audit_log) AS audit,
    (SELECT string_agg(index_no, ',' ORDER BY id) FROM information_items) AS idx`;
  assert.deepEqual((await dbB.query(q)).rows[0], (await dbA.query(q)).rows[0]);
  // Sequences continue after the restored ids.
  const next = await dbB.query<{ id: number }>(`INSERT INTO audit_log (actor_label, action, subject_type, subject_id) VALUES ('t', 't', 't', 't') RETURNING id`);
  const max = await dbA.query<{ m: number }>('SELECT max(id)::int AS m FROM audit_log');
  await dbA.close();
  await dbB.close();
  assert.equal(next.rows[0].id, max.rows[0].m + 1);
});
