/**
 * Benchmark of the open-data catalogue (issue 15), printed as one JSON line:
 *
 * 1. Loading a generated CSV of N rows (default 1,000,000: hourly air quality at 12 stations) the way a publisher's
 *    upload is loaded (checked, stored, parsed in the sandbox, rows written in one transaction), as rows/s against
 *    `COPY` of the same file into a plain typed table in the same database in the same run.
 * 2. `datastore_search` through the CKAN API on that resource (a filter, a full-text q, a sort with a deep offset), each
 *    as the time of the same question asked in SQL of the COPY table, divided by ours (1.0 = as fast as plain SQL).
 * 3. `package_search` over D datasets (default 500) with facets, against the cached public item page of the same app.
 * 4. The whole resource downloaded as CSV and as Excel by a client in another process: the server process's peak live
 *    memory (JS heap and buffers after a full collection) above its level before the download, against the file's
 *    size (a download that held the file in memory would be ≥ 1.0).
 *
 *   node --expose-gc --import tsx bench/opendata.ts [--rows 1000000] [--datasets 500] [--repeat 5]
 *
 * Embedded PGlite in a temporary folder, or PostgreSQL when DATABASE_URL is set (a new database is created; the COPY
 * then reads the file on the server, so server and bench must share /tmp, as on this machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { benchDb, copyCsv, freePort, timedMedian } from './lib.ts';
import type { Db } from '../src/lib/db.ts';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/lib/clock.ts';
import { buildApp } from '../src/app.ts';
import { CalendarService } from '../src/modules/calendar/index.ts';
import { addResource, approveDataset, saveDataset, submitDataset } from '../src/modules/opendata/index.ts';
import { publishedItem } from '../src/testing/items.ts';
import { makeUnit } from '../src/testing/factories.ts';
import { sampleMetadata, SERVICE_ITEMS_CSV } from '../src/testing/datasets.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, datasets: { type: 'string', default: '500' }, repeat: { type: 'string', default: '5' } },
});
const ROWS = Number(args.rows);
const DATASETS = Number(args.datasets);
const REPEAT = Number(args.repeat);
const log = (s: string) => process.stderr.write(s + '\n');
const SYSTEM = { kind: 'system', label: 'bench' } as const;
const STATIONS = Array.from({ length: 12 }, (_, i) => `站点${String(i + 1).padStart(2, '0')}`);
const LEVELS = ['优', '良', '轻度污染', '中度污染'];

function generateCsv(file: string, rows: number) {
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, '时间,监测点,AQI,PM2.5,PM10,空气质量级别\r\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const hour = Math.floor(i / STATIONS.length);
    const t = new Date(Date.UTC(2015, 0, 1) + hour * 3600_000).toISOString().slice(0, 13).replace('T', ' ') + ':00';
    const aqi = 20 + ((i * 37) % 180);
    chunk += `${t},${STATIONS[i % STATIONS.length]},${aqi},${Math.round(aqi * 0.6)},${Math.round(aqi * 0.9)},${LEVELS[Math.min(3, Math.floor(aqi / 50))]}\r\n`;
    if (chunk.length > 1 << 20) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

/** COPY of the file into a typed table: PostgreSQL reads it on the server; PGlite from the blob device. */
async function copyBaseline(db: Db, file: string): Promise<number> {
  await db.query('CREATE TABLE bench_copy (t text, station text, aqi int, pm25 int, pm10 int, level text)');
  return copyCsv(db, 'bench_copy', file);
}

const timed = (f: () => Promise<unknown>) => timedMedian(REPEAT, f);

/** What the client does, in its own process so its buffers are not counted: read the response and count the bytes. */
const CLIENT = `require('node:http').get(process.argv[1], (res) => { let n = 0; res.on('data', (c) => (n += c.length)); res.on('end', () => process.stdout.write(String(n))); });`;

/**
 * One whole download fetched by a client process while this (the server's) process samples its live memory: the JS
 * heap and array buffers after a full collection, every 250 ms, so garbage not yet collected is not counted.
 */
