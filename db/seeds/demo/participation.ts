/**
 * Demo decision catalogues, meetings and a survey, through the real commands: 市政府's 2026 catalogue in two revisions
 * (one entry decided with its consultation, one in consultation, one added mid-year), 市住建局's catalogue, an open
 * meeting held with stakeholders attending, an upcoming hearing taking applications, and a closed survey with 60
 * answers and published results. Names and answers are written for the demo.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { publishDecisionCatalogue, saveDecisionEntry, advanceDecisionStage, type DecisionEntryInput } from '../../../src/modules/participation/commands/decisions.ts';
import { publishMeeting, saveMeeting, applyToAttend, type MeetingInput } from '../../../src/modules/participation/commands/meetings.ts';
import { addQuestion, publishResults, publishSurvey, saveSurvey, submitResponse } from '../../../src/modules/participation/commands/surveys.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };
const at = (day: string) => new Date(`${day}T02:00:00Z`);

async function consultationId(db: Db, title: string): Promise<string> {
  return (await db.query<{ id: string }>('SELECT id::text FROM consultations WHERE title = $1', [title])).rows[0]?.id ?? '';
}

const entry = (over: Partial<DecisionEntryInput>): DecisionEntryInput => ({
  unitId: 0,
  year: 2026,
  title: '',
  leadUnit: '',
  plannedOn: '',
  summary: '',
  required: ['public_participation'],
  doneOn: {},
  legalityFrom: '',
  legalityTo: '',
  decidedOn: '',
  consultationId: '',
  decisionItemRef: '',
  interpretationItemRef: '',
  ...over,
});

export async function seedDemoDecisions(db: Db, units: { city: number; housing: number }): Promise<number> {
  const dogs = await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-02-05'),
    entry({
      unitId: units.city,
      title: '制定《示范市养犬管理规定》',
      leadUnit: '示范市公安局',
      plannedOn: '2026-06-30',
      summary: '规范养犬行为，解决犬只伤人、扰民问题。依据《重大行政决策程序暂行条例》。',
      required: ['public_participation', 'expert_review', 'risk_assessment'],
    }),
  );
  const parking = await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-02-05'),
    entry({
      unitId: units.city,
      title: '调整中心城区机动车停放服务收费标准',
      leadUnit: '示范市住房和城乡建设局、示范市发展和改革委员会',
      plannedOn: '2026-12-31',
      summary: '按区域、时段实行差别化收费，缓解中心城区停车难。涉及群众切身利益，须举行听证。',
      required: ['public_participation', 'expert_review', 'risk_assessment', 'hearing', 'fair_competition'],
    }),
  );
  await publishDecisionCatalogue(db, SYSTEM, at('2026-02-10'), units.city, 2026, '');

  // The dogs decision went through every step, with its consultation and a legality review of 9 working days.
  await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-06-20'),
    entry({
      unitId: units.city,
      title: '制定《示范市养犬管理规定》',
      leadUnit: '示范市公安局',
      plannedOn: '2026-06-30',
      summary: '规范养犬行为，解决犬只伤人、扰民问题。依据《重大行政决策程序暂行条例》。',
      required: ['public_participation', 'expert_review', 'risk_assessment'],
      doneOn: { public_participation: '2026-04-30', expert_review: '2026-05-08', risk_assessment: '2026-05-12', legality_review: '2026-05-27', collective_decision: '2026-06-18' },
      legalityFrom: '2026-05-14',
      legalityTo: '2026-05-27',
      decidedOn: '2026-06-18',
      consultationId: await consultationId(db, '示范市养犬管理规定（征求意见稿）'),
    }),
    dogs,
  );
  for (const [stage, day] of [
    ['consulting', '2026-04-01'],
    ['legality_review', '2026-05-14'],
    ['collective_decision', '2026-06-18'],
    ['published', '2026-06-20'],
  ] as const)
    await advanceDecisionStage(db, SYSTEM, at(day), dogs, stage, '');
  await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-11-02'),
    entry({
      unitId: units.city,
      title: '调整中心城区机动车停放服务收费标准',
      leadUnit: '示范市住房和城乡建设局、示范市发展和改革委员会',
      plannedOn: '2026-12-31',
      summary: '按区域、时段实行差别化收费，缓解中心城区停车难。涉及群众切身利益，须举行听证。',
      required: ['public_participation', 'expert_review', 'risk_assessment', 'hearing', 'fair_competition'],
      consultationId: await consultationId(db, '示范市机动车停放服务收费管理办法（征求意见稿）'),
    }),
    parking,
  );
  await advanceDecisionStage(db, SYSTEM, at('2026-11-02'), parking, 'consulting', '征求意见稿已公布');
  await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-07-01'),
    entry({
      unitId: units.city,
      title: '编制《示范市养老服务体系建设规划（2026—2030年）》',
      leadUnit: '示范市民政局',
      plannedOn: '2026-12-20',
      required: ['public_participation', 'expert_review'],
    }),
  );
  await publishDecisionCatalogue(db, SYSTEM, at('2026-07-03'), units.city, 2026, '增加“编制《示范市养老服务体系建设规划（2026—2030年）》”一项，经市委同意。');

  const lift = await saveDecisionEntry(
    db,
    SYSTEM,
    at('2026-03-01'),
    entry({
      unitId: units.housing,
      title: '出台《示范市既有住宅加装电梯财政补贴办法》',
      leadUnit: '示范市住房和城乡建设局',
      plannedOn: '2026-12-15',
      required: ['public_participation', 'risk_assessment', 'fair_competition'],
      doneOn: { public_participation: '2026-09-30' },
      legalityFrom: '2026-11-20',
    }),
  );
  await advanceDecisionStage(db, SYSTEM, at('2026-11-20'), lift, 'legality_review', '已送市司法局审查');
  await publishDecisionCatalogue(db, SYSTEM, at('2026-03-05'), units.housing, 2026, '');
  return 4;
}

const meeting = (over: Partial<MeetingInput>): MeetingInput => ({
  unitId: 0,
  kind: 'open_meeting',
  title: '',
  heldOn: '',
  startsAt: '',
  place: '',
  agenda: '',
  howToApply: '',
  applyUntil: '',
  seats: '',
  materialsSentOn: '',
  participants: '',
  stakeholders: '',
  publicReps: '',
  experts: '',
  media: '',
  attendingOrgs: '',
  minutesHtml: '',
  videoUrl: '',
  decisionEntryId: '',
  ...over,
});

export async function seedDemoMeetings(db: Db, units: { city: number }): Promise<number> {
  const held = await saveMeeting(
    db,
    SYSTEM,
    at('2026-06-18'),
    meeting({
      unitId: units.city,
      title: '示范市人民政府第23次常务会议',
      heldOn: '2026-06-18',
      startsAt: '09:00',
      place: '市政府第一会议室',
      agenda: '审议《示范市养犬管理规定（草案）》\n研究城区老旧小区改造年度计划',
      stakeholders: '3',
      publicReps: '2',
      experts: '1',
      media: '2',
      attendingOrgs: '养犬人代表2名，物业服务企业代表1名，市人大代表、市政协委员各1名，市动物疫病预防控制中心专家1名，示范日报、示范广播电视台记者',
      minutesHtml: '<p>会议审议并原则通过《示范市养犬管理规定（草案）》，要求根据列席代表意见，进一步明确束犬链长度和登记年检方式，修改后公布施行。</p>',
    }),
  );
  await publishMeeting(db, SYSTEM, at('2026-06-10'), held);
  const parking = (await db.query<{ id: string }>(`SELECT id::text FROM decision_entries WHERE title LIKE '调整中心城区%'`)).rows[0]?.id ?? '';
  const hearing = await saveMeeting(
    db,
    SYSTEM,
    at('2026-11-16'),
    meeting({
      unitId: units.city,
      kind: 'hearing',
      title: '中心城区机动车停放服务收费标准调整听证会',
      heldOn: '2026-12-15',
      startsAt: '14:30',
      place: '示范市民中心三楼报告厅',
      agenda: '中心城区道路临时停车泊位收费标准调整方案（含首30分钟免费、按区域分三类）',
      howToApply: '旁听报名：12月10日前在本页报名，写明与议题的关系。名额有限，按报名先后并兼顾各方面代表安排。',
      applyUntil: '2026-12-10',
      seats: '20',
      participants: '消费者代表：王建华、李秀英、张伟（市民）\n经营者代表：示范停车管理有限公司\n专家：示范大学经济学院 陈教授\n有关部门：市发展和改革委员会、市住房和城乡建设局',
      decisionEntryId: parking,
    }),
  );
  await publishMeeting(db, SYSTEM, at('2026-11-16'), hearing);
  await applyToAttend(db, at('2026-11-20'), '2026-11-20', hearing, {
    name: '赵志强',
    organisation: '',
    contact: '13900000001',
    role: 'public_rep',
    reason: '住在人民路，每天路边停车。',
  });
  return 2;
}

export async function seedDemoSurvey(db: Db, units: { city: number }): Promise<number> {
  // The demo's answers are keyed with a secret of their own, thrown away: nobody answers this closed survey again.
  const secret = randomBytes(32).toString('hex');
  const id = await saveSurvey(db, SYSTEM, at('2026-08-25'), {
    unitId: units.city,
    title: '中心城区停车状况问卷调查',
    intro: '为做好停车收费标准调整工作，了解市民停车需求和意见，请您花两分钟填写。',
    opensOn: '2026-09-01',
    closesOn: '2026-09-30',
    anonymous: true,
    onePerPerson: true,
    methodNote: '网上公开调查，市民自愿参与，每个手机号限答一次。结果反映参与者的意见，不代表全体市民。',
  });
  const blank = { required: false, options: '', rows: '', scaleMax: '', min: '', max: '', showIfQuestion: '', showIfValues: '' };
  const q1 = await addQuestion(db, SYSTEM, at('2026-08-25'), id, {
    ...blank,
    kind: 'single',
    label: '您进入中心城区主要的出行方式',
    required: true,
    options: '自驾车\n公交或地铁\n电动自行车\n步行',
  });
  const q2 = await addQuestion(db, SYSTEM, at('2026-08-25'), id, {
    ...blank,
    kind: 'number',
    label: '您每月在中心城区的停车费（元）',
    required: true,
    min: '0',
    max: '5000',
    showIfQuestion: String(q1),
    showIfValues: '自驾车',
  });
  const q3 = await addQuestion(db, SYSTEM, at('2026-08-25'), id, {
    ...blank,
    kind: 'multiple',
    label: '您认为停车方面最突出的问题（可多选）',
    options: '车位少\n收费高\n占道停车\n找车位时间长',
  });
  const q4 = await addQuestion(db, SYSTEM, at('2026-08-25'), id, {
    ...blank,
    kind: 'scale',
    label: '您对中心城区停车便利程度的满意度',
    required: true,
    scaleMax: '5',
    options: '很不满意\n很满意',
  });
  const q5 = await addQuestion(db, SYSTEM, at('2026-08-25'), id, { ...blank, kind: 'text', label: '您的其他意见和建议' });
  await publishSurvey(db, SYSTEM, at('2026-08-28'), '2026-08-28', id);
  const modes = ['自驾车', '公交或地铁', '电动自行车', '步行'];
  const problems = ['车位少', '收费高', '占道停车', '找车位时间长'];
  const ideas = ['建议在医院、学校周边增设限时停车位。', '希望夜间路边停车免费。', '老旧小区周边可以错时共享机关单位车位。'];
  for (let i = 0; i < 60; i++) {
    const mode = modes[[0, 0, 1, 0, 2, 1, 0, 3][i % 8]];
    const body: Record<string, unknown> = { [`q${q1}`]: mode, [`q${q4}`]: String([2, 3, 2, 4, 1, 3, 5, 2, 3][i % 9]), [`q${q3}`]: problems.filter((_, k) => (i + k) % 3 !== 0) };
    if (mode === '自驾车') body[`q${q2}`] = String(100 + ((i * 37) % 400));
    if (i % 7 === 0) body[`q${q5}`] = ideas[i % ideas.length];
    await submitResponse(
      db,
      { now: at(`2026-09-${String(1 + (i % 28)).padStart(2, '0')}`), today: `2026-09-${String(1 + (i % 28)).padStart(2, '0')}`, secret, maxUploadBytes: 1 },
      id,
      {
        body,
        files: [],
        name: '',
        contact: `1390000${String(1000 + i)}`,
      },
    );
  }
  await publishResults(
    db,
    SYSTEM,
    at('2026-10-09'),
    '2026-10-09',
    id,
    '多数参与者认为中心城区车位少、找车位时间长；自驾车主每月停车费多在100至500元之间。调查结果已作为停车收费标准调整方案的参考。',
  );
  return 60;
}
