/**
 * The decision catalogue over HTTP: entries numbered per year, bad input kept and nothing written, publication by the
 * office only, revisions kept and readable, the stage forward only, removal with a public reason, the decision date
 * bringing the consultation's feedback forward, links shown only to published items, supervision findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { publishedItem } from '../../testing/items.ts';
import { sectionsForUnit } from '../publishing/index.ts';
import { buildCalendar } from '../../lib/calendar.ts';
import { unitIndicators } from '../supervision/build.ts';
import { participationFacts, participationSentence } from './index.ts';
import { publishDecisionCatalogue, saveDecisionEntry } from './commands/decisions.ts';

test('a decision catalogue: entries, revisions, stages, removal, links and supervision', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const zjj = await makeUnit(h.db, { parentId: city.id, slug: 'zjj', code: '990100020', name: '示范市住房和城乡建设局', kind: 'department' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  await makeUser(h.db, zjj.id, ['publisher'], { username: 'clerk' });
  await makeUser(h.db, zjj.id, ['office_admin'], { username: 'head' });
  await makeUser(h.db, other.id, ['publisher'], { username: 'stranger' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const head = new Browser(h.app);
  await head.login('head');
  const citizen = new Browser(h.app);

  const entry = {
    unitId: String(zjj.id),
    year: '2026',
    title: '示范市城市停车设施收费管理办法',
    leadUnit: '示范市住房和城乡建设局',
    plannedOn: '2026-09-30',
    summary: '规范停车收费，缓解停车难。',
    required: ['public_participation', 'expert_review', 'hearing'],
  };
  const bad = await clerk.post('/staff/decisions/new', { ...entry, title: '', plannedOn: '2026-02-30', done_expert_review: 'soon' }, '/staff/decisions/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /请填写决策事项名称/);
  assert.match(bad.body, /请填写计划决策时间/);
  assert.match(bad.body, /专家论证的完成日期不是有效日期/);
  assert.match(bad.body, /value="示范市住房和城乡建设局"/, 'what was typed is kept');
  assert.equal((await h.db.query('SELECT 1 FROM decision_entries')).rows.length, 0, 'nothing written');

  const first = await clerk.post('/staff/decisions/new', entry, '/staff/decisions/new');
  assert.equal(first.statusCode, 303);
  const id = Number(/\/staff\/decisions\/(\d+)/.exec(first.headers.location as string)![1]);
  await clerk.post('/staff/decisions/new', { ...entry, title: '示范市既有住宅加装电梯实施办法', plannedOn: '2026-06-30', required: [] }, '/staff/decisions/new');
  const codes = (await h.db.query<{ code: string; steps: Record<string, { required: boolean }> }>('SELECT code, steps FROM decision_entries ORDER BY id')).rows;
  assert.deepEqual(
    codes.map((c) => c.code),
    ['JC-2026-001', 'JC-2026-002'],
  );
  assert.equal(codes[1].steps.legality_review.required, true, 'legality review cannot be left out');
  assert.equal(codes[1].steps.hearing.required, false);

  // Other units see nothing; a publisher may not publish the catalogue; nothing is public before it is.
  const stranger = new Browser(h.app);
  await stranger.login('stranger');
  assert.equal((await stranger.get(`/staff/decisions/${id}`)).statusCode, 403);
  assert.doesNotMatch((await stranger.get('/staff/decisions')).body, /停车设施/);
  assert.equal((await citizen.get(`/hdjl/jcml/sx/${id}`)).statusCode, 404);
  assert.equal((await clerk.post('/staff/decisions/publish', { unitId: String(zjj.id), year: '2026', note: '' }, '/staff/decisions')).statusCode, 403);
  const pub1 = await head.post('/staff/decisions/publish', { unitId: String(zjj.id), year: '2026', note: '' }, '/staff/decisions');
  assert.equal(pub1.statusCode, 303);
  const index = (await citizen.get('/hdjl/jcml')).body;
  assert.match(index, /href="\/hdjl\/jcml\/zjj\/2026">\s*示范市住房和城乡建设局 2026年度/);
  const cat = (await citizen.get('/hdjl/jcml/zjj/2026')).body;
  assert.match(cat, /第1版/);
  assert.match(cat, /JC-2026-001<\/td><td><a href="\/hdjl\/jcml\/sx\/\d+">示范市城市停车设施收费管理办法/);
  assert.match(cat, /<td>立项<\/td>/);

  // The stage moves forward; going back is refused on the page with the reason.
  const page = `/staff/decisions/${id}`;
  assert.equal((await clerk.post(`${page}/stage`, { stage: 'consulting', note: '草案已形成' }, page)).statusCode, 303);
  const back = await clerk.post(`${page}/stage`, { stage: 'drafting' }, page);
  assert.equal(back.statusCode, 409);
  assert.match(back.body, /只能推进到后面的阶段/);

  // Linked to its consultation: the decision taken before the feedback's due date brings that date forward.
  const cForm = {
    unitId: String(zjj.id),
    title: '示范市城市停车设施收费管理办法（征求意见稿）',
    draftHtml: '<p>第一条　为规范停车收费，制定本办法。</p>',
    channels: ['website'],
    contact: '市住建局，电话 0000-12345678',
    opensOn: '2026-03-02',
    closesOn: '2026-03-31',
  };
  const c = await head.post('/staff/consultations/new', cForm, '/staff/consultations/new');
  const cid = Number(/\/staff\/consultations\/(\d+)/.exec(c.headers.location as string)![1]);
  await head.post(`/staff/consultations/${cid}/publish`, {}, `/staff/consultations/${cid}`);
  const due = (await h.db.query<{ d: string }>('SELECT feedback_due_on::text AS d FROM consultations')).rows[0].d;
  assert.ok(due > '2026-04-20', due);
  const { itemId: policyId, indexNo } = await publishedItem(h.db, zjj.id, h.clock.now(), { title: '示范市城市停车设施收费管理办法' });
  const withLinks = {
    ...entry,
    done_public_participation: '2026-03-31',
    legalityFrom: '2026-04-01',
    legalityTo: '2026-04-07',
    decidedOn: '2026-04-15',
    consultationId: String(cid),
    decisionItemRef: indexNo ?? '',
  };
  const notMine = await clerk.post(`${page}/edit`, { ...withLinks, decisionItemRef: '没有这个文件' }, `${page}/edit`);
  assert.equal(notMine.statusCode, 400);
  assert.match(notMine.body, /没有找到已公开的信息/);
  assert.equal((await clerk.post(`${page}/edit`, withLinks, `${page}/edit`)).statusCode, 303);
  assert.equal((await h.db.query<{ d: string }>('SELECT feedback_due_on::text AS d FROM consultations')).rows[0].d, '2026-04-15');
  const staffView = (await clerk.get(page)).body;
  assert.match(staffView, /合法性审查时间为3个工作日，少于7个工作日/);
  assert.match(
    (await citizen.get(`/hdjl/yjzj/${cid}`)).body,
    new RegExp(`href="/hdjl/jcml/sx/${id}">JC-2026-001 示范市城市停车设施收费管理办法`),
    'the consultation names its decision',
  );
  const pubEntry = (await citizen.get(`/hdjl/jcml/sx/${id}`)).body;
  assert.match(pubEntry, new RegExp(`href="/hdjl/yjzj/${cid}"`));
  assert.match(pubEntry, new RegExp(`href="/xxgk/zjj/items/${policyId}"`));
  assert.match(pubEntry, /进入“征求意见”阶段：草案已形成/);
  assert.doesNotMatch(pubEntry, /用户\d+（clerk）/, 'no staff names in the public history');
  assert.match((await clerk.get(page)).body, /用户\d+（clerk）/, 'staff see who did what');

  // 2026 清明: 4–6 April off, so 1 → 7 April counts 2, 3 and 7 April.
  // Supervision: the second entry is past its planned time at year end; the first was published without its steps.
  assert.equal((await clerk.post(`${page}/stage`, { stage: 'published' }, page)).statusCode, 303);
  const ind = (await unitIndicators(h.db, { id: zjj.id, slug: 'zjj', level: 'city' }, buildCalendar(), '2026-12-31')).find((i) => i.key === 'major_decisions')!;
  assert.deepEqual(ind.findings.map((f) => f.detail).sort(), [
    '合法性审查时间为3个工作日，少于7个工作日',
    '已公布，但未完成法定程序：专家论证、听证、合法性审查、集体讨论决定',
    '已过计划决策时间（2026-06-30）仍未公布',
  ]);

  // Removal keeps the entry, with its reason; a later revision must say what changed; earlier revisions stay.
  const second = (await h.db.query<{ id: number }>(`SELECT id::int FROM decision_entries WHERE code = 'JC-2026-002'`)).rows[0].id;
  const noReason = await clerk.post(`/staff/decisions/${second}/remove`, { removeReason: ' ' }, `/staff/decisions/${second}`);
  assert.equal(noReason.statusCode, 400);
  assert.equal((await clerk.post(`/staff/decisions/${second}/remove`, { removeReason: '改由区政府决策' }, `/staff/decisions/${second}`)).statusCode, 303);
  const noNote = await head.post('/staff/decisions/publish', { unitId: String(zjj.id), year: '2026', note: '' }, '/staff/decisions');
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /请写明调整说明/);
  // The revision can also be published in a column of the unit's 法定主动公开内容, as an item that goes through review.
  const column = (await sectionsForUnit(h.db, { id: zjj.id, level: 'city', kind: 'department' })).find((x) => x.enabled && x.group === 'proactive')!;
  const notAColumn = await head.post('/staff/decisions/publish', { unitId: String(zjj.id), year: '2026', note: '移除', sectionCode: 'guide' }, '/staff/decisions');
  assert.equal(notAColumn.statusCode, 400);
  assert.match(notAColumn.body, /请选择本单位开设的法定主动公开内容栏目/);
  assert.equal((await h.db.query('SELECT 1 FROM decision_catalogue_revisions')).rows.length, 1, 'nothing written');
  const v2Post = await head.post(
    '/staff/decisions/publish',
    { unitId: String(zjj.id), year: '2026', note: '移除JC-2026-002，改由区政府决策。', sectionCode: column.code },
    '/staff/decisions',
  );
  assert.equal(v2Post.statusCode, 303);
  const catItem = Number(/\/staff\/items\/(\d+)/.exec(v2Post.headers.location as string)![1]);
  const catItemRow = (
    await h.db.query<{ title: string; section_code: string; body_html: string }>('SELECT title, section_code, body_html FROM item_versions WHERE item_id = $1', [catItem])
  ).rows[0];
  assert.equal(catItemRow.title, '示范市住房和城乡建设局2026年度重大行政决策事项目录（第2版）');
  assert.equal(catItemRow.section_code, column.code);
  assert.match(catItemRow.body_html, /<td>JC-2026-001<\/td><td>示范市城市停车设施收费管理办法<\/td>/);
  const v2 = (await citizen.get('/hdjl/jcml/zjj/2026')).body;
  assert.match(v2, /调整说明：移除JC-2026-002/);
  assert.doesNotMatch(v2, /加装电梯/);
  const v1 = (await citizen.get('/hdjl/jcml/zjj/2026?revision=1')).body;
  assert.match(v1, /这是历史版本/);
  assert.match(v1, /加装电梯/);
  assert.match((await citizen.get(`/hdjl/jcml/sx/${second}`)).body, /本事项已从目录中移除：改由区政府决策/);
  assert.equal((await citizen.get('/hdjl/jcml/zjj/2026?revision=9')).statusCode, 404);
  assert.equal((await citizen.get('/hdjl/jcml/zjj/20x6')).statusCode, 404);
  assert.ok((await h.db.query(`SELECT 1 FROM audit_log WHERE action LIKE 'decision.%'`)).rows.length >= 6, 'every step audited');
});

test('meetings and hearings: announced, applied for without an account, handled by staff, counted per half-year', async (t) => {
  const h = await makeTestApp({ now: '2026-07-01T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  await makeUser(h.db, city.id, ['publisher'], { username: 'clerk' });
  const clerk = new Browser(h.app);
  await clerk.login('clerk');
  const citizen = new Browser(h.app);
  const form = {
    unitId: String(city.id),
    kind: 'hearing',
    title: '示范市城市停车设施收费标准听证会',
    heldOn: '2026-07-20',
    startsAt: '09:30',
    place: '市民中心三楼会议室',
    agenda: '停车收费标准调整方案',
    howToApply: '7月10日前在本页报名，说明与议题的关系。',
    applyUntil: '2026-07-10',
    seats: '10',
    materialsSentOn: '',
    participants: '',
    stakeholders: '',
  };
  const bad = await clerk.post('/staff/meetings/new', { ...form, startsAt: '9点半', applyUntil: '2026-08-01', stakeholders: '-1' }, '/staff/meetings/new');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /时间请按“09:30”填写/);
  assert.match(bad.body, /报名截止日期不能晚于会议日期/);
  assert.match(bad.body, /请填写人数/);
  assert.equal((await h.db.query('SELECT 1 FROM meetings')).rows.length, 0);
  const created = await clerk.post('/staff/meetings/new', form, '/staff/meetings/new');
  const id = Number(/\/staff\/meetings\/(\d+)/.exec(created.headers.location as string)![1]);
  assert.equal((await citizen.get(`/hdjl/hy/${id}`)).statusCode, 404, 'drafts are not public');
  assert.equal((await clerk.post(`/staff/meetings/${id}/publish`, {}, `/staff/meetings/${id}`)).statusCode, 303);

  // A department holds a hearing on its government's decision, but only once that entry is public: an id of a
  // draft entry answers like a missing one.
  const dept = await makeUnit(h.db, { parentId: city.id, slug: 'fgw', code: '990100030', name: '示范市发展和改革委员会', kind: 'department' });
  await makeUser(h.db, dept.id, ['publisher'], { username: 'deptclerk' });
  const deptClerk = new Browser(h.app);
  await deptClerk.login('deptclerk');
  const entryId = await saveDecisionEntry(h.db, { kind: 'system', label: 'test' }, h.clock.now(), {
    unitId: city.id,
    year: 2026,
    title: '调整停车收费标准',
    leadUnit: '市发改委',
    plannedOn: '2026-12-31',
    summary: '',
    required: [],
    doneOn: {},
    legalityFrom: '',
    legalityTo: '',
    decidedOn: '',
    consultationId: '',
    decisionItemRef: '',
    interpretationItemRef: '',
  });
  const deptForm = { ...form, unitId: String(dept.id), kind: 'open_meeting', title: '停车收费座谈会', decisionEntryId: String(entryId) };
  assert.doesNotMatch((await deptClerk.get('/staff/meetings/new')).body, /调整停车收费标准/, 'a draft entry is not offered');
  const hidden = await deptClerk.post('/staff/meetings/new', deptForm, '/staff/meetings/new');
  assert.equal(hidden.statusCode, 400);
  assert.match(hidden.body, /请选择本单位或上级政府的决策事项/);
  await publishDecisionCatalogue(h.db, { kind: 'system', label: 'test' }, h.clock.now(), city.id, 2026, '');
  assert.match((await deptClerk.get('/staff/meetings/new')).body, /JC-2026-001 调整停车收费标准/);
  assert.equal((await deptClerk.post('/staff/meetings/new', deptForm, '/staff/meetings/new')).statusCode, 303);
  assert.match((await clerk.get(`/staff/meetings/${id}`)).body, /未公布听证参加人名单/);

  const list = (await citizen.get('/hdjl/hy')).body;
  assert.match(list, /即将召开<\/h2><ul class="item-list"><li><a href="\/hdjl\/hy\/\d+">示范市城市停车设施收费标准听证会/);
  const missing = await citizen.post(`/hdjl/hy/${id}/apply`, { name: '王某', contact: '', role: 'stakeholder', reason: '住在老城区' }, `/hdjl/hy/${id}`);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /请填写联系电话或电子邮箱/);
  assert.match(missing.body, /住在老城区/);
  const ok = await citizen.post(`/hdjl/hy/${id}/apply`, { name: '王某', contact: '13800000000', role: 'stakeholder', reason: '住在老城区' }, `/hdjl/hy/${id}`);
  assert.equal(ok.statusCode, 303);
  assert.doesNotMatch((await citizen.get(`/hdjl/hy/${id}`)).body, /13800000000/, 'contacts are never shown');

  const appId = (await h.db.query<{ id: string }>('SELECT id FROM meeting_applications')).rows[0].id;
  assert.match((await clerk.get('/staff')).body, /<span class="count">1<\/span><span class="label">待处理的会议列席报名/, 'the workbench counts it');
  const page = `/staff/meetings/${id}`;
  assert.match((await clerk.get(page)).body, /13800000000/);
  const noReason = await clerk.post(`${page}/applications`, { ids: [appId], status: 'declined', answer: '' }, page);
  assert.equal(noReason.statusCode, 400);
  assert.equal((await clerk.post(`${page}/applications`, { ids: [appId, 'x'], status: 'accepted', answer: '请7月20日9:00到场' }, page)).statusCode, 303);
  assert.equal((await h.db.query<{ status: string }>('SELECT status FROM meeting_applications')).rows[0].status, 'accepted');

  // After the closing day: no form, and a post is refused on the page.
  h.clock.advanceMs(10 * 86400_000);
  // The form is gone from the page; a post from a page kept open is refused.
  const late = await citizen.post(`/hdjl/hy/${id}/apply`, { name: '赵某', contact: 'z@example.cn', role: 'media' }, '/ysqgk/apply');
  assert.equal(late.statusCode, 409);
  assert.match(late.body, /现在不接受列席报名/);

  // Materials sent late and the attendance recorded after the day.
  await clerk.login('clerk');
  const after = { ...form, materialsSentOn: '2026-07-15', participants: '王某（市民代表）\n示范停车管理有限公司', stakeholders: '3', publicReps: '2', media: '1' };
  assert.equal((await clerk.post(`${page}/edit`, after, `${page}/edit`)).statusCode, 303);
  assert.match((await clerk.get(page)).body, /听证材料于2026-07-15送达，晚于听证会7日前（2026-07-13）/);
  const shown = (await citizen.get(`/hdjl/hy/${id}`)).body;
  assert.match(shown, /听证参加人名单/);
  assert.match(shown, /利益相关方3人，公众代表2人，专家0人，媒体1家/);

  // Half-years: none in the first half of 2026 is a finding; the July hearing with attendance meets the rule.
  const ind = (await unitIndicators(h.db, { id: city.id, slug: 'city', level: 'city' }, buildCalendar(), '2026-12-31', { openMeetingsPerHalfYear: 1 })).find(
    (i) => i.key === 'open_meetings',
  )!;
  assert.deepEqual(
    ind.findings.map((f) => f.detail),
    ['2026年上半年邀请列席的会议0次，少于1次'],
  );
  assert.match((await clerk.get('/staff/meetings')).body, /2026年上半年<\/td><td>0<\/td><td>未达到要求/);
  // The annual report's narrative counts the meeting and who attended.
  const facts = await participationFacts(h.db, city.id, 2026);
  assert.deepEqual([facts.meetings, facts.attendees, facts.consultations, facts.decisions], [1, 6, 0, 1]);
  assert.match(participationSentence(facts), /邀请利益相关方、公众代表、专家和媒体列席会议1次、6人次/);
});
