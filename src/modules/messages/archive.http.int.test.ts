/**
 * The public side of messages beyond writing one: the monthly statistics with their minimum for ranking, the
 * similar-question suggestions on the form and how often they end the writing, the archive's filters and paging,
 * and the one extension a unit may take, with its reason shown to the writer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { Browser } from '../../testing/http.ts';
import { publishMessage, rateMessage, receiveMessage, replyMessage } from './index.ts';

test('monthly statistics, similar questions counted, archive filters, and one extension with its reason', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100008', name: '示范市住房和城乡建设局', kind: 'department' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['message_officer'], { username: 'zclerk' });
  await makeUser(h.db, jyj.id, ['message_officer'], { username: 'jclerk' });
  const z = await actorFor(h.db, 'zclerk');
  const j = await actorFor(h.db, 'jclerk');
  const calendar = buildCalendar();
  const ctx = (day: string) => ({ now: new Date(`${day}T02:00:00Z`), today: day, calendar });
  const anon = { kind: 'anonymous' as const };
  const msg = (unitId: number, title: string) => ({
    unitId,
    type: 'consult',
    category: '',
    area: '',
    title,
    body: `${title}，请问怎么办理？`,
    writerName: '',
    contact: '',
    consentPublish: true,
    receivedOn: unitId === zjj.id ? '2026-02-02' : '2026-02-03',
    channel: 'website',
  });

  // February: the housing bureau gets 20 (17 answered on time, 1 late, 2 open); education 3, all answered the next day.
  const codes: { caseNo: string; queryCode: string }[] = [];
  for (let i = 0; i < 20; i++) {
    const r = await receiveMessage(h.db, anon, ctx('2026-02-02'), msg(zjj.id, `公积金提取问题${i}`));
    codes.push(r);
    if (i < 17) await replyMessage(h.db, z, ctx('2026-02-05'), r.id, '请携带身份证到服务大厅办理。');
    if (i === 17) await replyMessage(h.db, z, ctx('2026-02-27'), r.id, '已办理。');
  }
  for (let i = 0; i < 3; i++) {
    const r = await receiveMessage(h.db, anon, ctx('2026-02-03'), msg(jyj.id, `学位申请问题${i}`));
    await replyMessage(h.db, j, ctx('2026-02-04'), r.id, '请登录招生平台申请。');
  }
  await rateMessage(h.db, ctx('2026-02-06'), codes[0].caseNo, codes[0].queryCode, { level: 5, tags: [], comment: '' });
  await rateMessage(h.db, ctx('2026-02-06'), codes[1].caseNo, codes[1].queryCode, { level: 1, tags: [], comment: '' });

  const citizen = new Browser(h.app);
  const stats = await citizen.get('/hdjl/ly/tj?month=2026-02');
  assert.equal(stats.statusCode, 200);
  const late = calendar.workingDaysBetween('2026-02-02', '2026-02-27').days;
  const avg = Math.round(((17 * 3 + late) / 18) * 10) / 10;
  const row = (name: string) => new RegExp(`<tr><td>([^<]*)</td><th scope="row">${name}</th>((?:<td[^>]*>[^<]*</td>)+)`).exec(stats.body);
  const zRow = row('示范市住房和城乡建设局')!;
  assert.equal(zRow[1], '1', 'ranked: 20 cases');
  assert.deepEqual(
    [...zRow[2].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]),
    ['20', '18', '90.0%', '94.4%', String(avg), '50.0%（2件评价）'],
  );
  const jRow = row('示范市教育局')!;
  assert.equal(jRow[1], '不排名', 'three cases are too few to rank');
  assert.match(jRow[2], /100\.0%/);
  assert.match(stats.body, /<dt>按期答复率<\/dt>/, 'the definitions are published');
  assert.equal((await citizen.get('/hdjl/ly/tj?month=2019-01')).statusCode, 400);

  // Published answers become suggestions on the form; opening one and giving up writing are counted.
  for (const c of codes.slice(0, 3)) {
    const id = (await h.db.query<{ id: number }>('SELECT id::int FROM messages WHERE case_no = $1', [c.caseNo])).rows[0].id;
    await publishMessage(h.db, z, ctx('2026-02-06'), id, { publicTitle: '', publicBody: '', publicReply: '' });
  }
  const form = {
    type: 'consult',
    unitId: String(zjj.id),
    category: '',
    area: '',
    title: '公积金提取要带什么材料',
    body: '想提取公积金',
    writerName: '',
    contact: '',
    consentPublish: '1',
  };
  const shown = await citizen.post('/hdjl/ly/new', form, '/hdjl/ly/new');
  assert.equal(shown.statusCode, 200);
  assert.match(shown.body, /这些已经答复的问题/);
  assert.match(shown.body, /已解答我的问题，不用留言了/);
  const link = /href="(\/hdjl\/ly\/similar\/m\/LY\d+)"/.exec(shown.body)![1];
  const opened = await citizen.get(link);
  assert.equal(opened.statusCode, 303);
  assert.match(String(opened.headers.location), /^\/hdjl\/ly\/LY\d+$/);
  assert.equal((await citizen.get('/hdjl/ly/similar/x/https:%2F%2Fevil.example')).statusCode, 404, 'no open redirect');
  const resolved = await citizen.post('/hdjl/ly/new', { ...form, step: 'resolved' }, '/hdjl/ly/new');
  assert.match(resolved.body, /问题已解答/);
  assert.equal((await h.db.query('SELECT 1 FROM messages WHERE title = $1', [form.title])).rows.length, 0, 'nothing was sent or kept');
  assert.match((await citizen.get('/hdjl/ly/tj?month=2026-03')).body, /看到类似问题的答复：1次；打开看了：1次；因已有答复不再留言：1次/);

  // The archive: keyword, unit and type filters; a bad unit is a clear error.
  const all = (await citizen.get('/hdjl/ly')).body;
  assert.equal((all.match(/href="\/hdjl\/ly\/LY\d+"/g) ?? []).length, 3);
  assert.match(all, /用时3个工作日/);
  assert.equal(((await citizen.get(`/hdjl/ly?unit=${jyj.id}`)).body.match(/href="\/hdjl\/ly\/LY\d+"/g) ?? []).length, 0);
  const found = (await citizen.get(`/hdjl/ly?q=${encodeURIComponent('公积金提取问题1')}&unit=${zjj.id}&type=consult`)).body;
  assert.match(found, />公积金提取问题1</);
  assert.equal((await citizen.get('/hdjl/ly?unit=abc')).statusCode, 400);
  assert.equal((await citizen.get('/hdjl/ly?type=bogus')).statusCode, 400);

  // One extension, with a reason the writer sees; a second is refused.
  const open = codes[19];
  const id = (await h.db.query<{ id: number }>('SELECT id::int FROM messages WHERE case_no = $1', [open.caseNo])).rows[0].id;
  const staff = new Browser(h.app);
  await staff.login('zclerk');
  const page = `/staff/messages/${id}`;
  const noReason = await staff.post(`${page}/extend`, { extendReason: '' }, page);
  assert.equal(noReason.statusCode, 400);
  assert.match(noReason.body, /请说明延期的理由/);
  assert.equal((await staff.post(`${page}/extend`, { extendReason: '需要现场核实' }, page)).statusCode, 303);
  assert.equal((await staff.post(`${page}/extend`, { extendReason: '再等等' }, page)).statusCode, 409);
  const followed = (await citizen.post('/hdjl/ly/cx', open, '/hdjl/ly/cx')).body;
  assert.match(followed, /（已延期：需要现场核实）/);
});
