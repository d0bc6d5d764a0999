/**
 * Benchmark of consultations (issue 12), printed as one JSON line:
 *
 * 1. Anonymous comments posted under concurrent load (wrk, each request a real form post with its CSRF token), as a
 *    ratio against the cached public item page served by the same app in the same run.
 * 2. The adoption report of one consultation with N comments (default 100,000, every one disposed): the whole
 *    `generateFeedback` command (read, duplicate grouping, report, the draft information item), in seconds and peak
 *    memory, as a ratio against only reading the same comments in the same run.
 *
 *   node --import tsx bench/participation.ts [--comments 100000] [--duration 10] [--connections 16]
 *
 * Embedded PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a new database is created). Needs wrk
 * (apt-get install -y wrk). Peak memory is the process's (with PGlite that includes the embedded database).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Db } from '../src/lib/db.ts';
import { freePort, wrk, benchDb } from './lib.ts';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { buildCalendar } from '../src/lib/calendar.ts';
import { buildApp } from '../src/app.ts';
import { CalendarService } from '../src/modules/calendar/index.ts';
import { publishedItem } from '../src/testing/items.ts';
import { makeUnit } from '../src/testing/factories.ts';
import { generateFeedback, listComments, publishConsultation, saveConsultation } from '../src/modules/participation/index.ts';
import type { Actor } from '../src/lib/authz.ts';

const { values: args } = parseArgs({
  options: { comments: { type: 'string', default: '100000' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' } },
});
const N = Number(args.comments);
const DURATION = Number(args.duration);
const CONNS = Number(args.connections);
const log = (s: string) => process.stderr.write(s + '\n');
const SYSTEM: Actor = { kind: 'system', label: 'bench' };

const DRAFT = Array.from({ length: 30 }, (_, i) => `<p>第${i + 1}条　本条规定停车收费管理的第${i + 1}项事项，有关部门应当依照本办法执行。</p>`).join('');
const VIEWS = [
  '建议首30分钟免费延长到1小时，方便群众办事。',
  '夜间路边停车应当免费，鼓励错峰停车。',
  '收费标准应当每三年评估一次并向社会公布评估结果。',
  '医院、学校周边应当设置限时停车位，防止长期占用。',
  '老旧小区周边道路可以划定夜间居民停车位。',
  '建议公开停车收费的收支情况，接受社会监督。',
];

async function bulkComments(db: Db, consultationId: number, n: number) {
  // Realistic mix: a few template views copied many times (campaign comments), the rest varied by a serial and clause.
  await db.query(
    `INSERT INTO consultation_comments (consultation_id, clause_key, channel, name, contact, consent_publish, body, received_on, moderation, disposition, reason, created_at)
     SELECT $1, 'a' || (1 + g % 30), CASE WHEN g % 50 = 0 THEN 'letter' ELSE 'website' END, CASE WHEN g % 3 = 0 THEN '' ELSE '市民' || g END,
            CASE WHEN g % 4 = 0 THEN 'user' || g || '@example.cn' ELSE '' END, g % 2 = 0,
            CASE WHEN g % 5 = 0 THEN ($2::text[])[1 + g % 6] ELSE ($2::text[])[1 + g % 6] || '（第' || g || '号意见，补充说明：' || md5(g::text) || '）' END,
            '2026-03-15', 'published',
            (ARRAY['adopted', 'partly_adopted', 'not_adopted', 'out_of_scope'])[1 + g % 4],
            CASE WHEN g % 4 = 0 THEN '' ELSE '经研究，本办法已作相应规定，不再调整。' END, now()
       FROM generate_series(1, $3) g`,
    [consultationId, VIEWS, n],
  );
}

async function main() {
  if (spawnSync('which', ['wrk']).status !== 0) throw new Error('needs wrk from Debian: apt-get install -y wrk');
  const { db, dir, close } = await benchDb();
  const now = systemClock.now();
  const today = now.toISOString().slice(0, 10);
  const unitId = (await makeUnit(db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' })).id;
  const { itemId } = await publishedItem(db, unitId, now, { title: '示范市停车管理办法' });
  const calendar = buildCalendar();
  const input = {
    unitId,
    title: '示范市机动车停放服务收费管理办法（征求意见稿）',
    draftHtml: DRAFT,
    explanationHtml: '',
    legalBasis: '',
    channels: ['website', 'letter'],
    contact: '市住建局',
    shortenedReason: '',
    publishComments: true,
  };
  const open = await saveConsultation(db, SYSTEM, now, { ...input, opensOn: today, closesOn: new Date(now.getTime() + 40 * 86400_000).toISOString().slice(0, 10) });
  await publishConsultation(db, SYSTEM, { now, today, calendar, feedbackWorkingDays: 20 }, open);

  const port = await freePort();
  const config = loadConfig(
    { LOG_LEVEL: 'silent', GONGKAI_SECRET: 'bench-secret-bench-secret-bench-secret', GONGKAI_ANONYMOUS_POSTS_PER_10_MIN: '100000' },
    { port, dataDir: dir },
  );
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;

  // One visitor's form: the CSRF cookie and token, posted again and again with a different comment each time.
  const page = await fetch(`${base}/hdjl/yjzj/${open}`);
  const cookie = (page.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const script = path.join(dir, 'post.lua');
  fs.writeFileSync(
    script,
    `local n = 0
request = function()
  n = n + 1
  local body = "_csrf=${encodeURIComponent(token)}&clauseKey=a" .. (1 + n % 30) .. "&body=" .. "%E5%BB%BA%E8%AE%AE" .. n .. "&name=&contact="
  return wrk.format("POST", "/hdjl/yjzj/${open}/comments", { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = "${cookie}" }, body)
end`,
  );
  const itemUrl = `${base}/xxgk/city/items/${itemId}`;
  log('warming up …');
  await wrk(itemUrl, { connections: CONNS, duration: DURATION, log });
  log('measuring the cached item page and comment posting …');
  const itemPage = await wrk(itemUrl, { connections: CONNS, duration: DURATION, log });
  const before = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultation_comments')).rows[0].n;
  const posting = await wrk(`${base}/`, { connections: CONNS, duration: DURATION, script, log });
  const stored = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM consultation_comments')).rows[0].n - before;
  await app.close();

  // 2. The adoption report of a closed consultation with N comments, every one disposed.
  const closedOn = new Date(now.getTime() - 86400_000).toISOString().slice(0, 10);
  const opensOn = new Date(now.getTime() - 40 * 86400_000).toISOString().slice(0, 10);
  const closed = await saveConsultation(db, SYSTEM, now, { ...input, opensOn, closesOn: closedOn });
  await db.query(`UPDATE consultations SET state = 'published', feedback_due_on = $2 WHERE id = $1`, [closed, today]);
  log(`loading ${N} comments …`);
  await bulkComments(db, closed, N);
  await db.query('ANALYZE');
  const t0 = performance.now();
  const read = await listComments(db, closed);
  const readSeconds = (performance.now() - t0) / 1000;
  const rssBefore = process.resourceUsage().maxRSS;
  const t1 = performance.now();
  const { itemId: feedbackItem } = await generateFeedback(db, SYSTEM, { now, today, calendar, feedbackWorkingDays: 20 }, closed);
  const reportSeconds = (performance.now() - t1) / 1000;
  const peakKb = process.resourceUsage().maxRSS;
  const bodyBytes = (await db.query<{ n: number }>('SELECT octet_length(body_html)::int AS n FROM item_versions WHERE item_id = $1', [feedbackItem])).rows[0].n;

  process.stdout.write(
    JSON.stringify({
      bench: 'participation',
      engine: db.kind,
      connections: CONNS,
      durationSeconds: DURATION,
      itemPage,
      posting: { ...posting, commentsStored: stored },
      ratios: { posting_vs_item_page: +(posting.rps / itemPage.rps).toFixed(4), report_vs_read: +(reportSeconds / readSeconds).toFixed(2) },
      report: {
        comments: read.length,
        readSeconds: +readSeconds.toFixed(2),
        reportSeconds: +reportSeconds.toFixed(2),
        peakRssMB: Math.round(peakKb / 1024),
        rssBeforeMB: Math.round(rssBefore / 1024),
        bodyMB: +(bodyBytes / 1048576).toFixed(1),
      },
    }) + '\n',
  );
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
