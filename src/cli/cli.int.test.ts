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

test('unknown commands and bad options exit non-zero with a clear message', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  const unknown = await run(c.env, 'frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /未知命令：frobnicate/);
  const badOpt = await run(c.env, 'create-user', '--nope');
  assert.equal(badOpt.code, 1);
  assert.match(badOpt.err, /参数有误/);
  const badEnv = await run({ ...c.env, PORT: 'x' }, 'migrate');
  assert.equal(badEnv.code, 1);
  assert.match(badEnv.err, /PORT/);
});

test('migrate, create a user, import gov.cn records keeping their metadata, and publish', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  assert.equal((await run(c.env, 'migrate')).code, 0);
  assert.match((await run(c.env, 'migrate')).out, /已是最新/);
  const noUnit = await run(c.env, 'create-user', '--username', 'pub1', '--unit', '000014349', '--role', 'publisher', '--password', 'Long-Enough-Pw-42');
  assert.equal(noUnit.code, 1);
  assert.match(noUnit.err, /找不到机构代码/);
  // A unit for the import, created through the seed-free path: the demo seed would fill the database.
  const { openDb } = await import('../lib/db.ts');
  const db = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  const { createUnit } = await import('../modules/orgs/commands/createUnit.ts');
  await createUnit(
    db,
    { kind: 'system', label: 't' },
    { parentId: null, code: '000014349', name: '国务院办公厅', shortName: '国办', slug: 'gwyb', level: 'city', kind: 'government' },
  );
  await db.close();
  const user = await run(c.env, 'create-user', '--username', 'pub1', '--name', '发布员', '--unit', '000014349', '--role', 'publisher,reviewer', '--password', 'Long-Enough-Pw-42');
  assert.equal(user.code, 0, user.err);

  const src = 'fixtures/govcn/govcn_state_council_policies.sample.jsonl';
  const lines = fs.readFileSync(src, 'utf8').trim().split('\n');
  const file = path.join(c.dir, 'in.jsonl');
  fs.writeFileSync(file, [...lines.slice(0, 8), '{not json', JSON.stringify({ title: '没有日期' })].join('\n'));
  const imp = await run(c.env, 'import-information', file, '--unit', '000014349');
  assert.equal(imp.code, 1, 'failed lines make the exit code non-zero');
  assert.match(imp.out, /发布 8 条/);
  assert.match(imp.err, /第 9 行未导入：不是有效的 JSON/);
  assert.match(imp.err, /第 10 行未导入：.*发布日期/);
  const again = await run(c.env, 'import-information', file, '--unit', '000014349');
  assert.match(again.out, /跳过（已存在）8 条/);

  const db2 = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  const first = JSON.parse(lines[0]);
  const r = (
    await db2.query<{
      index_no: string;
      title: string;
      doc_no_normalized: string;
      topic: string;
      written_date: string;
      publish_date: string;
      issuing_organs: string[];
      source_url: string;
      status: string;
    }>(
      `SELECT i.index_no, v.title, v.doc_no_normalized, v.topic, v.written_date, v.publish_date, v.issuing_organs, i.source_url, i.status
     FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.index_no = $1`,
      [first.index_no],
    )
  ).rows[0];
  await db2.close();
  assert.deepEqual(r, {
    index_no: first.index_no,
    title: first.title,
    doc_no_normalized: first.doc_no,
    topic: first.subject_category,
    written_date: first.written_date_iso,
    publish_date: first.publish_date_iso,
    issuing_organs: [first.issuing_org],
    source_url: first.source_url,
    status: 'published',
  });
});

test('calendar commands answer from the official calendar and flag unknown years', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  assert.equal((await run(c.env, 'calendar', 'add-working-days', '2020-01-23', '1')).out, '2020-02-03');
  assert.equal((await run(c.env, 'calendar', 'is-working-day', '2020-01-31')).out, 'false');
  assert.equal((await run(c.env, 'calendar', 'is-working-day', '2026-09-20')).out, 'true');
  const unknown = await run(c.env, 'calendar', 'is-working-day', '2027-03-03');
  assert.equal(unknown.code, 3);
  assert.match(unknown.err, /2027 年的节假日安排尚未公布/);
  const prov = await run(c.env, 'calendar', 'add-working-days', '2026-12-25', '10');
  assert.match(prov.err, /结果为暂定/);
  assert.equal((await run(c.env, 'calendar', 'add-working-days', '2026-02-30', '1')).code, 1);
  const empty = await run(c.env, 'calendar', 'import', 'fixtures/holidays/holiday-cn/2027.json');
  assert.equal(empty.code, 1);
  assert.match(empty.err, /尚未发布/);
  const f = path.join(c.dir, '2027.json');
  fs.writeFileSync(
    f,
    JSON.stringify({
      year: 2027,
      papers: [],
      days: [
        { name: '元旦', date: '2027-01-01', isOffDay: true },
        { name: '春节', date: '2027-02-06', isOffDay: false },
      ],
    }),
  );
  assert.equal((await run(c.env, 'calendar', 'import', f)).code, 0);
  assert.equal((await run(c.env, 'calendar', 'is-working-day', '2027-02-06')).out, 'true');
  assert.equal((await run(c.env, 'calendar', 'is-working-day', '2027-01-01')).out, 'false');
});

test('seed-demo, backup and restore into a new database give the same data', async (t) => {
  const a = await cliEnv();
  const b = await cliEnv();
  t.after(async () => {
    await a.cleanup();
    await b.cleanup();
  });
  const seeded = await run(a.env, 'seed-demo');
  assert.equal(seeded.code, 0, seeded.err);
  assert.match(seeded.out, /18 个单位/);
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

test('every table is either backed up or deliberately left out', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  await run(c.env, 'migrate');
  const { openDb } = await import('../lib/db.ts');
  const { BACKUP_TABLES, NOT_BACKED_UP } = await import('../lib/backup.ts');
  const db = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  const tables = (
    await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)
  ).rows.map((r) => r.table_name);
  await db.close();
  assert.deepEqual(tables, [...BACKUP_TABLES.map((x) => x.name), ...NOT_BACKED_UP].sort());
});

test('search-eval prints one JSON line of quality and latency, and names a missing file', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  const missing = await run(c.env, 'search-eval', '--docs', 'nope.jsonl', '--qrels', 'fixtures/ncpqa/qrels.sample.tsv');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /找不到文件 nope\.jsonl/);
  const r = await run(c.env, 'search-eval', '--docs', 'fixtures/ncpqa/docs.sample.jsonl', '--qrels', 'fixtures/ncpqa/qrels.sample.tsv');
  assert.equal(r.code, 0, r.err);
  const line = JSON.parse(r.out);
  assert.deepEqual(Object.keys(line).sort(), ['buildSeconds', 'docs', 'latencyMs', 'mrr10', 'queries', 'recall10']);
  assert.ok(line.mrr10 >= 0.85);
});
