/**
 * Benchmark of messages (issue 13), printed as one JSON line:
 *
 * 1. Intake under concurrent load: the writing form posted by many writers at once (wrk; each request a real form post
 *    with its CSRF token, case number, query code, event, audit entry and officer notification), as a ratio against
 *    the cached public item page served by the same app in the same run.
 * 2. The public archive and the statistics with N messages (default 1,000,000 over a year and 18 units, a third
 *    published, a fifth rated): the archive's first page, a unit and category filter, a keyword search (and the time
 *    its in-memory title index takes to load), and a month's statistics, each as a ratio against the cached item page.
 *
 *   node --import tsx bench/messages.ts [--messages 1000000] [--duration 8] [--connections 8]
 *
 * Embedded PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a new database is created). Needs wrk
 * (apt-get install -y wrk).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import type { Db } from '../src/lib/db.ts';
import { freePort, wrk, benchDb } from './lib.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { buildApp } from '../src/app.ts';
import { CalendarService } from '../src/modules/calendar/index.ts';
import { publishedItem } from '../src/testing/items.ts';
import { makeUnit } from '../src/testing/factories.ts';

const { values: args } = parseArgs({
  options: { messages: { type: 'string', default: '1000000' }, duration: { type: 'string', default: '8' }, connections: { type: 'string', default: '8' } },
});
const N = Number(args.messages);
const DURATION = Number(args.duration);
const CONNS = Number(args.connections);
const log = (s: string) => process.stderr.write(s + '\n');

const TITLES = ['小区物业不作为', '学校周边交通拥堵', '公积金提取咨询', '工地夜间施工扰民', '医保报销问题', '老旧小区加装电梯', '餐饮油烟扰民', '公交线路调整建议'];

/** A year of messages in bulk: spread over units, months, types and categories; a third answered and published. */
async function bulkMessages(db: Db, units: number[], n: number) {
  const chunk = 100_000;
  for (let start = 1; start <= n; start += chunk) {
    const end = Math.min(n, start + chunk - 1);
    await db.query(
      `INSERT INTO messages (case_no, query_code_hash, unit_id, type, channel, category, area, title, body, received_on, due_on, state, reply, replied_on,
                             reply_working_days, public_title, public_body, public_reply, published_at, consent_publish, created_at, updated_at)
       SELECT 'LB' || lpad(g::text, 10, '0'), md5(g::text), ($1::int[])[1 + g % array_length($1::int[], 1)],
              (ARRAY['consult', 'suggest', 'complaint', 'help'])[1 + g % 4], 'website',
              (ARRAY['城乡建设', '教育文体', '卫生计生', '环境保护', '交通运输'])[1 + g % 5], '',
              ($2::text[])[1 + g % 8] || g, '留言内容' || md5(g::text), d, d + 10,
              CASE WHEN g % 10 = 0 THEN 'open' ELSE 'replied' END,
              CASE WHEN g % 10 = 0 THEN '' ELSE '答复内容' || g END,
              CASE WHEN g % 10 = 0 THEN NULL ELSE d + (g % 17) END,
              CASE WHEN g % 10 = 0 THEN NULL ELSE (g % 17) * 5 / 7 END,
              ($2::text[])[1 + g % 8] || g, '公开的留言内容' || g, '公开的答复' || g,
              CASE WHEN g % 3 = 0 AND g % 10 <> 0 THEN (d + (g % 17))::timestamptz ELSE NULL END, g % 3 = 0, d::timestamptz, d::timestamptz
         FROM (SELECT g, date '2025-12-01' + (g % 365) AS d FROM generate_series($3::int, $4::int) g) s`,
      [units, TITLES, start, end],
    );
    await db.query(
      `INSERT INTO message_ratings (message_id, level, rated_at) SELECT id, 1 + id % 5, now() FROM messages WHERE id BETWEEN $1 AND $2 AND state = 'replied' AND id % 5 = 0`,
      [start, end],
    );
    log(`  ${end} messages`);
  }
}

