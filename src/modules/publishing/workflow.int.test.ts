import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';

const form = (over: Record<string, string> = {}) => ({
  kind: 'information',
  title: '关于2026年城乡居民最低生活保障标准的通知',
  sectionCode: 'a20_11',
  disclosure: 'proactive',
  withheldGround: '',
  topic: '民政、扶贫、救灾\\社会福利',
  genre: '通知',
  docNo: '示民发[2026]3号',
  issuingOrgans: '示范市民政局，示范市财政局',
  writtenDate: '2026-02-26',
  formedDate: '',
  publishDate: '',
  effectiveDate: '2026-03-01',
  expiryDate: '',
  audience: '公众',
  keywords: '低保，标准',
  summary: '调整城乡低保标准。',
  interpretationForm: '',
  interprets: '',
  bodyHtml: '各区县民政局：\n经研究，调整城乡居民最低生活保障标准。联系人：李某，电话13912345678。',
  scheduledAt: '',
  ...over,
});

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', code: '00548694', slug: 'city' });
  const dept = await makeUnit(h.db, { parentId: city.id, code: '00548695', slug: 'mzj', name: '示范市民政局' });
  const other = await makeUnit(h.db, { parentId: city.id, code: '00548696', slug: 'czj' });
  const pub = await makeUser(h.db, dept.id, ['publisher']);
  const sec = await makeUser(h.db, dept.id, ['secrecy_reviewer']);
  const rev = await makeUser(h.db, dept.id, ['reviewer']);
  const otherPub = await makeUser(h.db, other.id, ['publisher']);
  const login = async (u: { username: string }) => {
    const b = new Browser(h.app);
    await b.login(u.username);
    return b;
  };
  return { h, city, dept, other, pub: await login(pub), sec: await login(sec), rev: await login(rev), otherPub: await login(otherPub) };
}

test('a publisher drafts, personal data is caught, the item is reviewed, returned, fixed and published with its 索引号', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const created = await s.pub.post('/staff/items', { unitId: String(s.dept.id), ...form() }, '/staff/items/new');
  assert.equal(created.statusCode, 303);
  const itemUrl = (created.headers.location as string).split('#')[0];
  const id = Number(itemUrl.split('/').pop());
  let page = await s.pub.get(itemUrl);
  assert.match(page.body, /有 1 处个人信息尚未处理/);
  assert.match(page.body, /139\*\*\*\*5678/);

  assert.equal((await s.pub.post(`${itemUrl}/transition`, { name: 'submit' }, itemUrl)).statusCode, 303);
  // The secrecy reviewer cannot pass it while personal data is unresolved.
  const blocked = await s.sec.post(`${itemUrl}/transition`, { name: 'secrecy_approve' }, itemUrl);
  assert.equal(blocked.statusCode, 409);
  assert.match(blocked.body, /1 处个人信息尚未处理/);
  const fid = /\/findings\/(\d+)/.exec(blocked.body)![1];
  assert.equal((await s.sec.post(`${itemUrl}/findings/${fid}`, { action: 'mask' }, itemUrl)).statusCode, 303);
  assert.equal((await s.sec.post(`${itemUrl}/transition`, { name: 'secrecy_approve' }, itemUrl)).statusCode, 303);

  const noRemarks = await s.rev.post(`${itemUrl}/transition`, { name: 'return', remarks: '' }, itemUrl);
  assert.equal(noRemarks.statusCode, 409);
  assert.equal((await s.rev.post(`${itemUrl}/transition`, { name: 'return', remarks: '请补充生效日期说明' }, itemUrl)).statusCode, 303);
  page = await s.pub.get(itemUrl);
  assert.match(page.body, /退回意见.*请补充生效日期说明/);

  const edited = await s.pub.post(`${itemUrl}/edit`, form({ bodyHtml: '各区县民政局：\n调整标准，自2026年3月1日起执行。联系人：李某，电话139****5678。' }), `${itemUrl}/edit`);
  assert.equal(edited.statusCode, 303);
  await s.pub.post(`${itemUrl}/transition`, { name: 'submit' }, itemUrl);
  await s.sec.post(`${itemUrl}/transition`, { name: 'secrecy_approve' }, itemUrl);
  assert.equal((await s.rev.post(`${itemUrl}/transition`, { name: 'approve' }, itemUrl)).statusCode, 303);

  const item = (await s.h.db.query<{ index_no: string; status: string }>('SELECT index_no, status FROM information_items WHERE id = $1', [id])).rows[0];
  assert.equal(item.status, 'published');
  assert.equal(item.index_no, '00548695/2026-00001');
  const v = (
    await s.h.db.query<{ doc_no_normalized: string; publish_date: string; issuing_organs: string[]; body_text: string }>(
      'SELECT doc_no_normalized, publish_date, issuing_organs, body_text FROM item_versions WHERE item_id = $1',
      [id],
    )
  ).rows[0];
  assert.equal(v.doc_no_normalized, '示民发〔2026〕3号');
  assert.equal(v.publish_date, '2026-03-02');
  assert.deepEqual(v.issuing_organs, ['示范市民政局', '示范市财政局']);
  assert.ok(!v.body_text.includes('13912345678'));

  const events = (await s.h.db.query<{ type: string }>('SELECT type FROM item_events WHERE item_id = $1 ORDER BY id', [id])).rows.map((r) => r.type);
  assert.deepEqual(events, ['created', 'submit', 'personal_data_masked', 'secrecy_approve', 'return', 'edited', 'submit', 'secrecy_approve', 'approve']);
  const pub = await new Browser(s.h.app).get(`/xxgk/mzj/items/${id}`);
  assert.equal(pub.statusCode, 200);
  assert.match(pub.body, /00548695\/2026-00001/);
  assert.match(pub.body, /示民发〔2026〕3号/);
});

