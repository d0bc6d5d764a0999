/**
 * 有条件开放 over HTTP: a citizen applies for conditional data (a bad form re-rendered with what was typed and the
 * commitments still ticked), gets a case number and query code, the unit sees it in its queue with the due date on the
 * working-day calendar, another unit cannot; the grant needs a term; the applicant, and only the applicant, downloads
 * while the grant holds (each download counted), gets the decision letter; a late decision is flagged and counted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractText, getDocumentProxy } from 'unpdf';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedDataset } from '../../testing/datasets.ts';
import { COMMITMENTS } from './access.ts';

const APPLICATION = {
  applicantName: '李研究',
  organisation: '示范大学城市研究院',
  creditCode: '12440000MB2C92761X',
  contact: 'li.research@example.edu.cn',
  purpose: '研究本市低保对象的分布和救助水平变化，成果用于学术论文，不公开原始数据。',
  securityMeasures: '数据存放在研究院内网服务器，仅课题组三人可访问，研究结束后删除。',
};

test('a citizen applies for conditional data, the unit grants it, and only the applicant downloads it', async (t) => {
  // Monday 2026-09-28: the National Day holiday (10-01 to 10-08) falls inside the 20 working days.
  const h = await makeTestApp({ now: '2026-09-28T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100006', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, mzj.id, ['publisher'], { username: 'mzj-data' });
  await makeUser(h.db, other.id, ['publisher', 'reviewer'], { username: 'jyj-data' });
  const now = h.clock.now();
  await publishedDataset(h.db, mzj.id, now, {
    name: 'dibao-monthly',
    metadata: { title: '城乡低保对象月度统计', openness: 'conditional', opennessReason: '含按社区统计的救助对象数，须约定用途' },
  });
  await publishedDataset(h.db, mzj.id, now, { name: 'open-items' });

  const citizen = new Browser(h.app);
  const page = await citizen.get('/dataset/dibao-monthly');
  assert.match(page.body, /href="\/dataset\/dibao-monthly\/apply"/);
  assert.equal((await citizen.get('/dataset/open-items/apply')).statusCode, 404);
  // Conditional data is not downloadable by the public.
  const rid = (await h.db.query<{ id: string }>(`SELECT r.id::text FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.name = 'dibao-monthly'`)).rows[0].id;
  assert.equal((await citizen.get(`/dataset/dibao-monthly/resource/${rid}/download.csv`)).statusCode, 403);

  // Two commitments missing and a bad credit code: refused with every reason, and what was typed is kept.
  const some = Object.keys(COMMITMENTS).slice(0, 4);
  const bad = await citizen.post('/dataset/dibao-monthly/apply', { ...APPLICATION, creditCode: '1234', commitments: some }, '/dataset/dibao-monthly/apply');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /统一社会信用代码为18位/);
  assert.match(bad.body, /还差2项/);
  assert.match(bad.body, /value="李研究"/);
  assert.match(bad.body, new RegExp(`value="${some[0]}" checked`));
  assert.equal((await h.db.query('SELECT 1 FROM data_access_applications')).rows.length, 0);

  const ok = await citizen.post('/dataset/dibao-monthly/apply', { ...APPLICATION, commitments: Object.keys(COMMITMENTS) }, '/dataset/dibao-monthly/apply');
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const caseNo = /申请编号：<strong>(SJSQ2026\d{6})<\/strong>/.exec(ok.body)![1];
  const code = /查询码：<strong>([A-Z0-9]{8})<\/strong>/.exec(ok.body)![1];
  // 20 working days after 09-28 on the same calendar the request clock uses: without the National Day holiday it
  // would be 10-26; the holiday moves it later.
  const due = (await h.db.query<{ due_on: string }>('SELECT due_on::text FROM data_access_applications')).rows[0].due_on;
  assert.equal(due, (await h.app.deps.calendar.get()).addWorkingDays('2026-09-28', 20).date);
  assert.ok(due > '2026-10-26', due);
  assert.match(ok.body, new RegExp(`${due}前作出决定`));
  const mail = (await h.db.query<{ recipient: string; body: string }>(`SELECT recipient, body FROM outbox_messages WHERE subject_type = 'data_access_application'`)).rows;
  assert.equal(mail.length, 1);
  assert.equal(mail[0].recipient, APPLICATION.contact);
  assert.match(mail[0].body, new RegExp(code));

  // The unit sees it in its queue; another unit's staff cannot open it.
  const staff = new Browser(h.app);
  await staff.login('mzj-data');
  assert.match((await staff.get('/staff')).body, /待决定的有条件开放数据申请/);
  const list = await staff.get('/staff/data/applications');
  const id = /href="\/staff\/data\/applications\/(\d+)"/.exec(list.body)![1];
  const intruder = new Browser(h.app);
  await intruder.login('jyj-data');
  assert.equal((await intruder.get(`/staff/data/applications/${id}`)).statusCode, 403);
  assert.doesNotMatch((await intruder.get('/staff/data/applications')).body, new RegExp(caseNo));
  const inbox = (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff_notifications WHERE kind = 'data.application'`)).rows[0].n;
  assert.equal(inbox, 1);

  // Decided two days late: a grant needs a term; the late decision is flagged in the list and the event log.
  h.clock.set(`${addDaysIso(due, 2)}T02:00:00Z`);
  await staff.login('mzj-data');
  const noTerm = await staff.post(`/staff/data/applications/${id}/grant`, { grantedUntil: '', conditions: '' }, `/staff/data/applications/${id}`);
  assert.equal(noTerm.statusCode, 400);
  assert.match(noTerm.body, /请填写使用期限截止日期/);
  assert.match((await staff.get('/staff/data/applications')).body, /已逾期/);
  const granted = await staff.post(`/staff/data/applications/${id}/grant`, { grantedUntil: '2027-12-31', conditions: '仅限课题组使用。' }, `/staff/data/applications/${id}`);
  assert.equal(granted.statusCode, 303);
  assert.match((await staff.get('/staff/data/applications')).body, /逾期办结/);
  const ev = (await h.db.query<{ details: { late: boolean } }>(`SELECT details FROM data_access_events WHERE kind = 'granted'`)).rows[0];
  assert.equal(ev.details.late, true);
  assert.equal((await h.db.query(`SELECT 1 FROM audit_log WHERE action = 'data_access.granted'`)).rows.length, 1);

  // The applicant: a wrong code answers like a missing case; the right one shows the downloads and the letter.
  const wrong = await citizen.post('/sjkf/sq/cx', { caseNo, queryCode: 'AAAAAAAA' }, '/sjkf/sq/cx');
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /申请编号或查询码不对/);
  assert.match(wrong.body, new RegExp(`name="caseNo"[^>]*value="${caseNo}"`), 'the case number is kept');
  assert.doesNotMatch(wrong.body, /value="AAAAAAAA"/, 'the code, a secret, is not echoed back');
  const follow = await citizen.post('/sjkf/sq/cx', { caseNo, queryCode: code }, '/sjkf/sq/cx');
  assert.match(follow.body, /同意开放/);
  assert.match(follow.body, /至 2027-12-31/);
  const csv = await citizen.post('/sjkf/sq/download', { caseNo, queryCode: code, resourceId: rid, format: 'csv' }, '/sjkf/sq/cx');
  assert.equal(csv.statusCode, 200);
  assert.match(String(csv.headers['content-type']), /text\/csv/);
  assert.equal(csv.body.trim().split('\r\n').length, 41);
  const json = await citizen.post('/sjkf/sq/download', { caseNo, queryCode: code, resourceId: rid, format: 'json' }, '/sjkf/sq/cx');
  assert.equal(JSON.parse(json.body).length, 40);
  const xlsx = await citizen.post('/sjkf/sq/download', { caseNo, queryCode: code, resourceId: rid, format: 'xlsx' }, '/sjkf/sq/cx');
  assert.equal(xlsx.statusCode, 200);
  assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
  assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK', 'a zip, as XLSX is');
  assert.equal((await h.db.query<{ downloads: number }>('SELECT downloads FROM data_access_applications')).rows[0].downloads, 3);
  // Not with a wrong code, and not a resource of another dataset.
  assert.equal((await citizen.post('/sjkf/sq/download', { caseNo, queryCode: 'AAAAAAAA', resourceId: rid, format: 'csv' }, '/sjkf/sq/cx')).statusCode, 400);
  const otherRid = (await h.db.query<{ id: string }>(`SELECT r.id::text FROM dataset_resources r JOIN datasets d ON d.id = r.dataset_id WHERE d.name = 'open-items'`)).rows[0].id;
  assert.equal((await citizen.post('/sjkf/sq/download', { caseNo, queryCode: code, resourceId: otherRid, format: 'csv' }, '/sjkf/sq/cx')).statusCode, 404);

  // The decision letter, read back from the PDF.
  const letter = await citizen.post('/sjkf/sq/letter', { caseNo, queryCode: code }, '/sjkf/sq/cx');
  assert.equal(letter.headers['content-type'], 'application/pdf');
  const text = await pdfText(letter.rawPayload);
  assert.match(text, /数据开放申请答复书/);
  assert.match(text, /同意向您开放/);
  assert.match(text.replace(/\s/g, ''), /仅限课题组使用/);
  assert.equal((await staff.get(`/staff/data/applications/${id}/letter.pdf`)).headers['content-type'], 'application/pdf');

  // After the term, no more downloads.
  h.clock.set('2028-01-02T02:00:00Z');
  const expired = await citizen.post('/sjkf/sq/download', { caseNo, queryCode: code, resourceId: rid, format: 'csv' }, '/sjkf/sq/cx');
  assert.equal(expired.statusCode, 403);
  assert.match(expired.body, /使用期限已过/);

  // Counted on the self-assessment: one application, granted, decided late.
  await staff.login('mzj-data');
  const assessment = await staff.get('/staff/data/assessment');
  assert.match(assessment.body, /1 \/ 1 \/ 0 \/ 0/);
  assert.match(assessment.body, /按期决定率<\/td>\s*<td>0\.0%/);
});

test('a refusal needs its reason, and the applicant may withdraw while it is undecided', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const mzj = await makeUnit(h.db, { kind: 'department', slug: 'mzj', code: '990100005', name: '示范市民政局' });
  await makeUser(h.db, mzj.id, ['publisher'], { username: 'mzj-data' });
  await publishedDataset(h.db, mzj.id, h.clock.now(), { name: 'dibao', metadata: { openness: 'conditional', opennessReason: '须约定用途' } });
  const citizen = new Browser(h.app);
  const apply = async () => {
    const r = await citizen.post('/dataset/dibao/apply', { ...APPLICATION, commitments: Object.keys(COMMITMENTS) }, '/dataset/dibao/apply');
    return { caseNo: /(SJSQ2026\d{6})/.exec(r.body)![1], code: /查询码：<strong>([A-Z0-9]{8})/.exec(r.body)![1] };
  };
  const first = await apply();
  const second = await apply();
  const staff = new Browser(h.app);
  await staff.login('mzj-data');
  const id = (await h.db.query<{ id: number }>('SELECT id FROM data_access_applications WHERE case_no = $1', [first.caseNo])).rows[0].id;
  const short = await staff.post(`/staff/data/applications/${id}/refuse`, { reason: '不行' }, `/staff/data/applications/${id}`);
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /请写明不予开放的理由和依据/);
  await staff.post(`/staff/data/applications/${id}/refuse`, { reason: '申请用途与数据开放条件不符（数据仅供社会救助研究使用）。' }, `/staff/data/applications/${id}`);
  const seen = await citizen.post('/sjkf/sq/cx', { caseNo: first.caseNo, queryCode: first.code }, '/sjkf/sq/cx');
  assert.match(seen.body, /不予开放/);
  assert.match(seen.body, /申请用途与数据开放条件不符/);
  assert.doesNotMatch(seen.body, /下载数据/);
  const letter = await pdfText((await citizen.post('/sjkf/sq/letter', { caseNo: first.caseNo, queryCode: first.code }, '/sjkf/sq/cx')).rawPayload);
  assert.match(letter, /行政复议/);

  const withdrawn = await citizen.post('/sjkf/sq/withdraw', { caseNo: second.caseNo, queryCode: second.code }, '/sjkf/sq/cx');
  assert.match(withdrawn.body, /申请已撤回/);
  const again = await citizen.post('/sjkf/sq/withdraw', { caseNo: second.caseNo, queryCode: second.code }, '/sjkf/sq/cx');
  assert.equal(again.statusCode, 409);
  // A decided application cannot be decided again.
  const twice = await staff.post(`/staff/data/applications/${id}/grant`, { grantedUntil: '2026-12-31', conditions: '' }, `/staff/data/applications/${id}`);
  assert.equal(twice.statusCode, 409);
});

function addDaysIso(d: string, n: number) {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

async function pdfText(pdf: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}
