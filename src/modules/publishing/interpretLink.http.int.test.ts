/**
 * An interpretation names its policy as staff know it — the full title, the 文号 (in any of its usual spellings) or
 * the 索引号 — one per line; a line that finds none or several is named on the form, with what was typed kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';

test('link an interpretation to its policies by title, 文号 or 索引号', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, civil.id, ['publisher'], { username: 'clerk' });
  const a = await publishedItem(h.db, civil.id, h.clock.now(), { title: '关于调整2026年城乡低保标准的通知', docNo: '示民〔2026〕3号' });
  const b = await publishedItem(h.db, civil.id, h.clock.now(), { title: '示范市临时救助办法', docNo: '示民〔2026〕5号' });
  await publishedItem(h.db, civil.id, h.clock.now(), { title: '重复的标题', docNo: '' });
  await publishedItem(h.db, civil.id, h.clock.now(), { title: '重复的标题', docNo: '' });
  const indexNo = (await h.db.query<{ index_no: string }>('SELECT index_no FROM information_items WHERE id = $1', [b.itemId])).rows[0].index_no;
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const form = {
    unitId: String(civil.id),
    kind: 'interpretation',
    title: '一图读懂2026年低保标准调整',
    sectionCode: 'a20_11',
    disclosure: 'proactive',
    topic: '民政、扶贫、救灾\\社会福利',
    genre: '其他',
    interpretationForm: 'graphic',
    bodyHtml: '<p>低保标准调整要点。</p>',
  };
  // The picker's search: published items by words of the title, a 文号 in any common form, or a 索引号.
  const lookup = async (q: string) => JSON.parse((await clerk.get(`/staff/items/lookup?q=${encodeURIComponent(q)}`)).body).items as { ref: string; title: string }[];
  assert.deepEqual(
    (await lookup('临时救助')).map((x) => [x.title, x.ref]),
    [['示范市临时救助办法', indexNo]],
  );
  assert.equal((await lookup('示民[2026]5号'))[0].title, '示范市临时救助办法');
  assert.equal((await lookup(indexNo))[0].title, '示范市临时救助办法');
  assert.deepEqual(await lookup('100%_'), [], 'LIKE characters are taken literally');
  assert.notEqual((await new Browser(h.app).get('/staff/items/lookup?q=低保')).statusCode, 200, 'staff only');
  const bad = await clerk.post('/staff/items', { ...form, interprets: '示民[2026]3号\n重复的标题\n没有这条政策' }, '/staff/items/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /“重复的标题”对应多条信息，请改用文号或索引号；“没有这条政策”没有找到已公开的信息/);
  assert.match(bad.body, /示民\[2026\]3号\n重复的标题\n没有这条政策<\/textarea>/, 'what was typed is kept');
  const ok = await clerk.post('/staff/items', { ...form, interprets: `示民[2026]3号\n${indexNo}` }, '/staff/items/new');
  assert.equal(ok.statusCode, 303, (ok.body.match(/<li><a href="#f-[^"]+">[^<]*<\/a><\/li>/g) ?? []).join(' '));
  const id = Number(/\/staff\/items\/(\d+)/.exec(ok.headers.location as string)![1]);
  const links = (await h.db.query<{ to: number }>(`SELECT to_item_id::int AS to FROM item_links WHERE from_item_id = $1 ORDER BY to_item_id`, [id])).rows.map((r) => r.to);
  assert.deepEqual(
    links,
    [a.itemId, b.itemId].sort((x, y) => x - y),
  );
  // The edit form shows the links as staff name them, not as numbers.
  const edit = (await clerk.get(`/staff/items/${id}/edit`)).body;
  const shown = /<textarea id="f-interprets" name="interprets"[^>]*>([^<]*)<\/textarea>/.exec(edit)![1];
  assert.ok(shown.split('\n').includes(indexNo), shown);
  assert.doesNotMatch(shown, new RegExp(`^${b.itemId}$`, 'm'), 'not as a number');
  const byTitle = await clerk.post(`/staff/items/${id}/edit`, { ...form, interprets: '关于调整2026年城乡低保标准的通知' }, `/staff/items/${id}/edit`);
  assert.equal(byTitle.statusCode, 303);
  assert.deepEqual(
    (await h.db.query<{ to: number }>(`SELECT to_item_id::int AS to FROM item_links WHERE from_item_id = $1`, [id])).rows.map((r) => r.to),
    [a.itemId],
  );
});