test('the item form keeps what was typed and lists every problem, and writes nothing', async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const r = await s.pub.post(
    '/staff/items',
    { unitId: String(s.dept.id), ...form({ title: '', writtenDate: '2026-02-30', disclosure: 'withheld', withheldGround: '', topic: '不存在的分类' }) },
    '/staff/items/new',
  );
  assert.equal(r.statusCode, 400);
  assert.match(r.body, /请填写标题/);
  assert.match(r.body, /成文日期不是有效日期/);
  assert.match(r.body, /须选择依据/);
  assert.match(r.body, /请从列表中选择主题分类/);
  assert.match(r.body, /示民发\[2026\]3号/, 'typed values kept');
  assert.match(r.body, /class="error-summary"/);
  const n = (await s.h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n;
  assert.equal(n, 0);
});

test("one unit cannot see or change another unit's drafts", async (t) => {
  const s = await setup();
  t.after(() => s.h.close());
  const created = await s.pub.post('/staff/items', { unitId: String(s.dept.id), ...form() }, '/staff/items/new');
  const itemUrl = (created.headers.location as string).split('#')[0];
  assert.equal((await s.otherPub.get(itemUrl)).statusCode, 404);
  assert.equal((await s.otherPub.get(`${itemUrl}/edit`)).statusCode, 404);
  const token = await s.otherPub.csrf('/staff/items');
  const res = await s.h.app.inject({
    method: 'POST',
    url: `${itemUrl}/transition`,
    headers: { cookie: [...s.otherPub.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: `_csrf=${token}&name=submit`,
  });
  assert.equal(res.statusCode, 404);
  const list = await s.otherPub.get('/staff/items');
  assert.ok(!list.body.includes('最低生活保障'));
  // Creating in another unit is forbidden too.
  assert.equal((await s.otherPub.post('/staff/items', { unitId: String(s.dept.id), ...form() }, '/staff/items/new')).statusCode, 403);
  // A draft is not public.
  assert.equal((await new Browser(s.h.app).get(`/xxgk/mzj/items/${itemUrl.split('/').pop()}`)).statusCode, 404);
});
