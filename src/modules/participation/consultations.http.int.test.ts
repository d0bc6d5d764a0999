/**
 * A consultation from draft to feedback over HTTP: the 30-day rule, opening by the office, anonymous comments on
 * clauses (bad input kept, rate-limited route), staff registration of a letter, moderation, bulk disposition with a
 * reusable answer, the feedback refused while comments lack a disposition, then drafted as an information item;
 * once that item is published the page reads 已反馈 and the commenter is told the disposition of his comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { transitionItem } from '../publishing/index.ts';
import { notifyDispositions } from './index.ts';

const DRAFT = [
  '<p>示范市养犬管理规定（征求意见稿）</p>',
  '<p>第一条　为了规范养犬行为，保障公民健康和人身安全，制定本规定。</p>',
  '<p>第二条　本市行政区域内的养犬管理适用本规定。</p>',
  '<p>第三条　个人养犬应当办理养犬登记，每年年检一次。</p>',
].join('');

test('a consultation: opened on its dates, commented clause by clause, every comment disposed, feedback published and the commenter told', async (t) => {
  const h = await makeTestApp({ now: '2026-06-01T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const police = await makeUnit(h.db, { parentId: city.id, slug: 'gaj', code: '990100010', name: '示范市公安局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, police.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, police.id, ['office_admin'], { username: 'head' });
  await makeUser(h.db, other.id, ['publisher'], { username: 'stranger' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const head = new Browser(h.app);
  await head.login('head');

  const form = {
    unitId: String(police.id),
    title: '示范市养犬管理规定（征求意见稿）',
    draftHtml: DRAFT,
    explanationHtml: '<p>为解决犬只扰民问题，起草本规定。</p>',
    legalBasis: '《重大行政决策程序暂行条例》第十四条',
    channels: ['website', 'letter', 'email'],
    contact: '示范市公安局法制支队，电子邮箱 fzzd@gaj.example.cn',
    opensOn: '2026-06-01',
    closesOn: '2026-06-29',
    shortenedReason: '',
  };
  const short = await clerk.post('/staff/consultations/new', form, '/staff/consultations/new');
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /征求意见期限为29日，少于30日：须说明缩短期限的理由/);
  assert.match(short.body, /value="示范市养犬管理规定（征求意见稿）"/, 'what was typed is kept');
  assert.equal((await h.db.query('SELECT 1 FROM consultations')).rows.length, 0, 'nothing written');
  const created = await clerk.post('/staff/consultations/new', { ...form, closesOn: '2026-06-30', publishComments: '1' }, '/staff/consultations/new');
  assert.equal(created.statusCode, 303);
  const id = Number(/\/staff\/consultations\/(\d+)/.exec(created.headers.location as string)![1]);
  const page = `/staff/consultations/${id}`;

  // Drafts are not public; only the office (or a reviewer) opens one; other units see nothing of it.
  assert.equal((await new Browser(h.app).get(`/hdjl/yjzj/${id}`)).statusCode, 404);
  assert.equal((await clerk.post(`${page}/publish`, {}, page)).statusCode, 403);
  const stranger = new Browser(h.app);
  await stranger.login('stranger');
  assert.equal((await stranger.get(page)).statusCode, 403);
  assert.equal((await head.post(`${page}/publish`, {}, page)).statusCode, 303);
  assert.equal((await h.db.query<{ d: string }>('SELECT feedback_due_on::text AS d FROM consultations')).rows[0].d > '2026-06-30', true);

  // A citizen, no account: the list, the page with a link per article, a comment on 第三条.
  const citizen = new Browser(h.app);
  assert.match((await citizen.get('/hdjl/yjzj')).body, /征集中，还剩30天/);
  const pub = (await citizen.get(`/hdjl/yjzj/${id}`)).body;
  assert.match(pub, /href="\/hdjl\/yjzj\/\d+\?clause=a3#comment-form">对第三条提意见/);
  const where = `/hdjl/yjzj/${id}?clause=a3`;
  const empty = await citizen.post(`/hdjl/yjzj/${id}/comments`, { clauseKey: 'a3', body: '', name: '朱明', contact: '' }, where);
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /请填写意见内容/);
  assert.match(empty.body, /value="朱明"/);
  const badClause = await citizen.post(`/hdjl/yjzj/${id}/comments`, { clauseKey: 'a99', body: '意见', name: '', contact: '' }, where);
  assert.match(badClause.body, /请选择征求意见稿中的条款/);
  const opinion = '建议将养犬登记年检改为三年一次，减少群众跑腿，同时通过线上渠道办理登记和年检手续。';
  const sent = await citizen.post(`/hdjl/yjzj/${id}/comments`, { clauseKey: 'a3', body: opinion, name: '朱明', contact: 'zhuming@example.com', consentPublish: '1' }, where);
  assert.equal(sent.statusCode, 303);
  assert.match((await citizen.get(sent.headers.location as string)).body, /意见已提交，编号 \d+。截止后将统一研究处理并公布采纳情况，处理结果会告知您。/);
  await citizen.post(`/hdjl/yjzj/${id}/comments`, { clauseKey: 'a3', body: opinion.replace('，', ', '), name: '', contact: '', consentPublish: '1' }, where);
  await citizen.post(
    `/hdjl/yjzj/${id}/comments`,
    { clauseKey: '', body: '请联系我，电话13912345678，我有养犬场地的建议。', name: '李四', contact: '', consentPublish: '1' },
    where,
  );

  // The clerk's dashboard counts the comments waiting for moderation.
  assert.match((await clerk.get('/staff')).body, /<a href="\/staff\/consultations"><span class="count">3<\/span><span class="label">待审核的征集意见/);
  // Staff register a letter (within the period), moderate, and see the copies grouped.
  const outside = await clerk.post(`${page}/comments`, { channel: 'letter', receivedOn: '2026-05-20', clauseKey: 'a1', body: '信函意见', name: '王五', contact: '' }, page);
  assert.equal(outside.statusCode, 400);
  assert.match(outside.body, /收到日期应在征集期限内/);
  assert.equal(
    (
      await clerk.post(
        `${page}/comments`,
        { channel: 'letter', receivedOn: '2026-06-01', clauseKey: 'a1', body: '建议明确犬只免疫接种的具体时限。', name: '王五', contact: '' },
        page,
      )
    ).statusCode,
    303,
  );
  const ids = (await h.db.query<{ id: number }>('SELECT id::int FROM consultation_comments ORDER BY id')).rows.map((r) => String(r.id));
  assert.equal(ids.length, 4);
  const detail = (await clerk.get(page)).body;
  assert.match(detail, /共4条，不同意见3条，重复1条；未处理4条/);
  assert.match(detail, new RegExp(`与第${ids[0]}号相同或基本相同`));
  assert.equal((await clerk.post(`${page}/bulk`, { op: 'publish', ids: ids.slice(0, 3) }, page)).statusCode, 303);
  const shown = (await citizen.get(`/hdjl/yjzj/${id}`)).body;
  assert.match(shown, /公开的意见（3条）/);
  assert.match(shown, /朱\* · 第三条/);
  assert.ok(!shown.includes('13912345678'), 'personal data in a comment is masked');
  assert.ok(!shown.includes('zhuming@example.com'), 'contacts are never shown');

  // The public API gives the moderated comments (masked), without dispositions until the feedback is out.
  const api = JSON.parse((await citizen.get(`/api/v1/consultations/${id}/comments`)).body);
  assert.equal(api.consultation.status, 'open');
  assert.equal(api.comments.length, 3);
  assert.equal(api.comments[0].commenter, '朱*');
  assert.equal(api.comments[0].clause, '第三条');
  assert.ok(!JSON.stringify(api).includes('zhuming@example.com') && !JSON.stringify(api).includes('13912345678'));
  assert.equal(JSON.parse((await citizen.get('/api/v1/consultations?status=open')).body).consultations[0].title, '示范市养犬管理规定（征求意见稿）');
  assert.equal((await citizen.get('/api/v1/consultations?status=draft')).statusCode, 400);

  // Bulk disposition with a reusable answer; a reason is required unless adopted.
  assert.match((await clerk.post(`${page}/bulk`, { op: 'dispose', ids: ids.slice(0, 2), disposition: 'not_adopted', reason: '' }, page)).body, /须说明理由/);
  await clerk.post(`${page}/templates`, { templateDisposition: 'not_adopted', templateText: '年检制度依据《动物防疫法》设定，本规定不作调整。' }, page);
  const tpl = (await h.db.query<{ id: number }>('SELECT id::int FROM consultation_answer_templates')).rows[0].id;
  assert.equal((await clerk.post(`${page}/bulk`, { op: 'dispose', ids: ids.slice(0, 2), disposition: 'not_adopted', templateId: String(tpl), reason: '' }, page)).statusCode, 303);
  assert.equal((await clerk.post(`${page}/bulk`, { op: 'dispose', ids: [ids[3]], disposition: 'adopted', reason: '' }, page)).statusCode, 303);
  assert.equal((await clerk.post(`${page}/feedback`, {}, page)).statusCode, 409, 'not before the close');

  // After the close: no more comments; the feedback waits for the last disposition.
  h.clock.advanceMs(30 * 86400_000);
  await clerk.login('clerk');
  // The form is gone from the page; a post from a page kept open is refused.
  const late = await citizen.post(`/hdjl/yjzj/${id}/comments`, { clauseKey: '', body: '迟到的意见', name: '', contact: '' }, '/ysqgk/apply');
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /征求意见已经截止/);
  assert.match((await clerk.get('/staff')).body, /<span class="count">1<\/span><span class="label">已截止、待公布采纳情况的意见征集/);
  const waiting = await clerk.post(`${page}/feedback`, {}, page);
  assert.equal(waiting.statusCode, 400);
  assert.match(waiting.body, /还有1条意见没有处理结果或理由/);
  await clerk.post(`${page}/bulk`, { op: 'dispose', ids: [ids[2]], disposition: 'out_of_scope', reason: '养犬场地问题不属于本规定调整范围' }, page);
  const fb = await clerk.post(`${page}/feedback`, {}, page);
  assert.equal(fb.statusCode, 303);
  const itemId = Number(/\/staff\/items\/(\d+)/.exec(fb.headers.location as string)![1]);
  const body = (await h.db.query<{ body_html: string }>('SELECT body_html FROM item_versions WHERE item_id = $1', [itemId])).rows[0].body_html;
  assert.match(body, /共收到意见4条（网站3条，信函1条），其中内容相同或基本相同的1条，不同意见3条。/);
  assert.match(body, /采纳1条，部分采纳0条，不采纳2条，不属于本次征求意见范围1条/);
  assert.match(body, new RegExp(`征求意见稿及公开的意见：<a href="/hdjl/yjzj/${id}">`), 'the feedback item links back');
  assert.match(body, /（另有1条相同意见）<\/p><p>理由：年检制度依据《动物防疫法》设定，本规定不作调整。<\/p>/);

  // The feedback is an information item: reviewed and published like any; then the page reads 已反馈.
  assert.match((await citizen.get(`/hdjl/yjzj/${id}`)).body, /已截止/);
  // Past its due date and still unpublished, supervision counts it against the unit.
  const due = (await h.db.query<{ d: string }>('SELECT feedback_due_on::text AS d FROM consultations')).rows[0].d;
  const { unitIndicators } = await import('../supervision/build.ts');
  const { buildCalendar } = await import('../../lib/calendar.ts');
  const unitRow = { id: police.id, slug: 'gaj', level: 'city' as const };
  const overdue = (await unitIndicators(h.db, unitRow, buildCalendar(), '2026-12-31')).find((i) => i.key === 'consultation_feedback')!;
  assert.deepEqual(
    overdue.findings.map((f) => f.detail),
    [`逾期未公布意见采纳情况（期限 ${due}）`],
  );
  assert.deepEqual((await unitIndicators(h.db, unitRow, buildCalendar(), due)).find((i) => i.key === 'consultation_feedback')!.findings, [], 'not yet due');
  const system = { kind: 'system' as const, label: 'test' };
  for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(h.db, system, h.clock.now(), itemId, step);
  const done = (await citizen.get(`/hdjl/yjzj/${id}`)).body;
  assert.match(done, /已反馈/);
  assert.match(done, new RegExp(`href="/xxgk/gaj/items/${itemId}">查看意见采纳情况的说明`));
  assert.equal(await notifyDispositions(h.db, h.clock.now(), { smsEnabled: false, smsTemplates: {} }, 'https://gov.example.cn'), 1);
  assert.equal(await notifyDispositions(h.db, h.clock.now(), { smsEnabled: false, smsTemplates: {} }, 'https://gov.example.cn'), 0, 'once');
  const mail = (await h.db.query<{ recipient: string; body: string }>(`SELECT recipient, body FROM outbox_messages WHERE purpose = 'consultation.disposition'`)).rows;
  assert.equal(mail.length, 1);
  assert.equal(mail[0].recipient, 'zhuming@example.com');
  assert.match(mail[0].body, /处理结果为：不采纳。理由：年检制度依据《动物防疫法》设定/);
  const after = JSON.parse((await citizen.get(`/api/v1/consultations/${id}/comments`)).body);
  assert.equal(after.consultation.status, 'concluded');
  assert.equal(after.comments[0].disposition, '不采纳');

  // Staff export every comment with contacts and dispositions; other units and citizens cannot.
  const csv = await clerk.get(`${page}/comments.csv`);
  assert.equal(csv.statusCode, 200);
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  assert.equal(lines[0], '"编号","条款","渠道","收到日期","反馈人","联系方式","同意公开","公开状态","意见内容","重复于","处理结果","理由"');
  assert.equal(lines.length, 5);
  assert.match(lines[1], /"第三条","网站","2026-06-01","朱明","zhuming@example.com","是","已审核",/);
  assert.match(lines[2], new RegExp(`,"${ids[0]}","不采纳",`), 'the copy names the comment it repeats');
  assert.equal((await clerk.get(`${page}/comments.xlsx`)).headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  await stranger.login('stranger');
  assert.equal((await stranger.get(`${page}/comments.csv`)).statusCode, 403);
  assert.notEqual((await citizen.get(`${page}/comments.csv`)).statusCode, 200);
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM consultation_events ORDER BY id')).rows.map((e) => e.kind);
  assert.deepEqual(events.slice(0, 2), ['created', 'published']);
  assert.ok(events.includes('feedback_drafted'));
});
