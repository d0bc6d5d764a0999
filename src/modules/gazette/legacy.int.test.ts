/**
 * The paper archive imported from the command line: a metadata sheet and one PDF per issue, all or nothing. The
 * documents are real State Council documents of 2018 (fixtures/govcn, see fixtures/SOURCES.md); their issue numbers
 * are invented and their PDFs are laid out here from the real texts. Imported issues are public with their PDFs,
 * browsable by year, found by 文号, 发文机关 and by words of the PDF's text, and an entry whose 文号 is a published
 * item's links to it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { main } from '../../cli/main.ts';
import { cliEnv } from '../../testing/harness.ts';
import { openDb } from '../../lib/db.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { systemClock } from '../../lib/clock.ts';
import { CalendarService } from '../calendar/index.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { layoutIssue } from './layout.ts';
import { LEGACY_COLUMNS } from './legacy.ts';

const docs = fs
  .readFileSync('fixtures/govcn/govcn_state_council_policies.sample.jsonl', 'utf8')
  .trim()
  .split('\n')
  .slice(0, 4)
  .map((l) => JSON.parse(l) as { title: string; doc_no: string; issuing_org: string; body_text: string });

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('the archive is imported whole or not at all, and then read like any issue', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  assert.equal((await run(c.env, 'migrate')).code, 0);
  // The embedded database takes one process at a time: set up, close, run the command, open again.
  const setup = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  const top = await makeUnit(setup, { kind: 'government', slug: 'gwy', code: '000014349', name: '国务院' });
  const linked = await publishedItem(setup, top.id, new Date('2018-12-07T02:00:00Z'), { title: docs[0].title, docNo: docs[0].doc_no, bodyHtml: '<p>正文</p>' });
  await setup.close();

  const dir = path.join(c.dir, 'archive');
  fs.mkdirSync(dir);
  const issues = [
    { year: 2018, number: 35, serial: 1649, publishDate: '2018-12-20', docs: docs.slice(0, 2) },
    { year: 2018, number: 36, serial: 1650, publishDate: '2018-12-30', docs: docs.slice(2, 4) },
  ];
  const rows: string[][] = [[...LEGACY_COLUMNS]];
  for (const i of issues) {
    const l = await layoutIssue(
      '国务院公报',
      i,
      i.docs.map((d, n) => ({ section: 'other', seq: n + 1, title: d.title, docNo: d.doc_no, issuer: d.issuing_org, text: d.body_text })),
    );
    fs.writeFileSync(path.join(dir, `${i.year}-${i.number}.pdf`), l.pdf);
    i.docs.forEach((d, n) =>
      rows.push([String(i.year), String(i.number), String(i.serial), i.publishDate, '其他', d.title, d.doc_no, d.issuing_org, String(l.pages[n].from), String(l.pages[n].to)]),
    );
  }
  const csv = (r: string[][]) => r.map((cells) => cells.map((x) => `"${x.replace(/"/g, '""')}"`).join(',')).join('\n');

  // A bad row: nothing imported, the row and reason named.
  fs.writeFileSync(path.join(dir, '目录.csv'), csv([...rows, ['2018', '37', '1651', '2018-12-31', '通知', '某文件', '', '', '1', '1']]));
  const bad = await run(c.env, 'import-gazette', dir);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /第 6 行：栏目“通知”不是/);
  // A missing PDF: nothing imported either.
  fs.writeFileSync(path.join(dir, '目录.csv'), csv([...rows, ['2018', '37', '1651', '2018-12-31', '其他', '某文件', '', '', '1', '1']]));
  const missing = await run(c.env, 'import-gazette', dir);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /2018年第37期：缺少 2018-37\.pdf/);
  const check = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  assert.equal((await check.query('SELECT 1 FROM gazette_issues')).rows.length, 0, 'nothing half-written');
  await check.close();

  fs.writeFileSync(path.join(dir, '目录.csv'), '\ufeff' + csv(rows));
  const ok = await run(c.env, 'import-gazette', dir);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /导入 2 期，4 篇/);
  const again = await run(c.env, 'import-gazette', dir);
  assert.equal(again.code, 1);
  assert.match(again.err, /2018年第35期（总第1649期）：期号或总号已经有了/);

  const db = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  t.after(() => db.close());
  const config = loadConfig({ ...c.env, LOG_LEVEL: 'silent' }, { dataDir: c.dir });
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  t.after(() => app.close());
  const get = (url: string) => app.inject({ method: 'GET', url });
  assert.match((await get('/zfgb/2018')).body, /2018年第36期（总第1650期）/);
  const issue = await get('/zfgb/2018/35');
  assert.equal(issue.statusCode, 200);
  assert.match(issue.body, /本期为存档公报/);
  assert.match(issue.body, new RegExp(`<a href="/xxgk/gwy/items/${linked.itemId}">${docs[0].title}</a>`), 'the entry with a published item links to it');
  assert.equal((await get('/zfgb/2018/35/gazette.pdf')).headers['content-type'], 'application/pdf');
  assert.match((await get(`/zfgb?q=${encodeURIComponent(docs[3].doc_no)}`)).body, new RegExp(docs[3].title));
  // A phrase from inside a document's text finds its issue through the PDF's text layer.
  const phrase = docs[2].body_text
    .split('\n')
    .find((p) => p.length > 30)!
    .slice(5, 15);
  assert.match((await get(`/zfgb?q=${encodeURIComponent(phrase)}`)).body, /全文中含.*2018年第36期/s);
  assert.match((await get(`/xxgk/gwy/items/${linked.itemId}`)).body, /刊载于《国务院公报》2018年第35期（总第1649期）第1(–\d+)?页/);
});
