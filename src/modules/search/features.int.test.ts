import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { popularMinSearches: 2 } });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  const civil = await makeUnit(h.db, { parentId: city.id, slug: 'mz', code: '990100007', name: '示范市民政局' });
  const hr = await makeUnit(h.db, { parentId: city.id, slug: 'rs', code: '990100008', name: '示范市人力资源和社会保障局' });
  const now = h.clock.now();
  const dibao = await publishedItem(h.db, civil.id, now, {
    title: '关于调整城乡居民最低生活保障标准的通知',
    genre: '通知',
    topic: '民政、扶贫、救灾\\扶贫',
    bodyHtml: '城市最低生活保障标准提高到每人每月820元。',
    docNo: '示民〔2026〕3号',
    writtenDate: '2026-02-20',
  });
  const guide = await publishedItem(h.db, civil.id, now, {
    title: '最低生活保障审核确认办法',
    genre: '意见',
    topic: '民政、扶贫、救灾\\扶贫',
    bodyHtml: '申请最低生活保障应当提交户口簿和收入证明，标准按当地规定执行。',
    docNo: '',
    writtenDate: '2025-06-01',
  });
  const social = await publishedItem(h.db, hr.id, now, {
    title: '关于做好社会保险费中断缴费补缴工作的通知',
    genre: '通知',
    topic: '劳动、人事、监察\\社会保障',
    bodyHtml: '职工社会保险中断缴费的，可以按规定补缴。',
    docNo: '示人社〔2026〕2号',
    writtenDate: '2026-01-10',
  });
  const admin = await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  const publisher = await makeUser(h.db, civil.id, ['publisher'], { username: 'pub' });
  return { h, city, civil, hr, dibao, guide, social, admin, publisher };
}

const firstIds = (body: string) => [...body.matchAll(/<li><h2><a href="\/xxgk\/[^/]+\/items\/(\d+)"/g)].map((m) => Number(m[1]));
const s = (q: string, extra = '') => `/search?q=${encodeURIComponent(q)}${extra}`;

