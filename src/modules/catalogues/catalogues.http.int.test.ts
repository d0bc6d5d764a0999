import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { sampleCatalogueXlsx } from '../../testing/catalogues.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('through the screens: template import with its problems, adoption, review, the portal section, filing and coverage', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const county = await makeUnit(h.db, { parentId: city.id, slug: 'dcq', code: '990102001', name: '东城区人民政府', level: 'county', kind: 'government' });
  const town = await makeUnit(h.db, { parentId: county.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, county.id, ['office_admin'], { username: 'county' });
  await makeUser(h.db, town.id, ['office_admin', 'publisher'], { username: 'town' });
  const office = new Browser(h.app);
  await office.login('office');
  // The office corrects an unconfirmed area name and sets its lead and responsible units.
  await office.post('/staff/catalogues/areas/09', { name: '生态环境', leadUnitId: String(city.id), responsibleUnitIds: [String(county.id), String(town.id)] }, '/staff/catalogues');
  const areas = (await office.get('/staff/catalogues')).body;
  assert.match(areas, /<td>09<\/td><td>生态环境<span class="muted">（名称待核实：[^<]*）<\/span><\/td><td>示范市人民政府<\/td><td>东城区人民政府、清河镇人民政府<\/td>/);
  await office.post('/staff/catalogues/areas/09', { name: '生态环境保护', leadUnitId: String(city.id) }, '/staff/catalogues');
  assert.match((await office.get('/staff/catalogues')).body, /<td>09<\/td><td>生态环境保护<\/td><td>示范市人民政府<\/td><td>—<\/td>/, 'a corrected name counts as confirmed');
  const bad = await office.postMultipart(
    '/staff/catalogues/import',
    { unit: String(city.id), template: '1', area: '03' },
    [{ field: 'file', filename: 'tpl.xlsx', content: await sampleCatalogueXlsx([[4, '其他', '', '', '', '', '', '', '', '', '', '', '', '']]), type: XLSX }],
    '/staff/catalogues',
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /以下各行无法读取，文件未导入/);
  assert.match(bad.body, /<td>7<\/td><td>缺少公开内容（要素）、公开依据、公开时限、公开主体、公开渠道和载体<\/td>/);
  const ok = await office.postMultipart(
    '/staff/catalogues/import',
    { unit: String(city.id), template: '1', area: '03' },
    [{ field: 'file', filename: 'tpl.xlsx', content: await sampleCatalogueXlsx(), type: XLSX }],
    '/staff/catalogues',
  );
  assert.equal(ok.statusCode, 303);
  const tplId = /\/staff\/catalogues\/(\d+)/.exec(ok.headers.location as string)![1];
  for (const step of ['submit', 'approve', 'publish'])
    assert.equal((await office.post(`/staff/catalogues/${tplId}/${step}`, {}, `/staff/catalogues/${tplId}`)).statusCode, 303, step);

  const clerk = new Browser(h.app);
  await clerk.login('town');
  assert.equal((await clerk.post('/staff/catalogues/areas/09', { name: 'x' }, '/staff/catalogues')).statusCode, 403);
  // A unit's staff see no notes meant for the office, open the templates they may adopt, and get a blank workbook.
  const home = (await clerk.get('/staff/catalogues')).body;
  assert.doesNotMatch(home, /待核实/);
  assert.equal((await clerk.get(`/staff/catalogues/${tplId}`)).statusCode, 200, 'a template is readable by those who adopt it');
  assert.equal((await clerk.get(`/staff/catalogues/${tplId}.xlsx`)).statusCode, 200);
  assert.match(home, /href="\/staff\/catalogues\/areas\/03\/blank.xlsx"/);
  const blank = await h.app.inject({ url: '/staff/catalogues/areas/03/blank.xlsx', headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(blank.headers['content-type'], XLSX);
  const bw = new ExcelJS.Workbook();
  await bw.xlsx.load(blank.rawPayload as unknown as ArrayBuffer);
  assert.equal(bw.worksheets[0].rowCount, 3, 'the title and the two header rows, nothing to import');
  assert.equal(bw.worksheets[0].getCell('B3').value, '一级事项');
  const notes = bw.getWorksheet('填写说明')!;
  assert.equal(notes.rowCount, 15, 'a line per column');
  assert.match(String(notes.getCell('C3').value), /政策文件/, 'with an example');
  // The blank workbook, filled in, imports as it is.
  bw.worksheets[0].addRow([
    '1',
    '社会救助政策',
    '最低生活保障',
    '保障标准、申请条件、办理流程',
    '《社会救助暂行办法》',
    '自信息形成之日起20个工作日内',
    '镇民政办',
    '■政府网站',
    '√',
    '',
    '√',
    '',
    '',
    '√',
  ]);
  const filledIn = Buffer.from(await bw.xlsx.writeBuffer());
  const imported = await clerk.postMultipart(
    '/staff/catalogues/import',
    { unit: String(town.id), area: '14' },
    [{ field: 'file', filename: 'blank.xlsx', content: filledIn, type: XLSX }],
    `/staff/catalogues/unit/${town.id}`,
  );
  assert.equal(imported.statusCode, 303, imported.body.slice(0, 300));
  assert.equal((await new Browser(h.app).get('/staff/catalogues/areas/03/blank.xlsx')).statusCode, 302, 'staff only');
  const adopted = await clerk.post('/staff/catalogues/adopt', { unit: String(town.id), template: tplId }, `/staff/catalogues/unit/${town.id}`);
  const catId = /\/staff\/catalogues\/(\d+)/.exec(adopted.headers.location as string)![1];
  const exported = await h.app.inject({ url: `/staff/catalogues/${catId}.xlsx`, headers: { cookie: [...clerk.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
  assert.equal(wb.worksheets[0].getCell('C4').value, '资格预审公告');
  await clerk.post(`/staff/catalogues/${catId}/submit`, {}, `/staff/catalogues/${catId}`);
  assert.equal((await clerk.post(`/staff/catalogues/${catId}/approve`, {}, `/staff/catalogues/${catId}`)).statusCode, 403);
  const reviewer = new Browser(h.app);
  await reviewer.login('county');
  const noRemarks = await reviewer.post(`/staff/catalogues/${catId}/return`, { remarks: '' }, `/staff/catalogues/${catId}`);
  assert.equal(noRemarks.statusCode, 400);
  assert.match(noRemarks.body, /退回时请写明修改意见/);
  await reviewer.post(`/staff/catalogues/${catId}/approve`, {}, `/staff/catalogues/${catId}`);
  await clerk.post(`/staff/catalogues/${catId}/publish`, {}, `/staff/catalogues/${catId}`);

  // The citizen sees the catalogue in the town's column; an item filed under it appears next to it.
  const item = await publishedItem(h.db, town.id, h.clock.now(), { title: '清河镇2026年第一季度农村集体产权交易结果', formedDate: '2026-03-02' });
  const filing = await clerk.post(`/staff/items/${item.itemId}/catalogue`, { catalogue: '03|农村集体产权交易｜交易结果' }, `/staff/items/${item.itemId}/catalogue`);
  assert.match(filing.body, /已保存/);
  const portal = (await new Browser(h.app).get('/xxgk/qhz/jczwgk')).body;
  assert.match(portal, /公共资源交易领域基层政务公开标准目录/);
  assert.match(portal, /资格预审公告/);
  assert.match(portal, new RegExp(`<a href="/xxgk/qhz/items/${item.itemId}">清河镇2026年第一季度农村集体产权交易结果</a>`));
  assert.match((await new Browser(h.app).get('/xxgk/qhz')).body, /href="\/xxgk\/qhz\/jczwgk"/);
  assert.doesNotMatch((await new Browser(h.app).get('/xxgk/city')).body, /jczwgk/, 'the city is not 基层');

  // Coverage in the autumn: the quarterly item missed Q2 and Q3.
  h.clock.set('2026-11-24T02:00:00Z');
  await reviewer.login('county');
  const cov = (await reviewer.get(`/staff/catalogues/coverage?catalogue=${catId}`)).body;
  assert.match(
    cov,
    /清河镇人民政府<\/td><td><a href="\/staff\/catalogues\/coverage\?catalogue=\d+">公共资源交易<\/a><\/td><td>0<\/td><td>0<\/td><td class="status-overdue">1<\/td><td>1<\/td><td>0<\/td>/,
  );
  assert.match(cov, /2026-04-01 至 2026-06-30 无信息/);
  assert.match(cov, /2026-07-01 至 2026-09-30 无信息/);
});