async function main() {
  if (spawnSync('which', ['wrk']).status !== 0) throw new Error('needs wrk from Debian: apt-get install -y wrk');
  const { db, dir, close } = await benchDb();
  const now = systemClock.now();
  const city = (await makeUnit(db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' })).id;
  const units = [city];
  for (let i = 1; i < 18; i++)
    units.push((await makeUnit(db, { parentId: city, kind: 'department', slug: `dept${i}`, code: `9901001${String(i).padStart(2, '0')}`, name: `示范市第${i}局` })).id);
  const { itemId } = await publishedItem(db, city, now, { title: '示范市停车管理办法' });

  const port = await freePort();
  const config = loadConfig(
    { LOG_LEVEL: 'silent', GONGKAI_SECRET: 'bench-secret-bench-secret-bench-secret', GONGKAI_ANONYMOUS_POSTS_PER_10_MIN: '100000' },
    { port, dataDir: dir },
  );
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const itemUrl = `${base}/xxgk/city/items/${itemId}`;
  const measure = (url: string, script?: string) => wrk(url, { connections: CONNS, duration: DURATION, script, log });

  // 1. Intake: one writer's form (cookie and token), posted again and again, each a new message sent at once.
  const page = await fetch(`${base}/hdjl/ly/new`);
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const script = path.join(dir, 'post.lua');
  fs.writeFileSync(
    script,
    `local n = 0
request = function()
  n = n + 1
  local body = "_csrf=${encodeURIComponent(token)}&type=consult&to=u${units[3]}&category=&area=&title=" .. "%E5%92%A8%E8%AF%A2" .. n .. "&body=%E8%AF%B7%E9%97%AE" .. n .. "&writerName=&contact=&step=send"
  return wrk.format("POST", "/hdjl/ly/new", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "${cookie}" }, body)
end`,
  );
  log('warming up …');
  await measure(itemUrl);
  log('measuring the cached item page and intake …');
  const itemPage = await measure(itemUrl);
  const intake = await measure(`${base}/`, script);
  const received = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM messages')).rows[0].n;

  // 2. The archive and the statistics with N messages.
  log(`loading ${N} messages …`);
  const l0 = performance.now();
  await bulkMessages(db, units, N);
  await db.query('ANALYZE');
  const loadSeconds = (performance.now() - l0) / 1000;
  const t0 = performance.now();
  const first = await fetch(`${base}/hdjl/ly?q=${encodeURIComponent('加装电梯')}`);
  if (first.status !== 200) throw new Error(`archive search answered ${first.status}`);
  await first.text();
  const indexLoadSeconds = (performance.now() - t0) / 1000;
  const rssAfterIndexMB = Math.round(process.memoryUsage().rss / 1048576);
  // A full month two months back (the bulk messages cover the year before today).
  const statMonth = new Date(now.getTime() - 60 * 86400_000).toISOString().slice(0, 7);
  const pages = {
    archive: await measure(`${base}/hdjl/ly`),
    archiveFiltered: await measure(`${base}/hdjl/ly?unit=${units[5]}&category=${encodeURIComponent('教育文体')}`),
    archiveSearch: await measure(`${base}/hdjl/ly?q=${encodeURIComponent('工地夜间施工')}`),
    statistics: await measure(`${base}/hdjl/ly/tj?month=${statMonth}`),
  };
  await app.close();
  const ratio = (r: { rps: number }) => +(r.rps / itemPage.rps).toFixed(4);
  process.stdout.write(
    JSON.stringify({
      bench: 'messages',
      engine: db.kind,
      connections: CONNS,
      durationSeconds: DURATION,
      messages: N,
      itemPage,
      intake: { ...intake, messagesStored: received },
      pages,
      ratios: {
        intake_vs_item_page: ratio(intake),
        archive_vs_item_page: ratio(pages.archive),
        archive_filtered_vs_item_page: ratio(pages.archiveFiltered),
        archive_search_vs_item_page: ratio(pages.archiveSearch),
        statistics_vs_item_page: ratio(pages.statistics),
      },
      loadSeconds: +loadSeconds.toFixed(1),
      searchIndexLoadSeconds: +indexLoadSeconds.toFixed(1),
      rssAfterIndexMB,
    }) + '\n',
  );
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
