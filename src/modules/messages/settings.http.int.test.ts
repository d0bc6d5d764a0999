/**
 * The offices' settings over HTTP and what they change: a leader's mailbox on the writing form (closed, it refuses
 * new messages), the city's dispatch catalogue (not a department's to edit), a unit's own reply period, reply review
 * by someone other than the drafter (returned with a note, then sent), and reply templates chosen without script.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

test('mailboxes, dispatch, reply periods, reply review and templates', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, zjj.id, ['office_admin'], { username: 'zoffice' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  await makeUser(h.db, zjj.id, ['reviewer'], { username: 'zreviewer' });
  const office = new Browser(h.app);
  await office.login('office');
  const S = '/staff/messages/settings';

  // A leader's mailbox: a name is required (the values stay), then it shows on the form.
  const noName = await office.post(`${S}/mailboxes`, { form: 'mailbox', unitId: String(city.id), kind: 'leader', name: '' }, S);
  assert.equal(noName.statusCode, 400);
  assert.match(noName.body, /请填写信箱名称/);
  assert.match(noName.body, /<option value="leader" selected/);
  assert.equal((await office.post(`${S}/mailboxes`, { form: 'mailbox', unitId: String(city.id), kind: 'leader', name: '市长信箱' }, S)).statusCode, 303);
  const boxId = (await h.db.query<{ id: number }>(`SELECT id FROM message_mailboxes WHERE name = '市长信箱'`)).rows[0].id;
  const citizen = new Browser(h.app);
  const form = (await citizen.get('/hdjl/ly/new')).body;
  assert.match(form, new RegExp(`<optgroup label="领导信箱"><option value="b${boxId}">市长信箱</option></optgroup>`));
  const letter = {
    type: 'suggest',
    to: `b${boxId}`,
    category: '',
    area: '',
    title: '建议增加公交线路',
    body: '新区到老城没有直达公交。',
    writerName: '',
    contact: '',
    consentPublish: '',
  };
  assert.equal((await citizen.post('/hdjl/ly/new', letter, '/hdjl/ly/new')).statusCode, 200);
  const toMayor = (await h.db.query<{ unit_id: number; mailbox_id: number }>(`SELECT unit_id, mailbox_id FROM messages WHERE title = '建议增加公交线路'`)).rows[0];
  assert.deepEqual([toMayor.unit_id, toMayor.mailbox_id], [city.id, boxId]);

  // The dispatch catalogue is the city office's; a department's office may not edit it.
  const zoffice = new Browser(h.app);
  await zoffice.login('zoffice');
  assert.equal((await zoffice.post(`${S}/dispatch`, { form: 'dispatch', category: '城乡建设', area: '', dispatchUnitId: String(zjj.id) }, S)).statusCode, 403);
  assert.equal((await office.post(`${S}/dispatch`, { form: 'dispatch', category: '城乡建设', area: '', dispatchUnitId: String(zjj.id) }, S)).statusCode, 303);
  assert.match((await office.get(S)).body, /<td>城乡建设<\/td><td>所有区域<\/td><td>示范市住房和城乡建设局<\/td>/);

  // The department's own reply period for 咨询: 3 working days instead of 5.
  const badDays = await zoffice.post(`${S}/clock`, { form: 'clock', unitId: String(zjj.id), type: 'consult', channel: '', workingDays: '120' }, S);
  assert.equal(badDays.statusCode, 400);
  assert.match(badDays.body, /答复期限为1到90个工作日/);
  assert.equal((await zoffice.post(`${S}/clock`, { form: 'clock', unitId: String(zjj.id), type: 'consult', channel: '', workingDays: '3' }, S)).statusCode, 303);
  const ask = { ...letter, to: '', type: 'consult', category: '城乡建设', title: '老旧小区加装电梯怎么申请', body: '需要哪些材料？', step: 'send' };
  const receipt = (await citizen.post('/hdjl/ly/new', ask, '/hdjl/ly/new')).body;
  assert.match(receipt, /由示范市住房和城乡建设局办理，2026-03-05前答复/, 'routed by category, on the unit’s own period');
  const id = (await h.db.query<{ id: number }>(`SELECT id::int FROM messages WHERE title = '老旧小区加装电梯怎么申请'`)).rows[0].id;
  const page = `/staff/messages/${id}`;

  // Templates, chosen by a link.
  const clerk = new Browser(h.app);
  await clerk.login('zclerk');
  assert.equal((await clerk.post(`${S}/templates`, { form: 'template', unitId: String(zjj.id), category: '城乡建设', name: '加装电梯', body: '' }, S)).statusCode, 400);
  await clerk.post(
    `${S}/templates`,
    { form: 'template', unitId: String(zjj.id), category: '城乡建设', name: '加装电梯', body: '您好，加装电梯请向所在街道提交申请表和业主同意书。' },
    S,
  );
  const tid = (await h.db.query<{ id: number }>(`SELECT id FROM message_reply_templates WHERE name = '加装电梯'`)).rows[0].id;
  assert.match((await clerk.get(page)).body, new RegExp(`href="${page}\\?template=${tid}#reply-h">加装电梯`));
  assert.match((await clerk.get(`${page}?template=${tid}`)).body, /<textarea[^>]*name="reply"[^>]*>您好，加装电梯请向所在街道提交申请表和业主同意书。/);

  // Reply review: the drafter cannot approve; a note is required to return; then the reviewer sends it.
  await zoffice.post(`${S}/review`, { form: 'review', reviewUnits: [String(zjj.id)] }, S);
  const submitted = await clerk.post(`${page}/reply`, { reply: '您好，加装电梯请向所在街道提交申请表。' }, page);
  assert.match(decodeURIComponent(String(submitted.headers.location)), /答复已提交审核/);
  assert.equal((await h.db.query<{ state: string }>('SELECT state FROM messages WHERE id = $1', [id])).rows[0].state, 'reviewing');
  assert.equal((await clerk.post(`${page}/review`, { decision: 'approve', reply: '', note: '' }, page)).statusCode, 403);
  const reviewer = new Browser(h.app);
  await reviewer.login('zreviewer');
  const noNote = await reviewer.post(`${page}/review`, { decision: 'return', reply: '', note: '' }, page);
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /请写明退回修改的意见/);
  await reviewer.post(`${page}/review`, { decision: 'return', reply: '', note: '请写明受理窗口地址' }, page);
  assert.match((await clerk.get(page)).body, /审核退回意见：请写明受理窗口地址/);
  await clerk.post(`${page}/reply`, { reply: '您好，请向所在街道便民服务中心提交申请表。' }, page);
  assert.equal((await reviewer.post(`${page}/review`, { decision: 'approve', reply: '', note: '' }, page)).statusCode, 303);
  const done = (await h.db.query<{ state: string; reply: string }>('SELECT state, reply FROM messages WHERE id = $1', [id])).rows[0];
  assert.deepEqual([done.state, done.reply], ['replied', '您好，请向所在街道便民服务中心提交申请表。']);
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM message_events WHERE message_id = $1 ORDER BY id', [id])).rows.map((r) => r.kind);
  assert.deepEqual(events, ['received', 'reply_submitted', 'reply_returned', 'reply_submitted', 'replied']);
  // An office admin who drafted a reply cannot approve it either.
  const second = (await citizen.post('/hdjl/ly/new', { ...ask, title: '电梯补贴标准' }, '/hdjl/ly/new')).body;
  assert.match(second, /留言编号/);
  const id2 = (await h.db.query<{ id: number }>(`SELECT id::int FROM messages WHERE title = '电梯补贴标准'`)).rows[0].id;
  await zoffice.post(`/staff/messages/${id2}/reply`, { reply: '补贴标准见市住建局公告。' }, `/staff/messages/${id2}`);
  const self = await zoffice.post(`/staff/messages/${id2}/review`, { decision: 'approve', reply: '', note: '' }, `/staff/messages/${id2}`);
  assert.equal(self.statusCode, 409);
  assert.match(self.body, /答复须由起草人以外的人审核/);

  // A closed mailbox takes no new message; the one written to it keeps its name.
  await office.post(`${S}/mailboxes/${boxId}/close`, {}, S);
  const closed = await citizen.post('/hdjl/ly/new', { ...letter, step: 'send' }, '/hdjl/ly/new');
  assert.equal(closed.statusCode, 400);
  assert.match(closed.body, /这个信箱已关闭/);
  await clerk.post(`${S}/templates/${tid}/retire`, {}, S);
  assert.doesNotMatch((await clerk.get(S)).body, /加装电梯（/);
  const anonymous = await citizen.get(S);
  assert.equal(anonymous.statusCode, 302, 'sent to sign in');
  assert.match(String(anonymous.headers.location), /login/);
});
