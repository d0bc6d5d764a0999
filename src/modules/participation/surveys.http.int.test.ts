/**
 * A survey over HTTP: built question by question (bad question kept with its error), opened by the office, answered
 * without an account (a hidden question skipped, bad answers kept on the form, a file checked by its bytes), one
 * answer per phone number without the number stored, results published after the close with N and method, staff
 * export to XLSX read back with exceljs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { tinyPdf } from '../../../db/seeds/demo/files.ts';

test('a survey: questions, answers with conditions and a file, one per person, results and export', async (t) => {
  const h = await makeTestApp({ now: '2026-05-04T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, city.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'head' });
  await makeUser(h.db, other.id, ['publisher'], { username: 'stranger' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const head = new Browser(h.app);
  await head.login('head');

  const meta = {
    unitId: String(city.id),
    title: '城区停车状况问卷调查',
    intro: '了解市民停车需求。',
    opensOn: '2026-05-04',
    closesOn: '2026-05-31',
    anonymous: '1',
    onePerPerson: '1',
    methodNote: '',
  };
  const noMethod = await clerk.post('/staff/surveys/new', meta, '/staff/surveys/new');
  assert.equal(noMethod.statusCode, 400);
  assert.match(noMethod.body, /请说明调查方法/);
  const created = await clerk.post('/staff/surveys/new', { ...meta, methodNote: '网上公开调查，自愿参与。' }, '/staff/surveys/new');
  const id = Number(/\/staff\/surveys\/(\d+)/.exec(created.headers.location as string)![1]);
  const page = `/staff/surveys/${id}`;
  const add = (f: Record<string, string>) => clerk.post(`${page}/questions`, f, page);
  const badQ = await add({ kind: 'single', label: '您主要怎样出行？', options: '开车' });
  assert.equal(badQ.statusCode, 400);
  assert.match(badQ.body, /请至少填写两个选项/);
  assert.match(badQ.body, /您主要怎样出行？/, 'kept');
  assert.equal((await add({ kind: 'single', label: '您主要怎样出行？', options: '开车\n公交\n步行', required: '1' })).statusCode, 303);
  const q1 = (await h.db.query<{ id: string }>('SELECT id FROM survey_questions')).rows[0].id;
  await add({ kind: 'number', label: '每月停车费（元）', min: '0', max: '3000', required: '1', showIfQuestion: q1, showIfValues: '开车' });
  await add({ kind: 'scale', label: '对停车便利程度的满意度', scaleMax: '5', required: '1' });
  await add({ kind: 'file', label: '可上传停车难点的照片或材料' });
  const stranger = new Browser(h.app);
  await stranger.login('stranger');
  assert.equal((await stranger.get(page)).statusCode, 403);
  assert.equal((await clerk.post(`${page}/publish`, {}, page)).statusCode, 403, 'opening is the office’s');
  assert.equal((await head.post(`${page}/publish`, {}, page)).statusCode, 303);

  const citizen = new Browser(h.app);
  const form = (await citizen.get(`/hdjl/wjdc/${id}`)).body;
  assert.match(form, /enctype="multipart\/form-data"/);
  assert.match(form, /（第1题选择“开车”的请回答本题，否则不必回答）/);
  const qs = (await h.db.query<{ id: string; kind: string }>('SELECT id, kind FROM survey_questions ORDER BY position')).rows;
  const [qMode, qFee, qScale, qFile] = qs.map((q) => `q${q.id}`);
  // Urlencoded without the file: a driver must give the fee; the answer typed is kept.
  const missing = await citizen.post(`/hdjl/wjdc/${id}/answers`, { [qMode]: '开车', [qScale]: '2', contact: '13800000000' }, `/hdjl/wjdc/${id}`);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /请回答此题/);
  assert.match(missing.body, /value="开车" checked/);
  assert.equal((await h.db.query('SELECT 1 FROM survey_responses')).rows.length, 0);
  // With a PDF as multipart.
  const ok = await citizen.postMultipart(
    `/hdjl/wjdc/${id}/answers`,
    { [qMode]: '开车', [qFee]: '300', [qScale]: '2', contact: '138 0000 0000' },
    [{ field: qFile, filename: '停车.pdf', content: tinyPdf(['parking']), type: 'application/pdf' }],
    `/hdjl/wjdc/${id}`,
  );
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  const again = await citizen.post(`/hdjl/wjdc/${id}/answers`, { [qMode]: '步行', [qScale]: '5', contact: '+8613800000000' }, `/hdjl/wjdc/${id}`);
  assert.equal(again.statusCode, 409);
  assert.match(again.body, /每人只能回答一次/);
  // A walker: the fee question is hidden, so not required; a text file renamed .pdf is refused by its bytes.
  const renamed = await citizen.postMultipart(
    `/hdjl/wjdc/${id}/answers`,
    { [qMode]: '步行', [qScale]: '5', contact: 'walker@example.cn' },
    [{ field: qFile, filename: '照片.pdf', content: Buffer.from('not a pdf at all') }],
    `/hdjl/wjdc/${id}`,
  );
  assert.equal(renamed.statusCode, 400);
  assert.equal(
    (await citizen.post(`/hdjl/wjdc/${id}/answers`, { [qMode]: '步行', [qFee]: '999', [qScale]: '5', contact: 'walker@example.cn' }, `/hdjl/wjdc/${id}`)).statusCode,
    303,
  );
  const stored = (
    await h.db.query<{ contact: string; dedupe_key: string; answers: Record<string, unknown> }>('SELECT contact, dedupe_key, answers FROM survey_responses ORDER BY id')
  ).rows;
  assert.equal(stored.length, 2);
  assert.ok(
    stored.every((r) => r.contact === '' && /^[0-9a-f]{64}$/.test(r.dedupe_key)),
    'no phone or e-mail stored in an anonymous survey',
  );
  assert.equal(stored[1].answers[qs[1].id], undefined, 'the hidden question’s answer is dropped');

  // Results only after the close, by the office, with N and the method.
  assert.doesNotMatch((await citizen.get(`/hdjl/wjdc/${id}`)).body, /调查结果/);
  h.clock.advanceMs(30 * 86400_000);
  await head.login('head');
  assert.equal((await head.post(`${page}/results`, { resultsNote: '多数受访者认为停车不便。' }, page)).statusCode, 303);
  const results = (await citizen.get(`/hdjl/wjdc/${id}`)).body;
  assert.match(results, /共收到有效问卷<strong>2<\/strong>份。调查方法：网上公开调查，自愿参与。/);
  assert.match(results, /<th scope="row">开车<\/th><td>1<\/td><td>50%<\/td>/);
  assert.match(results, /平均分：3.5/);
  assert.match(results, /<rect x="0" y="0" width="100" height="14" class="bar-fg"><\/rect>/, 'a bar half the width');
  assert.doesNotMatch(results, /name="_csrf"[^>]*>\s*<fieldset/, 'no form after the close');

  // Staff: the file downloads as an attachment; the export lists every answer.
  const fileId = (await h.db.query<{ id: string }>('SELECT id FROM survey_response_files')).rows[0].id;
  const dl = await head.get(`${page}/files/${fileId}`);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(String(dl.headers['content-disposition']), /^attachment/);
  await stranger.login('stranger');
  assert.equal((await stranger.get(`${page}/files/${fileId}`)).statusCode, 403);
  const x = await head.get(`${page}/answers.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('答卷')!;
  assert.deepEqual((ws.getRow(2).values as unknown[]).slice(1), [
    '编号',
    '提交时间',
    '1. 您主要怎样出行？',
    '2. 每月停车费（元）',
    '3. 对停车便利程度的满意度',
    '4. 可上传停车难点的照片或材料',
  ]);
  assert.deepEqual((ws.getRow(3).values as unknown[]).slice(3), ['开车', 300, 2, '停车.pdf']);
  assert.deepEqual((ws.getRow(4).values as unknown[]).slice(3), ['步行', '', 5, '']);
});

test('anonymous answers are limited per address by the setting (comments and applications to attend share it)', async (t) => {
  const h = await makeTestApp({ now: '2026-05-04T02:00:00Z', config: { anonymousPostsPer10Min: 2 } });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const system = { kind: 'system' as const, label: 'test' };
  const { saveSurvey, addQuestion, publishSurvey } = await import('./commands/surveys.ts');
  const id = await saveSurvey(h.db, system, h.clock.now(), {
    unitId: city.id,
    title: '满意度调查',
    intro: '',
    opensOn: '2026-05-04',
    closesOn: '2026-05-31',
    anonymous: true,
    onePerPerson: false,
    methodNote: '网上公开调查。',
  });
  await addQuestion(h.db, system, h.clock.now(), id, {
    kind: 'scale',
    label: '满意度',
    required: true,
    options: '',
    rows: '',
    scaleMax: '5',
    min: '',
    max: '',
    showIfQuestion: '',
    showIfValues: '',
  });
  await publishSurvey(h.db, system, h.clock.now(), '2026-05-04', id);
  const q = (await h.db.query<{ id: string }>('SELECT id FROM survey_questions')).rows[0].id;
  const citizen = new Browser(h.app);
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await citizen.post(`/hdjl/wjdc/${id}/answers`, { [`q${q}`]: '5' }, `/hdjl/wjdc/${id}`)).statusCode);
  assert.deepEqual(statuses, [303, 303, 429]);
  assert.equal((await h.db.query('SELECT 1 FROM survey_responses')).rows.length, 2);
});
