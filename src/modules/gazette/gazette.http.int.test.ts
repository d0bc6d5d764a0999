/**
 * The gazette over HTTP: the office compiles an issue from published 规章 and 规范性文件 (the 应刊登未刊登 list), orders
 * it, publishes it with its PDF; the public reads the web edition, the PDF, the feed and the API; an item page says
 * where it was carried. Bad numbers, other units' staff and a publisher publishing are refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';
import { XMLValidator } from 'fast-xml-parser';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';

const ORDER_TEXT = [
  '第一条　为了加强城市供水用水管理，保障城市生活、生产用水，根据《城市供水条例》，制定本办法。',
  '第二条　本办法适用于本市行政区域内的城市供水、用水及其管理活动。',
  '第三条　本办法自2026年5月1日起施行。',
].join('\n');

test('the office compiles, orders and publishes an issue; the public reads it in every form', async (t) => {
  const h = await makeTestApp({ now: '2026-03-10T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100010', name: '示范市教育局' });
  const office = await makeUser(h.db, city.id, ['office_admin']);
  const clerk = await makeUser(h.db, city.id, ['publisher']);
  const deptStaff = await makeUser(h.db, jyj.id, ['office_admin']);
  const now = h.clock.now();
  const order = await publishedItem(h.db, city.id, now, {
    title: '示范市城市供水用水管理办法',
    docNo: '示范市人民政府令第12号',
    genre: '命令（令）',
    legalForm: 'rule',
    bodyHtml: ORDER_TEXT.split('\n')
      .map((p) => `<p>${p}</p>`)
      .join(''),
  });
  const normative = await publishedItem(h.db, city.id, now, {
    title: '示范市人民政府关于印发行政规范性文件管理规定的通知',
    docNo: '示府〔2026〕8号',
    legalForm: 'normative',
    bodyHtml: '<p>各区人民政府，市政府各部门：现将规定印发给你们，请认真贯彻执行。</p>',
  });
  const dept = await publishedItem(h.db, jyj.id, now, {
    title: '示范市教育局关于规范民办学校招生行为的通知',
    docNo: '示教〔2026〕3号',
    issuingOrgans: ['示范市教育局'],
    legalForm: 'normative',
    bodyHtml: '<p>各区教育局：为规范招生行为，现通知如下。</p>',
  });
  await publishedItem(h.db, jyj.id, now, { title: '示范市教育局2025年工作总结', docNo: '' });

  const w = new Browser(h.app);
  await w.login(office.username);
  const list = await w.get('/staff/gazette');
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /应刊登未刊登（3）/, 'two 规范性文件 and one 规章; the work summary is not due');
  assert.doesNotMatch(list.body, /工作总结/);

  // Bad numbers: every problem at once, the values kept.
  const bad = await w.post('/staff/gazette', { year: '2026', number: '0', serial: 'x', publishDate: '2025-12-30' }, '/staff/gazette');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /期号应为 1 到 999 的整数/);
  assert.match(bad.body, /总号应为正整数/);
  assert.match(bad.body, /出版日期应在 2026 年内/);
  assert.match(bad.body, /name="serial"[^>]*value="x"/);
  const created = await w.post('/staff/gazette', { year: '2026', number: '3', serial: '45', publishDate: '2026-03-15' }, '/staff/gazette');
  assert.equal(created.statusCode, 303);
  const issueUrl = String(created.headers.location).split('?')[0];
  const dup = await w.post('/staff/gazette', { year: '2026', number: '3', serial: '46', publishDate: '2026-03-20' }, '/staff/gazette');
  assert.equal(dup.statusCode, 409);
  assert.match(dup.body, /2026年第3期已经有了/);

  // Entries: by 索引号 (a wrong one is named), from the due list, in sections whatever the order they were added in.
  const wrong = await w.post(`${issueUrl}/entries`, { indexNo: '990100000/2026-99999', section: 'city' }, issueUrl);
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /没有索引号为“990100000\/2026-99999”的已发布信息/);
  for (const [item, section] of [
    [dept, 'department'],
    [normative, 'city'],
    [order, 'order'],
  ] as const)
    assert.equal((await w.post(`${issueUrl}/entries`, { indexNo: item.indexNo!, section }, issueUrl)).statusCode, 303);
  assert.equal((await w.post(`${issueUrl}/entries`, { indexNo: order.indexNo!, section: 'order' }, issueUrl)).statusCode, 400, 'once per issue');
  // A second 市政府文件, moved above the first and then taken out again.
  const extra = await publishedItem(h.db, city.id, now, { title: '示范市人民政府关于调整最低工资标准的通知', docNo: '示府〔2026〕9号', legalForm: 'normative' });
  assert.equal((await w.post(`${issueUrl}/entries`, { indexNo: extra.indexNo!, section: 'city' }, issueUrl)).statusCode, 303);
  const entryId = (title: string) => h.db.query<{ id: number }>('SELECT id FROM gazette_entries WHERE title = $1', [title]).then((r) => String(r.rows[0].id));
  const cityTitles = async () => [...(await w.get(issueUrl)).body.matchAll(/<td>市政府文件<\/td><td>([^<]+)/g)].map((m) => m[1]);
  assert.deepEqual(await cityTitles(), ['示范市人民政府关于印发行政规范性文件管理规定的通知', '示范市人民政府关于调整最低工资标准的通知']);
  assert.equal((await w.post(`${issueUrl}/entries/move`, { entryId: await entryId('示范市人民政府关于调整最低工资标准的通知'), direction: 'up' }, issueUrl)).statusCode, 303);
  assert.deepEqual(await cityTitles(), ['示范市人民政府关于调整最低工资标准的通知', '示范市人民政府关于印发行政规范性文件管理规定的通知']);
  assert.equal((await w.post(`${issueUrl}/entries/move`, { entryId: await entryId('示范市人民政府关于调整最低工资标准的通知'), direction: 'sideways' }, issueUrl)).statusCode, 400);
  assert.equal((await w.post(`${issueUrl}/entries/remove`, { entryId: await entryId('示范市人民政府关于调整最低工资标准的通知') }, issueUrl)).statusCode, 303);
  assert.deepEqual(await cityTitles(), ['示范市人民政府关于印发行政规范性文件管理规定的通知']);
  const draftPage = (await w.get(issueUrl)).body;
  assert.match(draftPage, /加入本期：示范市人民政府关于调整最低工资标准的通知/, 'the one taken out is offered again');
  assert.match((await w.get('/staff/gazette')).body, /已编入2026年第3期（未出版）/);
  // Within a section the office's order holds: a 规范性文件 of the city moved below (and back above) another.
  assert.match(draftPage, /<td>市政府令<\/td><td>示范市城市供水用水管理办法/, 'printed 市政府令 first though added last');

  // A publisher compiles but does not publish; a department's office reaches nothing.
  const c = new Browser(h.app);
  await c.login(clerk.username);
  assert.doesNotMatch((await c.get(issueUrl)).body, /<button type="submit" class="button">\s*出版本期/);
  assert.equal((await c.post(`${issueUrl}/publish`, {}, issueUrl)).statusCode, 403);
  const d = new Browser(h.app);
  await d.login(deptStaff.username);
  assert.equal((await d.get('/staff/gazette')).statusCode, 403);
  assert.equal((await d.get(issueUrl)).statusCode, 403);

  const preview = await w.get(`${issueUrl}/preview.pdf`);
  assert.equal(preview.headers['content-type'], 'application/pdf');
  assert.equal((await w.get('/zfgb/2026/3')).statusCode, 404, 'a draft is not public');

  assert.equal((await w.post(`${issueUrl}/publish`, {}, issueUrl)).statusCode, 303);
  assert.equal((await w.post(`${issueUrl}/entries`, { indexNo: order.indexNo!, section: 'order' }, issueUrl)).statusCode, 409, 'a published issue is not edited');
  assert.match((await w.get('/staff/gazette')).body, /应刊登未刊登（1）/, 'only the one taken out still waits');

  // The public: the web edition in print order with the texts, the PDF with the same, the item pages, feed and API.
  const citizen = new Browser(h.app);
  const page = await citizen.get('/zfgb/2026/3');
  assert.equal(page.statusCode, 200);
  const titles = [...page.body.matchAll(/<h2 id="e\d+-h">([^<]+)<\/h2>/g)].map((m) => m[1]);
  assert.deepEqual(titles, ['示范市城市供水用水管理办法', '示范市人民政府关于印发行政规范性文件管理规定的通知', '示范市教育局关于规范民办学校招生行为的通知']);
  assert.match(page.body, /第二条\u3000本办法适用于本市行政区域内的城市供水/);
  assert.match(page.body, /示范市人民政府公报/);
  const pdf = await citizen.get('/zfgb/2026/3/gazette.pdf');
  assert.equal(pdf.headers['content-type'], 'application/pdf');
  const text = (await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), { mergePages: true })).text.replace(/\s+/g, '');
  for (const line of ORDER_TEXT.split('\n')) assert.ok(text.includes(line.replace(/\s+/g, '')), 'the PDF has the same text');
  assert.ok(text.indexOf('示范市城市供水用水管理办法') < text.indexOf('示范市教育局关于规范民办学校招生行为的通知'));

  const api = (await citizen.get('/api/v1/gazette/issues/2026/3')).json<{
    serial: number;
    pages: number;
    items: { section: string; title: string; pageFrom: number; pageTo: number; url: string; text: string }[];
  }>();
  assert.equal(api.serial, 45);
  assert.deepEqual(
    api.items.map((i) => i.section),
    ['order', 'city', 'department'],
  );
  assert.equal(api.items[0].pageFrom, 1);
  assert.equal(api.items[1].pageFrom, api.items[0].pageTo + 1);
  assert.ok(api.items[0].url.endsWith(`/xxgk/city/items/${order.itemId}`));
  assert.match(api.items[0].text, /第三条/);
  assert.deepEqual(
    (await citizen.get('/api/v1/gazette/issues?year=2026')).json<{ issues: { number: number }[] }>().issues.map((i) => i.number),
    [3],
  );
  assert.equal((await citizen.get('/api/v1/gazette/issues/2026/4')).statusCode, 404);

  const item = await citizen.get(`/xxgk/city/items/${order.itemId}`);
  assert.match(item.body, /刊载于《示范市人民政府公报》2026年第3期（总第45期）第1(–\d+)?页/);
  assert.match(item.body, /<a href="\/zfgb\/2026\/3\/gazette\.pdf#page=1">印刷版<\/a>/, "the print PDF opened at the item's first page");
  assert.match(item.body, /公报刊登的文本为标准文本/);
  assert.match(item.body, /<th scope="row">文件性质<\/th><td>规章<\/td>/);

  const feed = await citizen.get('/zfgb/feed.atom');
  assert.equal(XMLValidator.validate(feed.body), true);
  assert.match(feed.body, /2026年第3期（总第45期）/);
  const found = await citizen.get(`/zfgb?q=${encodeURIComponent('示教〔2026〕3号')}`);
  assert.match(found.body, /示范市教育局关于规范民办学校招生行为的通知/);
  assert.match((await citizen.get('/zfgb/2026')).body, /2026年第3期/);
  assert.equal((await citizen.get('/zfgb/1999')).statusCode, 404);

  // Withdrawn with a reason: gone from the public, kept for staff.
  assert.equal((await w.post(`${issueUrl}/withdraw`, { reason: '' }, issueUrl)).statusCode, 400);
  assert.equal((await w.post(`${issueUrl}/withdraw`, { reason: '目录页码有误，更正后重印' }, issueUrl)).statusCode, 303);
  assert.equal((await citizen.get('/zfgb/2026/3')).statusCode, 404);
  assert.match((await w.get(issueUrl)).body, /撤回理由：目录页码有误/);
  assert.equal((await h.db.query(`SELECT 1 FROM audit_log WHERE action = 'gazette.published'`)).rows.length, 1);
});
