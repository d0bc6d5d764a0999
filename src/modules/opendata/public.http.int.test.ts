/**
 * The public data pages over HTTP: the list filters and counts by area, unit, format, openness and frequency; the
 * dataset page shows its metadata, history and an overdue notice; a resource previews, filters and pages its rows;
 * downloads stream the whole table as CSV and Excel (the same rows as uploaded) and JSON; conditional data is not handed out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset, SERVICE_ITEMS_CSV } from '../../testing/datasets.ts';
import { unitIndicators } from '../supervision/index.ts';
import { buildCalendar } from '../../lib/calendar.ts';

test('browse, read, preview, filter and download open data; conditional data stays closed', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const sjj = await makeUnit(h.db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  const mzj = await makeUnit(h.db, { kind: 'department', slug: 'mzj', code: '990100005', name: '示范市民政局' });
  const open = await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'service-time-limits' });
  await publishedDataset(h.db, mzj.id, h.clock.now(), {
    name: 'dibao-monthly',
    metadata: { title: '城乡低保月度数据', areaCode: '02', frequency: 'daily', keywords: '低保' },
    resources: [{ name: '月度数据', filename: 'd.csv', content: Buffer.from('月份,户数\n2026-01,1203\n') }],
  });
  const closed = await publishedDataset(h.db, sjj.id, h.clock.now(), {
    name: 'power-use',
    metadata: { title: '企业用电数据', openness: 'conditional', opennessReason: '涉及企业经营信息' },
  });
  h.clock.advanceMs(3 * 86_400_000);
  const get = (url: string) => h.app.inject({ method: 'GET', url });

  const list = await get('/sjkf');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /共 3 个数据集/);
  assert.match(list.body, /<a href="\/sjkf\?unit=sjj">示范市政务服务数据管理局<\/a> <span class="muted">\(2\)<\/span>/);
  assert.match(list.body, /<a href="\/sjkf\?openness=conditional">有条件开放<\/a> <span class="muted">\(1\)<\/span>/);
  assert.match(list.body, /城乡低保月度数据<\/a><span class="badge">未按期更新<\/span>/, 'a daily dataset three days old is overdue');
  const byUnit = await get('/sjkf?unit=mzj');
  assert.match(byUnit.body, /共 1 个数据集/);
  assert.match(byUnit.body, /取消“提供单位”筛选/);
  assert.match((await get(`/sjkf?q=${encodeURIComponent('承诺时限')}&unit=sjj`)).body, /共 2 个数据集/, 'the words and a filter');
  assert.match((await get(`/sjkf?q=${encodeURIComponent('实施主体')}`)).body, /共 2 个数据集/, 'the data dictionary is searched');
  const asked = await get(`/sjkf?q=${encodeURIComponent('示范市的低保月度情况')}`);
  assert.match(asked.body, /共 1 个数据集/, 'a question in words, not a substring of the title');
  assert.match(asked.body, /城乡低保月度数据/);

  // The site-wide search box offers the dataset beside the documents, and not when the question is elsewhere.
  const site = await get(`/search?q=${encodeURIComponent('低保月度数据')}`);
  assert.equal(site.statusCode, 200);
  assert.match(site.body, /<h2 id="datasets-h">开放数据<\/h2>/);
  assert.match(site.body, /<a href="\/dataset\/dibao-monthly">城乡低保月度数据<\/a>/);
  assert.doesNotMatch((await get(`/search?q=${encodeURIComponent('低保月度数据')}&unit=sjj`)).body, /datasets-h/, 'outside the chosen unit');

  // The same overdue dataset is a finding of its unit's 数据更新及时率 in supervision.
  const freshness = (await unitIndicators(h.db, { id: mzj.id, slug: 'mzj', level: 'city' }, buildCalendar(), '2026-03-05')).find((i) => i.key === 'data_freshness')!;
  assert.deepEqual(
    freshness.findings.map((f) => f.label),
    ['城乡低保月度数据'],
  );
  assert.deepEqual(freshness.share, { value: 0, target: 1 });

  const page = await get('/dataset/service-time-limits');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<dt>开放属性<\/dt><dd>无条件开放<\/dd>/);
  assert.match(page.body, /第 1 版\u30002026-03-02\u3000首次发布/);
  assert.match(page.body, new RegExp(`href="/dataset/service-time-limits/resource/${open.resources[0]}">事项时限表</a>`));
  assert.equal((await get('/dataset/no-such-thing')).statusCode, 404);

  const res = `/dataset/service-time-limits/resource/${open.resources[0]}`;
  const preview = await get(res);
  assert.match(preview.body, /共 40 行/);
  assert.match(preview.body, /<td>临时价格干预范围事项提价申报<\/td>/);
  assert.match(preview.body, /<td>法定时限<\/td><td>整数<\/td><td>工作日<\/td><td>法律规定的办理时限<\/td>/);
  const filtered = await get(`${res}?column=${encodeURIComponent('实施主体')}&value=${encodeURIComponent('广东省教育厅')}`);
  const n = Number(/共 (\d+) 行/.exec(filtered.body)![1]);
  assert.ok(n > 0 && n < 40);
  assert.match((await get(`${res}?page=2`)).body, /第 2 页/);
  assert.equal((await get('/dataset/service-time-limits/resource/00000000-0000-0000-0000-000000000000')).statusCode, 404);
  assert.equal((await get(`/dataset/dibao-monthly/resource/${open.resources[0]}`)).statusCode, 404, 'a resource of another dataset');

  const csv = await get(`${res}/download.csv`);
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.ok(csv.body.startsWith('\ufeff'), 'a BOM for Excel');
  const back = parse(csv.body.slice(1)) as string[][];
  const original = parse(SERVICE_ITEMS_CSV.toString('utf8')) as string[][];
  assert.deepEqual(back, original, 'the download has the uploaded rows, cell for cell');
  const json = (await get(`${res}/download.json`)).json<Record<string, unknown>[]>();
  assert.equal(json.length, 40);
  assert.deepEqual(json[0].法定时限, 30);
  const xlsx = await get(`${res}/download.xlsx`);
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-disposition']), /filename\*=UTF-8''service-time-limits-.*\.xlsx/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0].getSheetValues().slice(1) as unknown[][];
  assert.deepEqual(
    sheet.map((r) => r.slice(1).map((v) => String(v ?? ''))),
    original,
    'the Excel download has the uploaded rows too',
  );
  assert.equal(typeof sheet[1][original[0].indexOf('法定时限') + 1], 'number', 'a number column is numbers in Excel');

  const closedRes = `/dataset/power-use/resource/${closed.resources[0]}`;
  assert.doesNotMatch((await get(closedRes)).body, /共 40 行/, 'no preview');
  const refused = await get(`${closedRes}/download.csv`);
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /有条件开放|不是无条件开放/);
});
