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
