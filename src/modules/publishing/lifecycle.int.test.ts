import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document, Packer, Paragraph } from 'docx';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { draftItem, publishedItem } from '../../testing/items.ts';
import { transitionItem, publishDue } from './commands/transition.ts';
import { startRevision } from './commands/startRevision.ts';
import { saveDraft } from './commands/saveDraft.ts';
import { baseInput } from '../../testing/items.ts';

const system = { kind: 'system' as const, label: 'test' };

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', code: '11341702486344515H', slug: 'city' });
  return { h, city };
}

test('索引号 stay unique and gapless when many items are published at once', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const ids: number[] = [];
  for (let i = 0; i < 12; i++) {
    const { itemId } = await draftItem(h.db, city.id, now, { title: `信息${i}` });
    await transitionItem(h.db, system, now, itemId, 'submit');
    await transitionItem(h.db, system, now, itemId, 'secrecy_approve');
    ids.push(itemId);
  }
  const results = await Promise.all(ids.map((id) => transitionItem(h.db, system, now, id, 'approve')));
  const numbers = results.map((r) => r.indexNo).sort();
  assert.deepEqual(
    numbers,
    Array.from({ length: 12 }, (_, i) => `11341702486344515H/2026-${String(i + 1).padStart(5, '0')}`),
  );
});

test('a revision keeps the old version viewable and replaces it on the portal only when approved', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const { itemId } = await publishedItem(h.db, city.id, h.clock.now(), { title: '第一版标题' });
  const b = new Browser(h.app);
  await startRevision(h.db, system, h.clock.now(), itemId);
  await assert.rejects(startRevision(h.db, system, h.clock.now(), itemId), /正在处理中/);
  assert.match((await b.get(`/xxgk/city/items/${itemId}`)).body, /第一版标题/);
  h.clock.set('2026-03-10T02:00:00Z');
  await saveDraft(h.db, system, h.clock.now(), { unitId: city.id, itemId, input: baseInput({ title: '第二版标题', changeNote: '更正附件' }) });
  for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, n);
  const page = await b.get(`/xxgk/city/items/${itemId}`);
  assert.match(page.body, /第二版标题/);
  assert.match(page.body, /版本记录/);
  const old = await b.get(`/xxgk/city/items/${itemId}/versions/1`);
  assert.equal(old.statusCode, 200);
  assert.match(old.body, /第一版标题/);
  assert.match(old.body, /历史版本/);
  const states = (await h.db.query<{ state: string }>('SELECT state FROM item_versions WHERE item_id = $1 ORDER BY version_no', [itemId])).rows.map((r) => r.state);
  assert.deepEqual(states, ['superseded', 'published']);
  const idx = (await h.db.query<{ index_no: string }>('SELECT index_no FROM information_items WHERE id = $1', [itemId])).rows[0].index_no;
  assert.equal(idx, '11341702486344515H/2026-00001', 'the 索引号 does not change with a revision');
});

test('a withdrawn item needs a reason, disappears from the public, and stays listed to staff', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const { itemId } = await publishedItem(h.db, city.id, h.clock.now(), { title: '将被撤回的信息' });
  await assert.rejects(transitionItem(h.db, system, h.clock.now(), itemId, 'withdraw', { remarks: ' ' }), /须填写/);
  await transitionItem(h.db, system, h.clock.now(), itemId, 'withdraw', { remarks: '内容有误，待更正后重新发布' });
  const b = new Browser(h.app);
  const page = await b.get(`/xxgk/city/items/${itemId}`);
  assert.equal(page.statusCode, 410);
  assert.ok(!page.body.includes('将被撤回的信息'));
  assert.ok(!(await b.get('/xxgk/city/s/a20_01')).body.includes('将被撤回的信息'));
  const reviewer = await makeUser(h.db, city.id, ['reviewer']);
  const staff = new Browser(h.app);
  await staff.login(reviewer.username);
  const list = await staff.get('/staff/items');
  assert.match(list.body, /将被撤回的信息[\s\S]*已撤回/);
  assert.equal((await h.db.query('SELECT 1 FROM information_items WHERE id = $1', [itemId])).rows.length, 1, 'never deleted');
});

