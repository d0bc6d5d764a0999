/**
 * Demo entries of the knowledge base (written for the demo): common questions of the bureaus that receive the most
 * messages, each resting on the bureau's latest published item, published through review.
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { approveEntry, recordResponse, registerIncident, saveConcern, saveEntry, submitEntry } from '../../../src/modules/answers/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

const DEMO: { unit: string; question: string; variants: string[]; answer: string; answerClass: 'instant' | 'short' | 'timed'; catalogueKeys?: string[] }[] = [
  {
    unit: 'edu',
    question: '随迁子女怎样申请义务教育学位？',
    variants: ['外地户口孩子上学要准备什么', '非本地户籍小孩读小学需要啥证件', '随迁子女入学条件'],
    answer: '随迁子女入学实行网上申请、按片区安排。监护人须持有本市居住证，并提供房屋租赁合同或房产证、户口簿。\n具体时间和材料以当年招生公告为准。',
    answerClass: 'instant',
  },
  {
    unit: 'edu',
    question: '对学校安排有异议向哪里反映？',
    variants: ['学校分配不满意怎么办', '入学派位有意见找谁'],
    answer: '可在招生结果公布后5个工作日内向区教育局招生办公室书面反映，教育局在10个工作日内答复。',
    answerClass: 'short',
  },
  {
    unit: 'housing',
    question: '老旧小区加装电梯需要什么条件？',
    variants: ['旧楼装电梯怎么申请', '加装电梯要多少业主同意'],
    answer: '须经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主同意，由业主代表向所在街道提交申请。符合条件的项目可申请财政补助。',
    answerClass: 'instant',
  },
  {
    unit: 'housing',
    question: '物业服务不到位可以向哪里投诉？',
    variants: ['物业不作为怎么办', '小区物业不管事找谁'],
    answer: '可先向业主委员会反映；仍未解决的，向所在街道物业管理部门投诉，或拨打12345热线，由住建部门转办并限时答复。',
    answerClass: 'timed',
  },
  {
    unit: 'hrss',
    question: '灵活就业人员怎样参加养老保险？',
    variants: ['个体户怎么交社保', '自由职业者如何缴纳养老保险'],
    answer: '灵活就业人员可通过“示范市人社”小程序办理参保登记和缴费，不受户籍限制，缴费基数可在规定范围内自选。',
    answerClass: 'instant',
  },
  {
    // Filed under the town's published 社会救助 catalogue (demo catalogues), so its catalogue page lists it.
    unit: 'town_a',
    question: '低保金每月什么时候发放？',
    variants: ['低保的钱几号到账', '最低生活保障金发放时间'],
    answer: '低保金按月发放，每月10日前打入保障对象的社会保障卡账户；每月发放的户数、人数和金额在本镇“低保资金发放情况”中公布。',
    answerClass: 'instant',
    catalogueKeys: ['14|最低生活保障｜低保资金发放情况'],
  },
];

export async function seedDemoAnswers(db: Db, units: Map<string, number>, now: Date): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  const ids: { id: number; unit: string; source?: number }[] = [];
  const reviewBy = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  for (const d of DEMO) {
    const unitId = units.get(d.unit)!;
    // The bureau's latest published item is the source the answer rests on.
    const src = (
      await db.query<{ id: number }>(`SELECT id FROM information_items WHERE unit_id = $1 AND status = 'published' AND validity = 'current' ORDER BY id DESC LIMIT 1`, [unitId])
    ).rows[0];
    const timed = d.answerClass === 'timed';
    const id = await saveEntry(
      db,
      SYSTEM,
      { now, today },
      {
        unitId,
        question: d.question,
        variants: d.variants,
        answer: d.answer,
        answerClass: d.answerClass,
        handoverUnitId: timed ? unitId : null,
        handoverDays: timed ? 5 : null,
        topic: '',
        reviewBy,
        sources: src ? [String(src.id)] : [],
        catalogueKeys: d.catalogueKeys,
      },
    );
    await submitEntry(db, SYSTEM, now, id);
    await approveEntry(db, SYSTEM, now, id);
    ids.push({ id, unit: d.unit, source: src?.id });
  }
  // The city's concern list: each concern answered by its bureau's answers and current items.
  const areas = (await db.query<{ code: string; name: string }>('SELECT code, name FROM catalogue_areas ORDER BY sort')).rows;
  const area = (word: string) => areas.find((a) => a.name.includes(word))?.code ?? '';
  for (const [title, description, unit, word] of CONCERNS) {
    const mine = ids.filter((x) => x.unit === unit);
    await saveConcern(db, SYSTEM, now, {
      unitId: units.get('city')!,
      areaCode: area(word),
      title,
      description,
      responsibleUnitIds: [units.get(unit)!],
      contact: '12345政务服务便民热线',
      items: mine
        .map((x) => x.source)
        .filter((x): x is number => !!x)
        .map(String),
      answerIds: mine.map((x) => x.id),
    });
  }
  // One public-opinion incident of the year, answered in time and closed.
  const surfaced = '2026-11-12T08:20';
  const incident = await registerIncident(db, SYSTEM, new Date('2026-11-12T06:00:00Z'), {
    unitId: units.get('city')!,
    title: '网传城东片区学校秋季学位不足',
    description: '社交媒体传言城东片区今年秋季学位缺口上千个。',
    severity: 'other',
    surfacedAt: surfaced,
    responsibleUnitIds: [units.get('edu')!],
  });
  const eduItem = ids.find((x) => x.unit === 'edu')?.source;
  if (eduItem)
    await recordResponse(db, SYSTEM, new Date('2026-11-13T06:00:00Z'), incident, {
      kind: 'response',
      givenAt: '2026-11-13T10:00',
      itemRef: String(eduItem),
      note: '市教育局答记者问',
    });
  return DEMO.length;
}

const CONCERNS: [string, string, string, string][] = [
  ['随迁子女入学', '外地户籍子女在本市上学的条件、材料和流程', 'edu', '教育'],
  ['老旧小区改造和加装电梯', '加装电梯的条件、申请和补助，物业服务投诉', 'housing', '住房'],
  ['灵活就业人员社会保险', '个体户、自由职业者参加养老保险的办法', 'hrss', '社会保障'],
];
