/** import-enforcement: the staff page's import rules from the command line, for files beyond the upload limit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from './main.ts';
import { cliEnv } from '../testing/harness.ts';
import { openDb } from '../lib/db.ts';
import { makeUnit } from '../testing/factories.ts';

async function run(env: Record<string, string>, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('decisions are imported from a file whole or not at all, and again as corrections', async (t) => {
  const c = await cliEnv();
  t.after(() => c.cleanup());
  assert.equal((await run(c.env, 'migrate')).code, 0);
  // The embedded database takes one process at a time: set up, close, run the command, open again.
  const setup = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  await makeUnit(setup, { kind: 'department', slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  await setup.close();
  const good = 'fixtures/enforcement/penalties-2026-03.csv';

  const noKind = await run(c.env, 'import-enforcement', '--unit', '990100021', '--kind', 'fine', good);
  assert.notEqual(noKind.code, 0);
  assert.match(noKind.err, /--kind 应为 licence、penalty/);
  const noUnit = await run(c.env, 'import-enforcement', '--unit', '000', '--kind', 'penalty', good);
  assert.match(noUnit.err, /没有代码为“000”的单位/);
  const bad = await run(c.env, 'import-enforcement', '--unit', '990100021', '--kind', 'penalty', 'fixtures/enforcement/penalties-bad.csv');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /第2行：决定日期应为[\s\S]*第6行：相对人类别应为[\s\S]*未导入：5 行有问题/);

  const ok = await run(c.env, 'import-enforcement', '--unit', 'scjg', '--kind', 'penalty', good);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /示范市市场监督管理局 新公示 5 件，更正 0 件，未变 0 件/);
  assert.match((await run(c.env, 'import-enforcement', '--unit', 'scjg', '--kind', 'penalty', good)).out, /新公示 0 件，更正 0 件，未变 5 件/);

  const db = await openDb({ databaseUrl: c.env.DATABASE_URL, dataDir: c.dir });
  t.after(() => db.close());
  const rows = (await db.query<{ subject_name: string }>("SELECT subject_name FROM enforcement_decisions WHERE doc_no = '示市监罚〔2026〕29号'")).rows;
  assert.deepEqual(rows, [{ subject_name: '张某' }], 'the natural person de-identified, as on the staff page');
  assert.equal((await db.query(`SELECT 1 FROM audit_log WHERE action = 'enforcement.imported'`)).rows.length, 2);
});