test('facets show counts, narrow the results as plain links, and sorting by date puts the newest first', async (t) => {
  const { h, dibao, guide } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  const page = (await b.get(s('最低生活保障'))).body;
  assert.match(page, /找到 2 条/);
  assert.match(page, /<a href="\/search\?q=[^"]*&amp;genre=%E9%80%9A%E7%9F%A5">通知<\/a> <span class="muted">\(1\)<\/span>/);
  assert.match(page, /示范市民政局<\/a> <span class="muted">\(2\)<\/span>/);
  assert.match(page, /发布年份/);
  const narrowed = (await b.get(s('最低生活保障', '&genre=意见'))).body;
  assert.deepEqual(firstIds(narrowed), [guide.itemId]);
  assert.match(narrowed, /<strong>意见<\/strong> <a href="[^"]*"[^>]*>取消<\/a>/);
  assert.match(narrowed, /genre=%E9%80%9A%E7%9F%A5">通知<\/a> <span class="muted">\(1\)<\/span>/, 'the other value stays offered');
  // Sorting: both items were published the same day, so give one an older date to see the order change.
  await h.db.query(`UPDATE item_versions SET publish_date = '2025-06-02' WHERE item_id = $1`, [dibao.itemId]);
  await h.db.query('INSERT INTO search_changes (item_id) VALUES ($1)', [dibao.itemId]);
  const byDate = (await b.get(s('最低生活保障标准', '&sort=date'))).body;
  assert.deepEqual(firstIds(byDate), [guide.itemId, dibao.itemId]);
  assert.match(byDate, /<strong aria-current="true">按时间<\/strong>/);
  const api = (await h.app.inject(s('最低生活保障', '&sort=date').replace('/search', '/api/v1/search'))).json();
  assert.equal(api.total, 2);
  assert.deepEqual(api.facets.genre.map((f: { value: string; count: number }) => [f.value, f.count]).sort(), [
    ['意见', 1],
    ['通知', 1],
  ]);
  assert.ok(api.results[0].snippet.some((p: { mark: boolean }) => p.mark));
  const none = (await b.get(s('最低生活保障', '&genre=批复'))).body;
  assert.match(none, /已按条件筛选/);
  assert.match(none, /取消全部筛选条件/);
});

test('quoted phrases find only documents holding the exact words', async (t) => {
  const { h, dibao, guide } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  assert.deepEqual(firstIds((await b.get(s('"最低生活保障标准"'))).body), [dibao.itemId]);
  assert.deepEqual(firstIds((await b.get(s('“户口簿和收入证明”'))).body), [guide.itemId]);
  assert.match((await b.get(s('"标准最低生活"'))).body, /没有找到/);
  assert.equal((await h.app.inject('/api/v1/search?q=' + encodeURIComponent('"最低生活保障标准" 提高'))).json().total, 1);
});

test('the office edits the synonym list and search follows it; bad input keeps the values and writes nothing', async (t) => {
  const { h, social } = await setup();
  t.after(() => h.close());
  const citizen = new Browser(h.app);
  // 社保 → 社会保险 is on the default list.
  const r = (await citizen.get(s('社保断缴怎么办'))).body;
  assert.equal(firstIds(r)[0], social.itemId);
  assert.match(r, /同时查找了：[^）]*社会保险/);
  const office = new Browser(h.app);
  await office.login('office');
  assert.match((await office.get('/staff')).body, /href="\/staff\/search"/);
  const bad = await office.post('/staff/search/synonyms', { term: '补 缴', synonyms: '' }, '/staff/search/synonyms');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /error-summary/);
  assert.match(bad.body, /常用说法须是一个词/);
  assert.match(bad.body, /value="补 缴"/);
  assert.equal((await h.db.query(`SELECT 1 FROM search_synonyms WHERE term LIKE '补%'`)).rows.length, 0);
  assert.match((await citizen.get(s('退费'))).body, /没有找到/);
  const ok = await office.post('/staff/search/synonyms', { term: '退费', synonyms: '补缴、中断缴费' }, '/staff/search/synonyms');
  assert.equal(ok.statusCode, 200);
  assert.match(ok.body, /已保存：退费 → 补缴、中断缴费/);
  assert.equal(firstIds((await citizen.get(s('退费'))).body)[0], social.itemId);
  const dup = await office.post('/staff/search/synonyms', { term: '退费', synonyms: '退还' }, '/staff/search/synonyms');
  assert.match(dup.body, /已在同义词表中/);
  const edit = await office.get('/staff/search/synonyms?edit=' + encodeURIComponent('退费'));
  assert.match(edit.body, /name="replacing" value="退费"/);
  await office.post('/staff/search/synonyms', { term: '退费', synonyms: '退还', replacing: '退费' }, '/staff/search/synonyms');
  assert.deepEqual((await h.db.query<{ synonyms: string[] }>(`SELECT synonyms FROM search_synonyms WHERE term = '退费'`)).rows[0].synonyms, ['退还']);
  await office.post('/staff/search/synonyms/remove', { term: '退费' }, '/staff/search/synonyms');
  assert.equal((await h.db.query(`SELECT 1 FROM search_synonyms WHERE term = '退费'`)).rows.length, 0);
  const actions = (await h.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE action LIKE 'search.%' ORDER BY id`)).rows.map((x) => x.action);
  assert.deepEqual(actions, ['search.synonym_saved', 'search.synonym_saved', 'search.synonym_removed']);
  const pub = new Browser(h.app);
  await pub.login('pub');
  assert.equal((await pub.get('/staff/search/synonyms')).statusCode, 403);
  assert.equal((await new Browser(h.app).get('/staff/search')).statusCode, 302);
  assert.match((await new Browser(h.app).get('/staff/search')).headers.location as string, /^\/login/);
});

test('pinyin and misspelt queries get "您是不是要找"', async (t) => {
  const { h } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  const pinyin = (await b.get(s('shebao'))).body;
  assert.match(pinyin, /您是不是要找：<a href="\/search\?q=%E7%A4%BE%E4%BF%9D">社保<\/a>/);
  assert.match((await b.get(s('最低生活保嶂'))).body, /您是不是要找：<a [^>]*>最低生活保障<\/a>/);
  assert.doesNotMatch((await b.get(s('最低生活保障'))).body, /您是不是要找/);
  assert.equal((await h.app.inject('/api/v1/search?q=dibao')).json().suggestion, '低保');
  // Initials, as typed on a phone: the most used title word of those initials.
  assert.match((await b.get(s('zdshbz'))).body, /您是不是要找：<a [^>]*>最低生活保障<\/a>/);
});

test('the query log: staff see zero-result and frequent searches; the public sees popular ones the office has not hidden', async (t) => {
  const { h } = await setup();
  t.after(() => h.close());
  const b = new Browser(h.app);
  for (const q of ['低保标准', '低保标准', '低保标准', '社保断缴', '社保断缴', '办理护照', '办理护照', '我的身份证号110101199003074514']) await b.get(s(q));
  await b.get(s('低保标准', '&page=2'));
  await b.get(s('低保标准', '&genre=通知'));
  const rows = (await h.db.query<{ query: string }>('SELECT query FROM search_queries ORDER BY id')).rows.map((r) => r.query);
  assert.equal(rows.length, 8, 'paging and narrowing are not new searches');
  assert.ok(rows.includes('我的身份证号110101********4514'), 'personal data is masked in the log');
  const office = new Browser(h.app);
  await office.login('office');
  const zero = (await office.get('/staff/search?zero=1')).body;
  assert.match(zero, /办理护照<\/a><\/td><td>2<\/td><td>0<\/td>/);
  assert.doesNotMatch(zero, />低保标准</);
  const all = (await office.get('/staff/search')).body;
  assert.match(all, /低保标准<\/a><\/td><td>3<\/td>/);
  const landing = (await b.get('/search')).body;
  assert.match(landing, /大家都在搜/);
  assert.match(landing, />低保标准<\/a>/);
  assert.match(landing, />社保断缴<\/a>/);
  assert.doesNotMatch(landing, /办理护照|身份证/, 'no zero-result query and nothing with personal data');
  const hide = await office.post('/staff/search/flags', { query: '社保断缴', hidden: '1' }, '/staff/search');
  assert.match(hide.body, /不再显示/);
  assert.doesNotMatch((await b.get('/search')).body, />社保断缴<\/a>/);
  assert.match((await office.get('/staff/search')).body, /已隐藏/);
  await office.post('/staff/search/flags', { query: '社保断缴', hidden: '0' }, '/staff/search');
  assert.match((await b.get('/search')).body, />社保断缴<\/a>/);
  await h.app.inject('/api/v1/search?q=' + encodeURIComponent('低保标准'));
  assert.equal((await h.db.query(`SELECT count(*)::int AS n FROM search_queries WHERE channel = 'api'`)).rows[0].n, 1);
});

test('readiness waits for the search index built at start; search-reindex logs every published item for every node', async (t) => {
  const { h, dibao } = await setup();
  t.after(() => h.close());
  // Hold the build at its first query: a transaction locks the change log until the readiness check has answered.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  const locked = h.db.transaction(async (q) => {
    await q.query('LOCK TABLE search_changes IN ACCESS EXCLUSIVE MODE');
    await held;
  });
  const warming = h.app.searchIndex.warm();
  const duringP = h.app.inject('/readyz');
  await new Promise((r) => setTimeout(r, 100));
  release();
  await locked;
  const during = await duringP;
  assert.equal(during.statusCode, 503);
  assert.equal(during.json().search, 'building');
  await warming;
  assert.equal((await h.app.inject('/readyz')).statusCode, 200);
  const { reindexSearch } = await import('./commands/reindex.ts');
  // A stale derived field (as written by an older version) is recomputed.
  await h.db.query(`UPDATE item_versions SET body_text = 'stale' WHERE item_id = $1`, [dibao.itemId]);
  const before = Number((await h.db.query<{ n: string }>('SELECT count(*)::text AS n FROM search_changes')).rows[0].n);
  const progress: number[] = [];
  const r = await reindexSearch(h.db, { kind: 'system', label: 't' }, h.clock.now(), (done) => progress.push(done));
  assert.deepEqual(r, { items: 3, updated: 1 });
  assert.deepEqual(progress, [3]);
  assert.equal(Number((await h.db.query<{ n: string }>('SELECT count(*)::text AS n FROM search_changes')).rows[0].n) - before, 3);
  assert.match((await h.db.query<{ body_text: string }>('SELECT body_text FROM item_versions WHERE item_id = $1', [dibao.itemId])).rows[0].body_text, /820元/);
  assert.equal(firstIds((await new Browser(h.app).get(s('820元'))).body)[0], dibao.itemId);
});

test('two nodes over one database agree: publication, revision, withdrawal and synonym edits reach the other node', async (t) => {
  const { h, civil, dibao } = await setup();
  t.after(() => h.close());
  const { SearchService } = await import('./service.ts');
  const { startRevision } = await import('../publishing/commands/startRevision.ts');
  const { saveDraft } = await import('../publishing/commands/saveDraft.ts');
  const { transitionItem } = await import('../publishing/commands/transition.ts');
  const { baseInput } = await import('../../testing/items.ts');
  const system = { kind: 'system' as const, label: 't' };
  // Node B polls the change log on every query (staleness 0); node A is the app that writes.
  const nodeB = new SearchService(h.db, 0);
  const ids = async (q: string) => (await nodeB.search({ q })).results.map((r) => r.id);
  assert.deepEqual((await ids('820元')).slice(0, 1), [dibao.itemId]);
  const now = h.clock.now();
  const fresh = await publishedItem(h.db, civil.id, now, { title: '临时救助工作规程', bodyHtml: '临时救助对象和救助标准。', docNo: '' });
  assert.ok((await ids('临时救助')).includes(fresh.itemId));
  await startRevision(h.db, system, now, fresh.itemId);
  await saveDraft(h.db, system, now, {
    unitId: civil.id,
    itemId: fresh.itemId,
    input: baseInput({ title: '临时救助工作规程（修订）', bodyHtml: '急难型临时救助实行先行救助。', docNo: '', changeNote: '增加先行救助' }),
  });
  for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, now, fresh.itemId, step);
  assert.deepEqual(await ids('先行救助'), [fresh.itemId]);
  assert.equal((await nodeB.search({ q: '临时救助' })).results[0].title, '临时救助工作规程（修订）');
  await transitionItem(h.db, system, now, fresh.itemId, 'withdraw', { remarks: '并入新规程' });
  assert.ok(!(await ids('临时救助')).includes(fresh.itemId));
  await h.db.query(`INSERT INTO search_synonyms (term, synonyms) VALUES ('救急', '{临时救助}')`);
  assert.deepEqual((await nodeB.search({ q: '救急' })).expansions, ['临时救助']);
});

test('the change log is pruned daily; a node that missed pruned changes rebuilds from the items and stays right', async (t) => {
  const { h, civil, dibao } = await setup();
  t.after(() => h.close());
  const { SearchService, pruneSearchChanges } = await import('./service.ts');
  const { transitionItem } = await import('../publishing/commands/transition.ts');
  const away = new SearchService(h.db, 0);
  assert.ok((await away.search({ q: '820元' })).results.some((r) => r.id === dibao.itemId));
  // While this node is away, an item is withdrawn and another published, then the log is pruned.
  await transitionItem(h.db, { kind: 'system', label: 't' }, h.clock.now(), dibao.itemId, 'withdraw', { remarks: '重发' });
  const fresh = await publishedItem(h.db, civil.id, h.clock.now(), { title: '临时救助工作规程', bodyHtml: '临时救助对象。', docNo: '' });
  assert.ok((await pruneSearchChanges(h.db, new Date(Date.now() + 30 * 86400_000), 7)) > 0);
  // The first query after notices the gap and rebuilds; the next answers from the rebuilt index.
  await away.search({ q: '820元' });
  await away.warm();
  assert.ok(!(await away.search({ q: '820元' })).results.some((r) => r.id === dibao.itemId), 'the withdrawal is not missed');
  assert.deepEqual(
    (await away.search({ q: '临时救助' })).results.map((r) => r.id),
    [fresh.itemId],
  );
});