async function measureDownload(url: string) {
  const gc = (global as { gc?: () => void }).gc!;
  const live = () => {
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = live();
  const rssStart = process.memoryUsage().rss;
  let peak = start;
  let peakRss = rssStart;
  const sampler = setInterval(() => {
    peak = Math.max(peak, live());
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 250);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', CLIENT, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  const bytes = Number(await text(child.stdout));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return {
    seconds: +seconds.toFixed(1),
    MB: +(bytes / 1048576).toFixed(1),
    peakLiveAboveStartMB: +((peak - start) / 1048576).toFixed(1),
    peakRssAboveStartMB: Math.round((peakRss - rssStart) / 1048576),
  };
}

async function main() {
  if (!(global as { gc?: unknown }).gc) throw new Error('run with node --expose-gc (the download measure collects garbage before each sample)');
  const { db, dir, close } = await benchDb();
  // The PostgreSQL server reads the generated file for COPY.
  fs.chmodSync(dir, 0o755);
  const now = systemClock.now();
  const unit = (await makeUnit(db, { kind: 'department', slug: 'sthjj', code: '990100009', name: '示范市生态环境局' })).id;
  const { itemId } = await publishedItem(db, unit, now, { title: '示范市空气质量信息发布办法' });

  const file = path.join(dir, 'air.csv');
  log(`generating ${ROWS} rows …`);
  generateCsv(file, ROWS);
  fs.chmodSync(file, 0o644);
  const bytes = fs.statSync(file).size;
  log(`COPY of ${(bytes / 1048576).toFixed(1)} MB …`);
  const copySeconds = await copyBaseline(db, file);

  log('loading through the upload path …');
  const limits = { maxBytes: bytes + 1024, maxRows: ROWS + 1, maxColumns: 50 };
  const id = await saveDataset(db, SYSTEM, now, { unitId: unit, name: 'air-quality-hourly', metadata: sampleMetadata({ title: '空气质量小时数据' }), changeNote: '' });
  const content = fs.readFileSync(file);
  const rssBeforeLoad = process.memoryUsage().rss;
  const t0 = performance.now();
  const rid = await addResource(db, SYSTEM, now, id, { name: '小时数据', description: '', dictionary: 'AQI||空气质量指数', file: { filename: 'air.csv', content } }, limits);
  const loadSeconds = (performance.now() - t0) / 1000;
  const rssAfterLoadMB = Math.round(process.memoryUsage().rss / 1048576);
  await submitDataset(db, SYSTEM, now, id);
  await approveDataset(db, SYSTEM, now, id);
  await db.query('ANALYZE');

  log(`${DATASETS} more datasets for package_search …`);
  for (let i = 0; i < DATASETS; i++) {
    const d = await saveDataset(db, SYSTEM, now, {
      unitId: unit,
      name: `dataset-${i}`,
      metadata: sampleMetadata({ title: `${['空气', '水质', '噪声', '固废'][i % 4]}监测数据第${i}号`, areaCode: String(1 + (i % 26)).padStart(2, '0') }),
      changeNote: '',
    });
    await addResource(db, SYSTEM, now, d, { name: '表', description: '', dictionary: '', file: { filename: 'items.csv', content: SERVICE_ITEMS_CSV } }, limits);
    await submitDataset(db, SYSTEM, now, d);
    await approveDataset(db, SYSTEM, now, d);
  }

  const port = await freePort();
  const config = loadConfig({ LOG_LEVEL: 'silent', GONGKAI_SECRET: 'bench-secret-bench-secret-bench-secret' }, { port, dataDir: dir, maxUploadBytes: bytes + 1024 });
  const app = await buildApp({ config, db, clock: systemClock, calendar: new CalendarService(db) });
  await app.listen({ port, host: '127.0.0.1' });
  const get = async (url: string) => {
    const r = await app.inject({ url });
    if (r.statusCode !== 200) throw new Error(`${url} answered ${r.statusCode}: ${r.body.slice(0, 200)}`);
    return r;
  };
  const ds = (q: Record<string, string>) => `/api/3/action/datastore_search?${new URLSearchParams({ resource_id: rid, ...q })}`;
  log('datastore_search …');
  const deepOffset = String(Math.floor(ROWS / 2));
  const searches = {
    filter: {
      ours: await timed(() => get(ds({ filters: JSON.stringify({ 监测点: '站点07' }), limit: '100' }))),
      sql: await timed(() => db.query(`SELECT *, count(*) OVER () FROM bench_copy WHERE station = '站点07' LIMIT 100`)),
    },
    q: {
      ours: await timed(() => get(ds({ q: '中度污染', limit: '100' }))),
      sql: await timed(() => db.query(`SELECT *, count(*) OVER () FROM bench_copy WHERE level LIKE '%中度污染%' LIMIT 100`)),
    },
    sortDeep: {
      ours: await timed(() => get(ds({ sort: 'AQI desc', offset: deepOffset, limit: '100' }))),
      sql: await timed(() => db.query(`SELECT * FROM bench_copy ORDER BY aqi DESC OFFSET ${deepOffset} LIMIT 100`)),
    },
  };
  log('package_search …');
  const itemPage = await timed(() => get(`/xxgk/sthjj/items/${itemId}`));
  const packageSearch = await timed(() => get(`/api/3/action/package_search?q=${encodeURIComponent('空气')}&rows=10&facet.field=${encodeURIComponent('["groups","res_format"]')}`));

  log('full downloads …');
  const downloads = {
    csv: await measureDownload(`http://127.0.0.1:${port}/dataset/air-quality-hourly/resource/${rid}/download.csv`),
    xlsx: await measureDownload(`http://127.0.0.1:${port}/dataset/air-quality-hourly/resource/${rid}/download.xlsx`),
  };
  await app.close();

  const r = (x: number) => +x.toFixed(4);
  process.stdout.write(
    JSON.stringify({
      bench: 'opendata',
      engine: db.kind,
      rows: ROWS,
      fileMB: +(bytes / 1048576).toFixed(1),
      load: { seconds: +loadSeconds.toFixed(1), rowsPerSecond: Math.round(ROWS / loadSeconds), rssGrowthMB: rssAfterLoadMB - Math.round(rssBeforeLoad / 1048576) },
      copy: { seconds: +copySeconds.toFixed(1), rowsPerSecond: Math.round(ROWS / copySeconds) },
      datastoreSearchMs: Object.fromEntries(Object.entries(searches).map(([k, v]) => [k, { ours: +v.ours.toFixed(1), sql: +v.sql.toFixed(1) }])),
      packageSearchMs: +packageSearch.toFixed(1),
      itemPageMs: +itemPage.toFixed(2),
      datasets: DATASETS + 1,
      downloads,
      ratios: {
        load_vs_copy: r(copySeconds / loadSeconds),
        datastore_filter_vs_sql: r(searches.filter.sql / searches.filter.ours),
        datastore_q_vs_sql: r(searches.q.sql / searches.q.ours),
        datastore_sort_deep_vs_sql: r(searches.sortDeep.sql / searches.sortDeep.ours),
        package_search_vs_item_page: r(itemPage / packageSearch),
        download_csv_peak_live_memory_vs_file: r((downloads.csv.peakLiveAboveStartMB * 1048576) / bytes),
        download_xlsx_peak_live_memory_vs_file: r((downloads.xlsx.peakLiveAboveStartMB * 1048576) / bytes),
      },
    }) + '\n',
  );
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
