/**
 * A citizen on a phone without JavaScript reads the decision catalogue and an entry's steps, applies to attend a
 * hearing, and answers a survey with a conditional question; after the close he reads the results. Staff screens of
 * the catalogue, meetings and surveys. axe on every page, the error states and the 大字版.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startE2E, expectNoAxeViolations } from '../support/env.ts';
import { LoginPage } from '../pages/staff-item-page.ts';
import { makeUnit, makeUser, TEST_PASSWORD } from '../../src/testing/factories.ts';
import { publishDecisionCatalogue, saveDecisionEntry } from '../../src/modules/participation/commands/decisions.ts';
import { publishMeeting, saveMeeting } from '../../src/modules/participation/commands/meetings.ts';
import { addQuestion, publishResults, publishSurvey, saveSurvey } from '../../src/modules/participation/commands/surveys.ts';

const system = { kind: 'system' as const, label: 'test' };
const blankQ = { required: false, options: '', rows: '', scaleMax: '', min: '', max: '', showIfQuestion: '', showIfValues: '' };

test('a citizen reads the decision catalogue, applies to a hearing and answers a survey on a phone; staff screens', async (t) => {
  const e = await startE2E(t, { now: '2026-09-01T02:00:00Z' });
  const db = e.h.db;
  const now = e.h.clock.now();
  const city = await makeUnit(db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const head = await makeUser(db, city.id, ['office_admin']);
  const entryId = await saveDecisionEntry(db, system, now, {
    unitId: city.id,
    year: 2026,
    title: '调整中心城区机动车停放服务收费标准',
    leadUnit: '示范市住房和城乡建设局',
    plannedOn: '2026-12-31',
    summary: '按区域、时段实行差别化收费。',
    required: ['public_participation', 'hearing'],
    doneOn: { public_participation: '2026-08-20' },
    legalityFrom: '',
    legalityTo: '',
    decidedOn: '',
    consultationId: '',
    decisionItemRef: '',
    interpretationItemRef: '',
  });
  await publishDecisionCatalogue(db, system, now, city.id, 2026, '');
  const meetingBase = {
    unitId: city.id,
    startsAt: '14:30',
    seats: '20',
    materialsSentOn: '',
    stakeholders: '',
    publicReps: '',
    experts: '',
    media: '',
    attendingOrgs: '',
    minutesHtml: '',
    videoUrl: '',
  };
  const hearing = await saveMeeting(db, system, now, {
    ...meetingBase,
    kind: 'hearing',
    title: '中心城区停车收费标准调整听证会',
    heldOn: '2026-09-25',
    place: '市民中心三楼报告厅',
    agenda: '停车收费标准调整方案',
    howToApply: '9月15日前在本页报名。',
    applyUntil: '2026-09-15',
    participants: '消费者代表：王建华、李秀英\n经营者代表：示范停车管理有限公司',
    decisionEntryId: String(entryId),
  });
  await publishMeeting(db, system, now, hearing);
  const survey = await saveSurvey(db, system, now, {
    unitId: city.id,
    title: '中心城区停车状况问卷调查',
    intro: '了解市民停车需求。',
    opensOn: '2026-09-01',
    closesOn: '2026-09-30',
    anonymous: true,
    onePerPerson: true,
    methodNote: '网上公开调查，自愿参与。',
  });
  const q1 = await addQuestion(db, system, now, survey, { ...blankQ, kind: 'single', label: '您进入中心城区主要的出行方式', required: true, options: '自驾车\n公交或地铁\n步行' });
  await addQuestion(db, system, now, survey, {
    ...blankQ,
    kind: 'number',
    label: '每月停车费（元）',
    required: true,
    min: '0',
    max: '5000',
    showIfQuestion: String(q1),
    showIfValues: '自驾车',
  });
  await addQuestion(db, system, now, survey, { ...blankQ, kind: 'scale', label: '停车便利程度满意度', required: true, scaleMax: '5', options: '很不满意\n很满意' });
  await addQuestion(db, system, now, survey, { ...blankQ, kind: 'matrix', label: '各场所停车难易', options: '容易\n一般\n困难', rows: '医院\n商场' });
  await addQuestion(db, system, now, survey, { ...blankQ, kind: 'ranking', label: '最希望解决的问题', options: '车位少\n收费高\n占道' });
  await publishSurvey(db, system, now, '2026-09-01', survey);

  // The citizen, on a phone, without JavaScript.
  const pc = await e.newContext({ phone: true, javaScriptEnabled: false });
  const p = await pc.newPage();
  await p.goto('/hdjl/yjzj');
  await p.getByRole('link', { name: '重大行政决策事项目录' }).click();
  await p.getByRole('link', { name: /示范市人民政府 2026年度/ }).click();
  await p.getByRole('link', { name: '调整中心城区机动车停放服务收费标准' }).click();
  assert.match(await p.locator('table.data').innerText(), /公众参与\s+2026-08-20 完成[\s\S]*听证\s+未完成/);
  await p.getByRole('link', { name: '中心城区停车收费标准调整听证会' }).click();
  assert.match(await p.locator('main').innerText(), /听证参加人名单[\s\S]*示范停车管理有限公司/);
  await p.getByRole('button', { name: '提交报名' }).click();
  await p.getByRole('alert').waitFor();
  assert.match(await p.getByRole('alert').innerText(), /请填写姓名/);
  await p.getByLabel(/^姓名/).fill('赵志强');
  await p.getByLabel(/^手机号或电子邮箱/).fill('13900000001');
  await p.getByLabel(/^列席身份/).selectOption('public_rep');
  await p.getByRole('button', { name: '提交报名' }).click();
  assert.match(await p.getByRole('status').first().innerText(), /报名已提交，编号 \d+/);

  await p.goto('/hdjl/wjdc');
  await p.getByRole('link', { name: '中心城区停车状况问卷调查' }).click();
  await p.getByRole('button', { name: '提交' }).click();
  await p.getByRole('alert').waitFor();
  assert.match(await p.getByRole('alert').innerText(), /请回答此题/);
  await p.getByLabel('自驾车').check();
  await p.getByLabel('每月停车费（元）').fill('300');
  await p.getByLabel(/^4/).check();
  await p.getByRole('group', { name: '医院' }).getByLabel('困难').check();
  await p.getByLabel('车位少').selectOption('1');
  await p.getByLabel('收费高').selectOption('3');
  await p.getByLabel('占道').selectOption('2');
  await p.getByLabel(/^手机号或电子邮箱/).fill('13900000002');
  await p.screenshot({ path: '/tmp/gk-survey-phone.png', fullPage: true }).catch(() => undefined);
  await p.getByRole('button', { name: '提交' }).click();
  assert.match(await p.getByRole('status').first().innerText(), /问卷已提交/);

  // axe needs script: the same pages and error states on a phone with JavaScript.
  const ac = await e.newContext({ phone: true });
  const a = await ac.newPage();
  for (const path of ['/hdjl/jcml', '/hdjl/jcml/city/2026', `/hdjl/jcml/sx/${entryId}`, '/hdjl/hy', `/hdjl/hy/${hearing}`, '/hdjl/wjdc', `/hdjl/wjdc/${survey}`]) {
    await a.goto(path);
    await expectNoAxeViolations(a);
  }
  await a.getByRole('button', { name: '提交' }).click();
  await a.getByRole('alert').waitFor();
  await expectNoAxeViolations(a);
  await a.goto(`/hdjl/hy/${hearing}`);
  await a.getByRole('button', { name: '提交报名' }).click();
  await a.getByRole('alert').waitFor();
  await expectNoAxeViolations(a);

  // Staff screens.
  const sc = await e.newContext();
  const s = await sc.newPage();
  await new LoginPage(s).signIn(head.username, TEST_PASSWORD);
  for (const path of [
    '/staff/decisions',
    `/staff/decisions/${entryId}`,
    `/staff/decisions/${entryId}/edit`,
    '/staff/meetings',
    `/staff/meetings/${hearing}`,
    '/staff/surveys',
    `/staff/surveys/${survey}`,
  ]) {
    await s.goto(path);
    await expectNoAxeViolations(s);
  }
  await s.goto(`/staff/meetings/${hearing}`);
  assert.match(await s.locator('main').innerText(), /赵志强[\s\S]*13900000001/);
  await s.screenshot({ path: '/tmp/gk-meeting-staff.png', fullPage: true }).catch(() => undefined);

  // After the close the office publishes the results; the citizen reads them with N and the method.
  e.h.clock.advanceMs(31 * 86400_000);
  await publishResults(db, system, e.h.clock.now(), '2026-10-02', survey, '多数参与者认为车位少。');
  await p.goto(`/hdjl/wjdc/${survey}`);
  assert.match(await p.locator('main').innerText(), /共收到有效问卷1份。调查方法：网上公开调查，自愿参与。/);
  await p.screenshot({ path: '/tmp/gk-survey-results-phone.png', fullPage: true }).catch(() => undefined);
  await pc.close();
  await a.goto(`/hdjl/wjdc/${survey}`);
  await expectNoAxeViolations(a);
  await a.goto(`/prefs?view=large&back=${encodeURIComponent(`/hdjl/wjdc/${survey}`)}`);
  await expectNoAxeViolations(a);
  await a.screenshot({ path: '/tmp/gk-survey-results-large.png', fullPage: true }).catch(() => undefined);
  await a.goto(`/hdjl/jcml/city/2026`);
  await expectNoAxeViolations(a);
  await ac.close();
  await sc.close();
});