test('a scheduled item is published by the job when its time comes', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const { itemId } = await draftItem(h.db, city.id, h.clock.now(), { scheduledAt: '2026-03-05T09:00' });
  for (const n of ['submit', 'secrecy_approve'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, n);
  const r = await transitionItem(h.db, system, h.clock.now(), itemId, 'approve');
  assert.equal(r.state, 'scheduled');
  assert.equal(await publishDue(h.db, new Date('2026-03-05T00:59:00Z')), 0, 'one minute early');
  assert.equal(await publishDue(h.db, new Date('2026-03-05T01:00:00Z')), 1);
  const item = (await h.db.query<{ status: string; index_no: string }>('SELECT status, index_no FROM information_items WHERE id = $1', [itemId])).rows[0];
  assert.equal(item.status, 'published');
  assert.ok(item.index_no);
});

test('items not 主动公开 are filed with their legal ground and never shown to the public', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const { itemId } = await draftItem(h.db, city.id, h.clock.now(), { title: '内部请示', disclosure: 'withheld', withheldGround: 'process_info', bodyHtml: '联系电话13912345678' });
  for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, n);
  const item = (await h.db.query<{ status: string; index_no: string | null }>('SELECT status, index_no FROM information_items WHERE id = $1', [itemId])).rows[0];
  assert.deepEqual(item, { status: 'filed', index_no: null });
  assert.equal((await new Browser(h.app).get(`/xxgk/city/items/${itemId}`)).statusCode, 404);
});

test('attachments are checked by content, stored once, and downloaded with their own names', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const pub = await makeUser(h.db, city.id, ['publisher']);
  const b = new Browser(h.app);
  await b.login(pub.username);
  const { itemId } = await draftItem(h.db, city.id, h.clock.now());
  const url = `/staff/items/${itemId}`;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
  const bad = await b.postMultipart(`${url}/attachments`, {}, [{ field: 'files', filename: '通知.pdf', content: exe }], url);
  assert.equal(bad.statusCode, 415);
  assert.match(bad.body, /不接受“通知\.pdf”这种格式（exe）/);
  const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('申请人身份证号11010519491231002X')] }] }));
  const ok = await b.postMultipart(
    `${url}/attachments`,
    {},
    [
      { field: 'files', filename: '附件1 补助名单.pdf', content: pdf },
      { field: 'files', filename: '名单.docx', content: docx },
    ],
    url,
  );
  assert.equal(ok.statusCode, 303);
  const again = await b.postMultipart(`${url}/attachments`, {}, [{ field: 'files', filename: '副本.pdf', content: pdf }], url);
  assert.equal(again.statusCode, 303);
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM blobs')).rows[0].n, 2, 'same content stored once');
  const page = await b.get(url);
  assert.match(page.body, /居民身份证号码[\s\S]*名单\.docx/);
  const atts = (
    await h.db.query<{ id: number; filename: string }>(
      'SELECT a.id, a.filename FROM attachments a JOIN item_versions v ON v.id = a.version_id WHERE v.item_id = $1 ORDER BY a.id',
      [itemId],
    )
  ).rows;
  const dl = await b.get(`${url}/attachments/${atts[0].id}`);
  assert.equal(dl.headers['content-type'], 'application/pdf');
  assert.match(dl.headers['content-disposition'] as string, /filename\*=UTF-8''%E9%99%84%E4%BB%B61%20/);
  assert.equal((await new Browser(h.app).get(`/xxgk/city/items/${itemId}/attachments/${atts[0].id}`)).statusCode, 404, 'not public before publication');
  // The ID number in the DOCX blocks approval until justified.
  for (const n of ['submit'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, n);
  await assert.rejects(transitionItem(h.db, system, h.clock.now(), itemId, 'secrecy_approve'), /个人信息尚未处理/);
});

