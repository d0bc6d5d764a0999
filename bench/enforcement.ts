/**
 * Benchmark of 行政执法公示 (issue 16), printed as one JSON line:
 *
 * 1. Importing a generated file of N penalty decisions in the 双公示 field set (default 1,000,000) the way a unit's
 *    upload is imported (read in the sandbox a batch at a time, every row checked and de-identified, its deadline
 *    computed on the calendar, written in one transaction), as rows/s against `COPY` of the same file into a plain
 *    typed table in the same database in the same run.
 * 2. The public decision search over them (a whole credit code, words of a name, a kind and a month, the next page),
 *    each as the time of the same question asked in SQL of the COPY table divided by ours (1.0 = as fast as plain SQL).
 *
 *   node --import tsx bench/enforcement.ts [--rows 1000000] [--repeat 5]
 *
 * Embedded PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a new database is created; the COPY
 * then reads the file on the server, so server and bench must share /tmp, as on this machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchDb, copyCsv, timedMedian } from './lib.ts';
import type { Db } from '../src/lib/db.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { buildApp } from '../src/app.ts';
import { runUntrusted } from '../src/lib/untrusted/sandbox.ts';
import { CalendarService } from '../src/modules/calendar/index.ts';
import { headerOf, importDecisions } from '../src/modules/enforcement/index.ts';
import { makeUnit } from '../src/testing/factories.ts';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '5' } } });
const ROWS = Number(args.rows);
const REPEAT = Number(args.repeat);
const log = (s: string) => process.stderr.write(s + '\n');
const SYSTEM = { kind: 'system', label: 'bench' } as const;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(i: number) {
  let body = `919901${String(i % 100).padStart(2, '0')}MA`;
  let n = i;
  for (let k = 0; k < 7; k++) {
    body += ALPHABET[n % 31];
    n = Math.floor(n / 31);
  }
  const sum = WEIGHTS.reduce((s, w, k) => s + ALPHABET.indexOf(body[k]) * w, 0);
  return body + ALPHABET[(31 - (sum % 31)) % 31];
}
const SHOPS = ['超市', '餐饮店', '药店', '五金店', '电子商务有限公司', '物流有限公司', '食品厂', '农贸市场管理有限公司'];
const PLACES = ['东城', '西城', '南湖', '北山', '新港', '高新', '滨江', '城南'];
const CAUSES = [
  ['销售超过保质期的食品', '《中华人民共和国食品安全法》第一百二十四条', '罚款人民币5000元'],
  ['发布虚假广告', '《中华人民共和国广告法》第五十五条', '责令停止发布，罚款人民币30000元'],
  ['计量器具未经检定', '《中华人民共和国计量法》第三十五条', '警告并责令改正'],
  ['未明码标价', '《中华人民共和国价格法》第四十二条', '警告'],
];

function generateCsv(file: string, rows: number) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '\ufeff' + headerOf('penalty').join(',') + '\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const [name, basis, result] = CAUSES[i % CAUSES.length];
    const person = i % 10 === 9;
    const decided = new Date(Date.UTC(2024, 0, 1) + (i % 1000) * 86_400_000).toISOString().slice(0, 10);
    const subject = person ? `${'张王李赵陈'[i % 5]}${'明华强丽'[i % 4]}` : `示范市${PLACES[i % 8]}${SHOPS[(i >> 3) % 8]}${i}号`;
    chunk +=
      [
        `示市监罚〔${decided.slice(0, 4)}〕${i + 1}号`,
        name,
        '罚款',
        `当事人${name}`,
        basis,
        person ? '自然人' : '法人及非法人组织',
        subject,
        person ? '' : creditCode(i),
        person ? '' : '法定代表人',
        result,
        decided,
        '',
        '示范市市场监督管理局',
        '990100',
        '',
      ].join(',') + '\r\n';
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

async function copyBaseline(db: Db, file: string): Promise<number> {
  const cols = headerOf('penalty').map((h) => `"${h}" ${h.endsWith('JDRQ') ? 'date' : 'text'}`);
  await db.query(`CREATE TABLE bench_copy (${cols.join(', ')})`);
  const seconds = await copyCsv(db, 'bench_copy', file);
  // The indexes the same questions need, so the baseline is plain SQL at its best.
  await db.query('CREATE INDEX ON bench_copy ("CF_XDR_SHXYM")');
  await db.query('CREATE INDEX ON bench_copy ("CF_JDRQ" DESC)');
  await db.query('ANALYZE bench_copy');
  return seconds;
}

const timed = (f: () => Promise<unknown>) => timedMedian(REPEAT, f);

async function main() {
  const { db, dir, close } = await benchDb();
  fs.chmodSync(dir, 0o755);
  const unit = (await makeUnit(db, { kind: 'department', slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' })).id;
  const file = path.join(dir, 'penalties.csv');
  log(`generating ${ROWS} decisions …`);
  generateCsv(file, ROWS);
  fs.chmodSync(file, 0o644);
  const bytes = fs.statSync(file).size;
  log(`COPY of ${(bytes / 1048576).toFixed(1)} MB …`);
  const copySeconds = await copyBaseline(db, file);

  log('importing through the upload path …');
  const calendar = await new CalendarService(db).get();
  const content = fs.readFileSync(file);
  const t0 = performance.now();
  const counts = await importDecisions(db, SYSTEM, systemClock.now(), calendar, {
    unitId: unit,
    kind: 'penalty',
    filename: 'penalties.csv',
    read: (onBatch) =>
      runUntrusted(
        new URL('../src/lib/untrusted/rows.task.ts', import.meta.url),
        content,
        { format: 'CSV', maxRows: ROWS, batchRows: 2000 },
        onBatch as (b: unknown) => Promise<void>,
      ),
  });
  const importSeconds = (performance.now() - t0) / 1000;
  if (counts.added !== ROWS) throw new Error(`imported ${counts.added} of ${ROWS}`);
  const rssAfterImportMB = Math.round(process.memoryUsage().rss / 1048576);
  // The floor for any import that writes the decisions table: the same rows put there by one INSERT … SELECT from the
  // COPY table (same indexes, constraints and triggers), for a second unit, then taken away again.
  const other = (await makeUnit(db, { kind: 'department', slug: 'floor', code: '990100099', name: '基准单位' })).id;
  const t1 = performance.now();
  await db
    .transaction(async (tx) => {
      await tx.query(
        `INSERT INTO enforcement_decisions (unit_id, kind, doc_no, name, category, cause, basis, subject_type, subject_name, credit_code, legal_rep, result, decided_on,
         authority, area_code, remark, due_on, late, published_at, created_at, updated_at)
       SELECT $1, 'penalty', "CF_WSH", "CF_CFMC", "CF_CFLB1", coalesce("CF_SY", ''), coalesce("CF_YJ", ''), CASE WHEN "CF_XDR_LB" = '自然人' THEN 'natural' ELSE 'organisation' END,
         "CF_XDR_MC", coalesce("CF_XDR_SHXYM", ''), coalesce("CF_FR", ''), "CF_JG", "CF_JDRQ", "CF_XZJG", coalesce("DFBM", ''), coalesce("BZ", ''), "CF_JDRQ" + 9, false, now(), now(), now()
         FROM bench_copy`,
        [other],
      );
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  const insertSelectSeconds = (performance.now() - t1) / 1000;
  // The rolled-back rows stay in the indexes until vacuumed (as an aborted import's would until autovacuum runs).
  await db.query('VACUUM ANALYZE');

  const config = loadConfig({ LOG_LEVEL: 'silent', GONGKAI_SECRET: 'bench-secret-bench-secret-bench-secret' }, { dataDir: dir, pageCacheBytes: 0 });
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  const get = async (url: string) => {
    const r = await app.inject({ url });
    if (r.statusCode !== 200) throw new Error(`${url} answered ${r.statusCode}: ${r.body.slice(0, 200)}`);
    return r;
  };
  const code = creditCode(Math.floor(ROWS / 3));
  const words = `西城${SHOPS[1]}`;
  log('public search …');
  const row = `"CF_WSH", "CF_CFMC", "CF_XDR_MC", "CF_JDRQ", "CF_XZJG"`;
  const searches = {
    creditCode: {
      ours: await timed(() => get(`/zfgs/scjg?q=${code}`)),
      sql: await timed(() => db.query(`SELECT ${row} FROM bench_copy WHERE "CF_XDR_SHXYM" = $1 ORDER BY "CF_JDRQ" DESC LIMIT 21`, [code])),
    },
    words: {
      ours: await timed(() => get(`/zfgs/scjg?q=${encodeURIComponent(words)}`)),
      sql: await timed(() => db.query(`SELECT ${row} FROM bench_copy WHERE "CF_XDR_MC" LIKE $1 OR "CF_CFMC" LIKE $1 ORDER BY "CF_JDRQ" DESC LIMIT 21`, [`%${words}%`])),
    },
    kindAndMonth: {
      ours: await timed(() => get('/zfgs/scjg?kind=penalty&from=2025-03-01&to=2025-03-31')),
      sql: await timed(() => db.query(`SELECT ${row} FROM bench_copy WHERE "CF_JDRQ" BETWEEN '2025-03-01' AND '2025-03-31' ORDER BY "CF_JDRQ" DESC LIMIT 21`)),
    },
    page10: {
      ours: await timed(() => get('/zfgs?page=10')),
      sql: await timed(() => db.query(`SELECT ${row} FROM bench_copy ORDER BY "CF_JDRQ" DESC LIMIT 21 OFFSET 180`)),
    },
    api: {
      ours: await timed(() => get(`/api/v1/enforcement/decisions?q=${code}`)),
      sql: await timed(() => db.query(`SELECT * FROM bench_copy WHERE "CF_XDR_SHXYM" = $1 ORDER BY "CF_JDRQ" DESC LIMIT 21`, [code])),
    },
  };
  await app.close();
  const ratio = (s: { ours: number; sql: number }) => ({ ms: +s.ours.toFixed(1), sqlMs: +s.sql.toFixed(1), ratio: +(s.sql / s.ours).toFixed(3) });
  console.log(
    JSON.stringify({
      db: db.kind,
      rows: ROWS,
      fileMB: +(bytes / 1048576).toFixed(1),
      copySeconds: +copySeconds.toFixed(1),
      importSeconds: +importSeconds.toFixed(1),
      importRowsPerSecond: Math.round(ROWS / importSeconds),
      copyRowsPerSecond: Math.round(ROWS / copySeconds),
      importToCopy: +(copySeconds / importSeconds).toFixed(3),
      insertSelectSeconds: +insertSelectSeconds.toFixed(1),
      importToInsertSelect: +(insertSelectSeconds / importSeconds).toFixed(3),
      rssAfterImportMB,
      search: Object.fromEntries(Object.entries(searches).map(([k, v]) => [k, ratio(v)])),
    }),
  );
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
