/**
 * Benchmark: public item and list pages under concurrent load, over a corpus of N information items (default
 * 100,000; bodies are real laws from ../shared/data/lawrefbook-laws, replicated), measured with wrk and printed as a
 * ratio against nginx serving the same HTML as static files in the same run.
 *
 *   node --import tsx bench/portal.ts [--items 100000] [--duration 10] [--connections 32]
 *
 * Uses embedded PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a new database is created).
 */
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, spawnSync } from 'node:child_process';
import type { Db } from '../src/lib/db.ts';
import { freePort, wrk, type WrkResult, benchDb } from './lib.ts';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { buildApp } from '../src/app.ts';
import { CalendarService } from '../src/modules/calendar/index.ts';
import { seedDemo } from '../db/seeds/demo/seed.ts';
import { TOPIC_VALUES } from '../src/modules/publishing/index.ts';

const { values: args } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } },
});
const N = Number(args.items);
const DURATION = Number(args.duration);
const CONNS = Number(args.connections);
const log = (s: string) => process.stderr.write(s + '\n');

async function loadLaws(max: number): Promise<{ title: string; body: string }[]> {
  const out: { title: string; body: string }[] = [];
  const rl = readline.createInterface({ input: fs.createReadStream('../shared/data/lawrefbook-laws/laws.jsonl', 'utf8'), crlfDelay: Infinity });
  for await (const line of rl) {
    const r = JSON.parse(line) as { title?: string; body_markdown?: string };
    const body = (r.body_markdown ?? '')
      .replace(/^---[\s\S]*?---\s*/, '')
      .replace(/[#>*`]/g, '')
      .trim();
    if (body.length < 200 || !r.title || r.title.startsWith('_')) continue;
    out.push({ title: r.title, body: body.slice(0, 6000) });
    if (out.length >= max) break;
  }
  return out;
}

/** Bulk-loads published items straight into the tables (the seeding path would take hours for 100k). */
async function bulkLoad(db: Db, n: number) {
  const laws = await loadLaws(3502);
  const units = (await db.query<{ id: number; code: string; name: string }>('SELECT id, code, name FROM units ORDER BY id')).rows;
  const sections = ['a20_01', 'a20_04', 'a20_05', 'a20_07', 'a20_11', 'a20_13'];
  const BATCH = 250;
  for (let start = 0; start < n; start += BATCH) {
    const rows = Math.min(BATCH, n - start);
    await db.transaction(async (tx) => {
      const itemVals: unknown[] = [];
      const itemSql: string[] = [];
      for (let i = 0; i < rows; i++) {
        const k = start + i;
        const u = units[k % units.length];
        itemSql.push(`($${itemVals.length + 1}, 'information', 'published', $${itemVals.length + 2}, now(), now())`);
        itemVals.push(u.id, `${u.code}/B${String(k).padStart(7, '0')}`);
      }
      const ids = (
        await tx.query<{ id: number }>(
          `INSERT INTO information_items (unit_id, kind, status, index_no, created_at, first_published_at) VALUES ${itemSql.join(',')} RETURNING id`,
          itemVals,
        )
      ).rows.map((r) => r.id);
      const vVals: unknown[] = [];
      const vSql: string[] = [];
      for (let i = 0; i < rows; i++) {
        const k = start + i;
        const law = laws[k % laws.length];
        const u = units[k % units.length];
        const day = new Date(Date.UTC(2016, 0, 1) + (k % 3800) * 86400000).toISOString().slice(0, 10);
        const p = vVals.length;
        vSql.push(
          `($${p + 1}, 1, 'published', $${p + 2}, $${p + 3}, ARRAY[$${p + 3}], $${p + 4}, $${p + 4}, $${p + 5}::date, $${p + 5}::date, $${p + 5}::date, $${p + 6}, '其他', $${p + 7}, 'proactive', $${p + 8}, $${p + 9}, now())`,
        );
        const body = law.body
          .split(/\n+/)
          .filter(Boolean)
          .map((l) => `<p>${l.replace(/[<>&]/g, ' ')}</p>`)
          .join('');
        vVals.push(
          ids[i],
          `${law.title}（${k}）`,
          u.name,
          `示范〔${2016 + (k % 10)}〕${k + 1}号`,
          day,
          TOPIC_VALUES[k % TOPIC_VALUES.length],
          sections[k % sections.length],
          body,
          law.body,
        );
      }
      const vids = (
        await tx.query<{ id: number; item_id: number }>(
          `INSERT INTO item_versions (item_id, version_no, state, title, publisher_name, issuing_organs, doc_no, doc_no_normalized, written_date, publish_date, formed_date, topic, genre, section_code, disclosure, body_html, body_text, published_at) VALUES ${vSql.join(',')} RETURNING id, item_id`,
          vVals,
        )
      ).rows;
      await tx.query(
        `UPDATE information_items i SET current_version_id = v.id FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::bigint[]) AS item_id) v WHERE i.id = v.item_id`,
        [vids.map((v) => v.id), vids.map((v) => v.item_id)],
      );
    });
    if ((start / BATCH) % 40 === 0) log(`  loaded ${start + rows}/${n}`);
  }
  await db.query('ANALYZE');
}

async function main() {
  if (spawnSync('which', ['wrk']).status !== 0 || spawnSync('which', ['nginx']).status !== 0) {
    throw new Error('needs wrk and nginx from Debian: apt-get install -y wrk nginx-light');
  }
  const { db, dir, close } = await benchDb();
  log(`seeding demo city and ${N} items (${db.kind}) …`);
  const t0 = Date.now();
  await seedDemo(db);
  await bulkLoad(db, N);
  const loadSeconds = (Date.now() - t0) / 1000;
  const maxItem = (await db.query<{ m: number }>('SELECT max(id)::int AS m FROM information_items')).rows[0].m;
  const itemCount = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_items WHERE status = 'published'`)).rows[0].n;
  const minItem = (await db.query<{ m: number }>(`SELECT min(id)::int AS m FROM information_items WHERE index_no LIKE '%/B%'`)).rows[0].m;

  const port = await freePort();
  const config = loadConfig({ LOG_LEVEL: 'silent', GONGKAI_SECRET: 'bench-secret-bench-secret-bench-secret' }, { port, dataDir: dir });
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const unitSlug = (await db.query<{ slug: string }>(`SELECT u.slug FROM units u JOIN information_items i ON i.unit_id = u.id WHERE i.id = $1`, [minItem])).rows[0].slug;

  // The same HTML, as static files for nginx.
  // nginx's worker runs unprivileged: it must be able to read the files.
  fs.chmodSync(dir, 0o755);
  const www = path.join(dir, 'www');
  fs.mkdirSync(www, { recursive: true });
  const itemHtml = await (await fetch(`${base}/xxgk/${unitSlug}/items/${minItem}`)).text();
  const listHtml = await (await fetch(`${base}/xxgk/${unitSlug}/s/a20_01`)).text();
  fs.writeFileSync(path.join(www, 'item.html'), itemHtml);
  fs.writeFileSync(path.join(www, 'list.html'), listHtml);
  const nport = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes 1; daemon off; pid ${dir}/nginx.pid; error_log ${dir}/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; default_type text/html; sendfile on; keepalive_requests 100000;
  server { listen 127.0.0.1:${nport}; root ${www}; etag on; } }`,
  );
  const nginx = spawn('nginx', ['-c', conf, '-p', dir], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));

  const script = path.join(dir, 'random.lua');
  const units = (await db.query<{ id: number; slug: string }>('SELECT id, slug FROM units ORDER BY id')).rows;
  // Bulk items are spread over the units round-robin: item k belongs to units[k % units.length].
  fs.writeFileSync(
    script,
    `local slugs = {${units.map((u) => `"${u.slug}"`).join(',')}}
request = function()
  local k = math.random(0, ${N - 1})
  return wrk.format("GET", "/xxgk/" .. slugs[(k % ${units.length}) + 1] .. "/items/" .. (${minItem} + k))
end`,
  );

  const results: Record<string, WrkResult> = {};
  log('warming up …');
  await wrk(`${base}/xxgk/${unitSlug}/items/${minItem}`, { connections: CONNS, duration: DURATION, log });
  log('measuring …');
  results.nginx_item = await wrk(`http://127.0.0.1:${nport}/item.html`, { connections: CONNS, duration: DURATION, log });
  results.app_item_same = await wrk(`${base}/xxgk/${unitSlug}/items/${minItem}`, { connections: CONNS, duration: DURATION, log });
  results.app_item_random = await wrk(`${base}/`, { connections: CONNS, duration: DURATION, script, log });
  results.nginx_list = await wrk(`http://127.0.0.1:${nport}/list.html`, { connections: CONNS, duration: DURATION, log });
  results.app_list = await wrk(`${base}/xxgk/${unitSlug}/s/a20_01`, { connections: CONNS, duration: DURATION, log });
  const rss = process.memoryUsage().rss;
  nginx.kill();
  await app.close();

  const summary = {
    bench: 'portal',
    engine: db.kind,
    items: itemCount,
    maxItemId: maxItem,
    loadSeconds,
    connections: CONNS,
    durationSeconds: DURATION,
    itemPageBytes: Buffer.byteLength(itemHtml),
    results,
    ratios: {
      item_same_vs_nginx: +(results.app_item_same.rps / results.nginx_item.rps).toFixed(3),
      item_random_vs_nginx: +(results.app_item_random.rps / results.nginx_item.rps).toFixed(3),
      list_vs_nginx: +(results.app_list.rps / results.nginx_list.rps).toFixed(3),
    },
    appRssMB: Math.round(rss / 1048576),
  };
  process.stdout.write(JSON.stringify(summary) + '\n');
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