test('marking an item repealed by another shows a banner and a link on the public page', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const old = await publishedItem(h.db, city.id, h.clock.now(), { title: '旧办法' });
  const neu = await publishedItem(h.db, city.id, h.clock.now(), { title: '新办法' });
  const rev = await makeUser(h.db, city.id, ['reviewer']);
  const b = new Browser(h.app);
  await b.login(rev.username);
  const bad = await b.post(`/staff/items/${old.itemId}/validity`, { validity: 'repealed', byItemId: String(old.itemId) }, `/staff/items/${old.itemId}`);
  assert.equal(bad.statusCode, 400);
  // Named as staff know it (title, 文号 or 索引号), never by a number read from a URL; a pasted link works too.
  const unknown = await b.post(`/staff/items/${old.itemId}/validity`, { validity: 'repealed', byItemId: '没有这个办法' }, `/staff/items/${old.itemId}`);
  assert.equal(unknown.statusCode, 400);
  assert.match(unknown.body, /“没有这个办法”没有找到已公开的信息/);
  const ok = await b.post(`/staff/items/${old.itemId}/validity`, { validity: 'repealed', byItemId: '新办法' }, `/staff/items/${old.itemId}`);
  assert.equal(ok.statusCode, 303);
  const indexNo = (await h.db.query<{ index_no: string }>('SELECT index_no FROM information_items WHERE id = $1', [neu.itemId])).rows[0].index_no;
  assert.match((await b.get(`/staff/items/${old.itemId}`)).body, new RegExp(`name="byItemId" type="text" value="${indexNo}"`), 'shown by its 索引号');
  assert.equal(
    (await b.post(`/staff/items/${old.itemId}/validity`, { validity: 'repealed', byItemId: `https://gov.example.cn/xxgk/city/items/${neu.itemId}` }, `/staff/items/${old.itemId}`))
      .statusCode,
    303,
  );
  const page = await new Browser(h.app).get(`/xxgk/city/items/${old.itemId}`);
  assert.match(page.body, /本文件已废止/);
  assert.match(page.body, new RegExp(`href="/xxgk/city/items/${neu.itemId}">新办法`));
  const list = await new Browser(h.app).get('/xxgk/city/s/a20_01?validity=repealed');
  assert.match(list.body, /旧办法/);
  assert.ok(!list.body.includes('新办法'));
});

test('an interpretation links to its policy and the policy page lists the interpretation', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const policy = await publishedItem(h.db, city.id, h.clock.now(), { title: '关于促进就业的若干措施' });
  await assert.rejects(draftItem(h.db, city.id, h.clock.now(), { kind: 'interpretation', title: '图解', interprets: [policy.itemId] }), (e: { fields: Record<string, string> }) =>
    /解读形式/.test(e.fields.interpretationForm),
  );
  const interp = await publishedItem(h.db, city.id, h.clock.now(), {
    kind: 'interpretation',
    title: '一图读懂促进就业措施',
    interpretationForm: 'graphic',
    interprets: [policy.itemId],
    docNo: '',
  });
  const b = new Browser(h.app);
  assert.match((await b.get(`/xxgk/city/items/${policy.itemId}`)).body, /政策解读[\s\S]*一图读懂促进就业措施<\/a>（图解）/);
  assert.match((await b.get(`/xxgk/city/items/${interp.itemId}`)).body, /所解读的政策[\s\S]*关于促进就业的若干措施/);
  assert.match((await b.get('/xxgk/city/interpretations')).body, /一图读懂促进就业措施/);
});

test('importing a DOCX fills the body and proposes metadata for the publisher to confirm', async (t) => {
  const { h, city } = await setup();
  t.after(() => h.close());
  const pub = await makeUser(h.db, city.id, ['publisher']);
  const b = new Browser(h.app);
  await b.login(pub.username);
  const docx = await Packer.toBuffer(
    new Document({
      sections: [
        {
          children: [
            '示范市人民政府办公室文件',
            '示府办〔2026〕12号',
            '关于做好2026年政务公开工作的通知',
            '各区县人民政府：',
            '现将有关事项通知如下。',
            '示范市人民政府办公室',
            '2026年3月2日',
          ].map((t) => new Paragraph(t)),
        },
      ],
    }),
  );
  const r = await b.postMultipart(`/staff/items/import-docx?unit=${city.id}`, {}, [{ field: 'docx', filename: '通知.docx', content: docx }], '/staff/items/new');
  assert.equal(r.statusCode, 200);
  assert.match(r.body, /value="关于做好2026年政务公开工作的通知"/);
  assert.match(r.body, /value="示府办〔2026〕12号"/);
  assert.match(r.body, /value="2026-03-02"/);
  assert.match(r.body, /由导入的文档识别，请核对/);
  assert.match(r.body, /&lt;p>现将有关事项通知如下。&lt;\/p>/);
  const notDocx = await b.postMultipart(
    `/staff/items/import-docx?unit=${city.id}`,
    {},
    [{ field: 'docx', filename: 'a.pdf', content: Buffer.from('%PDF-1.4\n%%EOF') }],
    '/staff/items/new',
  );
  assert.equal(notDocx.statusCode, 415);
  assert.equal((await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM information_items')).rows[0].n, 0, 'import writes nothing');
});
