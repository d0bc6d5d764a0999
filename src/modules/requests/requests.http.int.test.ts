import { test } from 'node:test';
import assert from 'node:assert/strict';
import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { tinyPdf } from '../../../db/seeds/demo/files.ts';

const form = (over: Record<string, string> = {}) => ({
  applicantType: 'natural',
  applicantName: '李四',
  idType: '居民身份证',
  idNumber: '110101199003074514',
  phone: '13912345678',
  email: 'lisi@example.com',
  address: '',
  postcode: '',
  contactPerson: '',
  applicantSubtype: '',
  infoTitle: '',
  infoDocNo: '',
  infoDescription: '2025年清河镇道路维修工程的招标文件和中标结果',
  deliveryForm: 'electronic',
  deliveryMethod: 'online',
  ...over,
});

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const town = await makeUnit(h.db, { parentId: city.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  await makeUser(h.db, town.id, ['request_officer'], { username: 'officer' });
  await makeUser(h.db, town.id, ['office_admin'], { username: 'head' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'city-head' });
  return { h, city, town };
}

test('a citizen applies online, is shown published matches first, answers a 补正 notice and downloads the reply as a page and as DOCX', async (t) => {
  const { h, town } = await setup();
  t.after(() => h.close());
  await publishedItem(h.db, town.id, h.clock.now(), { title: '清河镇2025年道路维修工程中标结果公告', bodyHtml: '道路维修工程中标人为某建设公司。', docNo: '' });
  const citizen = new Browser(h.app);
  assert.match((await citizen.get('/ysqgk')).body, /20 个工作日内答复/);
  // Bad input: every field named, values kept, nothing written.
  const bad = await citizen.post('/ysqgk/apply', { ...form({ applicantName: '', idNumber: '123', deliveryMethod: 'email', email: '' }), unit: String(town.id) }, '/ysqgk/apply');
  assert.equal(bad.statusCode, 400);
  for (const m of [/请填写姓名或名称/, /身份证号码有误/, /请填写电子邮箱/]) assert.match(bad.body, m);
  assert.match(bad.body, /2025年清河镇道路维修工程的招标文件和中标结果<\/textarea>/);
  assert.equal((await h.db.query('SELECT 1 FROM request_cases')).rows.length, 0);
  // First try: published information that may already answer it.
  const first = await citizen.post('/ysqgk/apply', { ...form(), unit: String(town.id) }, '/ysqgk/apply');
  assert.match(first.body, /以下信息已经主动公开/);
  assert.match(first.body, /清河镇2025年道路维修工程中标结果公告/);
  assert.match(first.body, /name="checked" value="1"/);
  const sent = await citizen.post('/ysqgk/apply', { ...form(), unit: String(town.id), checked: '1' }, '/ysqgk/apply');
  assert.equal(sent.statusCode, 200);
  const caseNo = /申请编号：<strong>(YSQ\d+)<\/strong>/.exec(sent.body)![1];
  const code = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(sent.body)![1];
  assert.equal(sent.headers['cache-control'], 'no-store');

  const officer = new Browser(h.app);
  await officer.login('officer');
  const list = (await officer.get('/staff/requests')).body;
  assert.match(list, new RegExp(caseNo));
  const id = Number(new RegExp(`/staff/requests/(\\d+)">${caseNo}`).exec(list)![1]);
  const confirmed = await officer.post(`/staff/requests/${id}/confirm`, { confirmedOn: '2026-03-02', how: '电话确认' }, `/staff/requests/${id}`);
  assert.equal(confirmed.statusCode, 303);
  const page = (await officer.get(`/staff/requests/${id}`)).body;
  assert.match(page, /2026-03-30，已用 0\/20 个工作日/);
  const noItems = await officer.post(`/staff/requests/${id}/correction`, { onDate: '2026-03-02', items: '' }, `/staff/requests/${id}`);
  assert.equal(noItems.statusCode, 400);
  assert.match(noItems.body, /请逐行写明需要补正的全部事项/);
  assert.match(noItems.body, /<details open="" id="action-correction">|<details open id="action-correction">/);
  await officer.post(`/staff/requests/${id}/correction`, { onDate: '2026-03-02', items: '请说明所需招标文件的项目名称' }, `/staff/requests/${id}`);

  // The citizen looks the case up: a wrong code is refused, the right one opens the case.
  assert.match((await citizen.post('/ysqgk/status', { caseNo, queryCode: 'WRONG123' }, '/ysqgk/status')).body, /申请编号或查询码不正确/);
  const looked = await citizen.post('/ysqgk/status', { caseNo, queryCode: code.toLowerCase() }, '/ysqgk/status');
  assert.equal(looked.headers.location, '/ysqgk/case');
  const casePage = (await citizen.get('/ysqgk/case')).body;
  assert.match(casePage, /需要您补正/);
  // The clock is stopped: the page says so and when it starts again, not the old due date.
  assert.match(casePage, /计时暂停：等待申请人补正，自收到补正之日起重新计算/);
  assert.doesNotMatch(casePage, /2026-03-30前/);
  assert.match((await officer.get(`/staff/requests/${id}`)).body, /计时暂停：等待申请人补正/);
  assert.match(casePage, /请说明所需招标文件的项目名称/);
  await citizen.post('/ysqgk/case/correction', { text: '项目为清河镇人民路维修工程' }, '/ysqgk/case');
  assert.match((await citizen.get('/ysqgk/case')).body, /已收到您在线提交的补正内容/);
  assert.match((await officer.get(`/staff/requests/${id}`)).body, /申请人于 2026-03-02 在线提交补正：项目为清河镇人民路维修工程/);

  h.clock.set('2026-03-03T02:00:00Z');
  await officer.login('officer'); // a new working day, a new session
  await officer.post(`/staff/requests/${id}/receive-correction`, { onDate: '2026-03-03', note: '在线补正' }, `/staff/requests/${id}`);
  const noReason = await officer.post(`/staff/requests/${id}/decide`, { outcome: 'withhold_third_party', onDate: '2026-03-03', detail: '' }, `/staff/requests/${id}`);
  assert.match(noReason.body, /须在答复中说明具体理由/);
  assert.match(noReason.body, /<option value="withhold_third_party" selected/);
  await officer.post(`/staff/requests/${id}/decide`, { outcome: 'disclose_provided', onDate: '2026-03-03', detail: '招标文件见附件' }, `/staff/requests/${id}`);
  assert.match((await officer.get(`/staff/requests/${id}`)).body, /已答复：予以公开/);
  // Someone else asks for the same information; the officer turns it into proactive disclosure (Art. 44).
  await officer.post(
    '/staff/requests/new',
    { ...form({ applicantName: '另一位申请人', idNumber: '110101198506120020' }), unit: String(town.id), channel: 'in_person', arrivedOn: '2026-03-03', confirmedOn: '' },
    '/staff/requests/new',
  );
  assert.match((await officer.get(`/staff/requests/${id}`)).body, /同一信息已被申请 2 次（含本件）/);
  const pro = await officer.post(`/staff/requests/${id}/proactive`, {}, `/staff/requests/${id}`);
  assert.equal(pro.statusCode, 303);
  const draft = (
    await h.db.query<{ id: number; title: string; state: string; unit_id: number }>(
      `SELECT i.id, v.title, v.state, i.unit_id FROM information_items i JOIN item_versions v ON v.item_id = i.id ORDER BY i.id DESC LIMIT 1`,
    )
  ).rows[0];
  assert.deepEqual([draft.title, draft.state, draft.unit_id], ['2025年清河镇道路维修工程的招标文件和中标结果', 'draft', town.id]);
  assert.match((await officer.get(`/staff/requests/${id}`)).body, new RegExp(`已转为主动公开：<a href="/staff/items/${draft.id}"`));
  const again = await officer.post(`/staff/requests/${id}/proactive`, {}, `/staff/requests/${id}`);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /已经转为主动公开/);

  // The next day the citizen's hour-long access has lapsed: the case page sends them to the lookup, which opens it again.
  assert.equal((await citizen.get('/ysqgk/case')).headers.location, '/ysqgk/status?expired=1');
  await citizen.post('/ysqgk/status', { caseNo, queryCode: code }, '/ysqgk/status');
  const mine = (await citizen.get('/ysqgk/case')).body;
  const letterId = /\/ysqgk\/case\/letters\/(\d+)">政府信息公开申请答复告知书/.exec(mine)![1];
  const letter = await citizen.get(`/ysqgk/case/letters/${letterId}`);
  assert.match(letter.body, /经审查，您申请获取的政府信息属于公开范围，现予以提供：招标文件见附件。/);
  assert.match(letter.body, /60日内依法申请行政复议/);
  const docx = await h.app.inject({ url: `/ysqgk/case/letters/${letterId}.docx`, headers: { cookie: [...citizen.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  assert.equal(docx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
  assert.match(xml, /政府信息公开申请答复告知书/);
  assert.match(xml, /清河镇人民政府/);
  // Without the lookup cookie, letters are not reachable: the lookup is asked for instead.
  const anonymousLetter = await new Browser(h.app).get(`/ysqgk/case/letters/${letterId}`);
  assert.equal(anonymousLetter.statusCode, 303);
  assert.equal(anonymousLetter.headers.location, '/ysqgk/status?expired=1');
});

test('staff register a posted letter; the register exports as CSV; others cannot see the case', async (t) => {
  const { h, town, city } = await setup();
  t.after(() => h.close());
  const officer = new Browser(h.app);
  await officer.login('officer');
  const bad = await officer.post(
    '/staff/requests/new',
    { ...form(), unit: String(town.id), channel: 'post_ordinary', arrivedOn: '2026-03-02', confirmedOn: '' },
    '/staff/requests/new',
  );
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /以与申请人确认之日为收到申请之日/);
  assert.match(bad.body, /value="李四"/);
  // Identity proof comes as a file: only images and PDF, checked by content; a bad file writes nothing.
  const fields = { ...form(), unit: String(town.id), channel: 'post_signed', arrivedOn: '2026-02-27', confirmedOn: '' };
  const badFile = await officer.postMultipart(
    '/staff/requests/new',
    fields,
    [{ field: 'identityFiles', filename: 'id.png', content: Buffer.from('not really an image') }],
    '/staff/requests/new',
  );
  assert.equal(badFile.statusCode, 415);
  assert.match(badFile.body, /无法识别文件“id.png”的格式/);
  assert.equal((await h.db.query('SELECT 1 FROM request_cases')).rows.length, 0);
  const ok = await officer.postMultipart('/staff/requests/new', fields, [{ field: 'identityFiles', filename: '身份证.pdf', content: tinyPdf(['ID copy']) }], '/staff/requests/new');
  assert.equal(ok.statusCode, 303);
  const withFile = (await officer.get(ok.headers.location as string)).body;
  const fileHref = /href="(\/staff\/requests\/\d+\/files\/\d+)">身份证.pdf<\/a>/.exec(withFile)![1];
  const download = await officer.get(fileHref);
  assert.equal(download.headers['content-type'], 'application/pdf');
  assert.equal((await new Browser(h.app).get(fileHref)).statusCode, 302, 'not for the public');
  const page = (await officer.get(ok.headers.location as string)).body;
  assert.match(page, /已登记，申请编号 YSQ2026\d{6}，查询码 [A-Z0-9]{8}/);
  assert.match(page, /2026-02-27/);
  const csv = await officer.get('/staff/requests.csv?view=all');
  assert.match(csv.body, /^\ufeff"申请编号","申请人"/);
  // Signed for on Fri 2-27; Sat 2-28 is a Spring Festival make-up working day, so day 20 is 3-26.
  assert.match(csv.body, /"李四","清河镇人民政府","邮寄（需签收：挂号信、快递）","2026-02-27","2026-03-26"/);
  const xlsx = await h.app.inject({ url: '/staff/requests.xlsx?view=all', headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('登记簿')!;
  assert.match(String(ws.getCell('A1').value), /政府信息公开申请登记簿（全部/);
  assert.deepEqual((ws.getRow(3).values as unknown[]).slice(1, 7), [ws.getCell('A3').value, '李四', '清河镇人民政府', '邮寄（需签收：挂号信、快递）', '2026-02-27', '2026-03-26']);
  // The district office sets a template for replies; its units use it from now on, letters already sent do not change.
  const receiptBefore = (await h.db.query<{ paragraphs: string[] }>(`SELECT paragraphs FROM case_letters ORDER BY id LIMIT 1`)).rows[0].paragraphs;
  const head = new Browser(h.app);
  await head.login('city-head');
  const badTemplate = await head.post(
    '/staff/requests/templates',
    { unit: String(city.id), kind: 'receipt', 'text-receipt': '{称呼}\n联系电话：0999-12345001' },
    '/staff/requests/templates',
  );
  assert.equal(badTemplate.statusCode, 400);
  assert.match(badTemplate.body, /\{正文\} 必须单独成段/);
  const saved = await head.post(
    '/staff/requests/templates',
    { unit: String(city.id), kind: 'receipt', 'text-receipt': '{称呼}\n{正文}\n联系电话：0999-12345001' },
    '/staff/requests/templates',
  );
  assert.match(saved.body, /模板已保存/);
  const ok2 = await officer.post(
    '/staff/requests/new',
    { ...form(), unit: String(town.id), channel: 'in_person', arrivedOn: '2026-03-02', confirmedOn: '' },
    '/staff/requests/new',
  );
  assert.equal(ok2.statusCode, 303);
  const receipts = (await h.db.query<{ paragraphs: string[] }>(`SELECT paragraphs FROM case_letters WHERE kind = 'receipt' ORDER BY id`)).rows;
  assert.equal(receipts.at(-1)!.paragraphs.at(-1), '联系电话：0999-12345001', 'the town inherits the city template');
  assert.deepEqual(receipts[0].paragraphs, receiptBefore);
  assert.equal((await officer.get('/staff/requests/templates')).statusCode, 403, 'officers do not edit templates');
  // Three working days before the due date the list carries a reminder.
  h.clock.set('2026-03-23T02:00:00Z');
  const { remindDue } = await import('./commands/remindDue.ts');
  const { caseContext } = await import('./caseStore.ts');
  await remindDue(h.db, await caseContext({ calendar: h.calendar, clock: h.clock, config: h.config }));
  await officer.login('officer');
  assert.match((await officer.get('/staff/requests')).body, /提醒.*YSQ2026\d{6}<\/a>（清河镇人民政府）：3个工作日内到期，2026-03-26/s);
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'edu', code: '990100004', name: '示范市教育局' });
  await makeUser(h.db, other.id, ['request_officer'], { username: 'edu-officer' });
  const stranger = new Browser(h.app);
  await stranger.login('edu-officer');
  const id = /\/staff\/requests\/(\d+)/.exec(ok.headers.location as string)![1];
  assert.equal((await stranger.get(`/staff/requests/${id}`)).statusCode, 403);
  assert.doesNotMatch((await stranger.get('/staff/requests?view=all')).body, /李四/);
});
