/**
 * Demo consultations, driven through the real commands: two finished ones with comments (copies included), every
 * comment disposed and the feedback published; one open now; one with a period under 30 days and its stated reason.
 * The comments are written for the demo in the way such comments read; no real person's words.
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { addDays, buildCalendar } from '../../../src/lib/calendar.ts';
import { chinaDate } from '../../../src/lib/clock.ts';
import { saveConsultation, publishConsultation } from '../../../src/modules/participation/commands/consultations.ts';
import { disposeComments, moderateComments, registerComment, submitComment } from '../../../src/modules/participation/commands/comments.ts';
import { generateFeedback } from '../../../src/modules/participation/commands/feedback.ts';
import type { ParticipationContext } from '../../../src/modules/participation/commands/common.ts';
import { transitionItem } from '../../../src/modules/publishing/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

const DOGS = [
  '示范市养犬管理规定（征求意见稿）',
  '第一条　为了规范养犬行为，保障公民健康和人身安全，维护市容环境和社会公共秩序，根据有关法律、法规，结合本市实际，制定本规定。',
  '第二条　本市行政区域内的养犬管理适用本规定。',
  '第三条　个人在重点管理区内养犬的，应当办理养犬登记，每年年检一次。',
  '第四条　携犬出户的，应当为犬只佩戴犬牌，束犬链，并由完全民事行为能力人牵领。',
  '第五条　禁止在重点管理区内饲养大型犬、烈性犬。具体品种目录由市公安机关会同农业农村部门制定并公布。',
];
const PARKING = [
  '示范市机动车停放服务收费管理办法（征求意见稿）',
  '第一条　为规范机动车停放服务收费行为，合理利用道路和停车资源，制定本办法。',
  '第二条　道路临时停车泊位实行政府定价，按区域、时段实行差别化收费。',
  '第三条　首30分钟内免费停放。',
  '第四条　停车收费标准每三年评估一次，评估结果向社会公布。',
];

const html = (lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('');

export async function seedDemoConsultations(db: Db, units: { city: number; housing: number; civil: number }): Promise<number> {
  const calendar = buildCalendar();
  const ctx = (day: string): ParticipationContext => ({ now: new Date(`${day}T02:00:00Z`), today: day, calendar, feedbackWorkingDays: 20 });
  const base = { explanationHtml: '', channels: ['website', 'letter', 'email'], publishComments: true };

  // 1. Finished: 养犬管理规定, with copies of one view and a letter.
  const dogs = await saveConsultation(db, SYSTEM, ctx('2026-04-01').now, {
    ...base,
    unitId: units.city,
    title: DOGS[0],
    draftHtml: html(DOGS),
    explanationHtml: '<p>近年来犬只伤人、扰民问题群众反映集中，现行规定已不适应管理需要。起草中听取了各区、动物防疫机构和养犬人代表的意见。</p>',
    legalBasis: '《重大行政决策程序暂行条例》第十四条、第十五条',
    contact: '示范市司法局立法处，地址：示范市人民路1号，邮编999000，电子邮箱 lfc@sf.example.gov.cn',
    opensOn: '2026-04-01',
    closesOn: '2026-04-30',
    shortenedReason: '',
  });
  await publishConsultation(db, SYSTEM, ctx('2026-04-01'), dogs);
  const yearly = '建议将养犬登记年检改为三年一次，减少群众跑腿，同时开通线上办理登记和年检。';
  const said: [string, string, string][] = [
    ['a3', yearly, '周建国'],
    ['a3', yearly.replace('。', '！'), ''],
    ['a3', yearly.replace('三年', '两年'), '陈'],
    ['a4', '建议明确“束犬链”的长度，比如不超过1.5米，便于执法。', '刘芳'],
    ['a5', '大型犬禁养目录应当公开征求兽医协会意见，并说明列入目录的理由。', '李明'],
    ['', '希望在小区附近设置犬只便溺收集点。', ''],
  ];
  const ids: number[] = [];
  for (const [clauseKey, body, name] of said) ids.push((await submitComment(db, ctx('2026-04-10'), dogs, { clauseKey, body, name, contact: '', consentPublish: true })).id);
  ids.push(
    (
      await registerComment(db, SYSTEM, ctx('2026-04-20'), dogs, {
        channel: 'letter',
        receivedOn: '2026-04-18',
        clauseKey: 'a3',
        body: '年检收费应当公开标准，不得搭车收费。',
        name: '王五',
        contact: '',
        consentPublish: false,
      })
    ).id,
  );
  await moderateComments(db, SYSTEM, ctx('2026-04-20').now, dogs, ids.slice(0, 6), 'published');
  const when = ctx('2026-05-08').now;
  await disposeComments(db, SYSTEM, when, dogs, ids.slice(0, 3), 'partly_adopted', '改为每年年检可在线办理；年检周期依据动物防疫法规定的免疫周期确定，不作调整。');
  await disposeComments(db, SYSTEM, when, dogs, [ids[3]], 'adopted', '');
  await disposeComments(db, SYSTEM, when, dogs, [ids[4]], 'adopted', '');
  await disposeComments(db, SYSTEM, when, dogs, [ids[5]], 'out_of_scope', '便溺收集点设置属于市容环境卫生管理，已转市城市管理局研究。');
  await disposeComments(db, SYSTEM, when, dogs, [ids[6]], 'adopted', '');
  const dogsFeedback = await generateFeedback(db, SYSTEM, ctx('2026-05-08'), dogs);
  for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, ctx('2026-05-12').now, dogsFeedback.itemId, n);

  // 2. Finished: 停车收费办法 of the housing bureau, with a view not adopted.
  const parking = await saveConsultation(db, SYSTEM, ctx('2026-06-01').now, {
    ...base,
    unitId: units.housing,
    title: PARKING[0],
    draftHtml: html(PARKING),
    legalBasis: '《中华人民共和国价格法》第二十三条',
    contact: '示范市住房和城乡建设局，电话 0999-12345678',
    opensOn: '2026-06-01',
    closesOn: '2026-06-30',
    shortenedReason: '',
  });
  await publishConsultation(db, SYSTEM, ctx('2026-06-01'), parking);
  const p1 = await submitComment(db, ctx('2026-06-05'), parking, { clauseKey: 'a3', body: '建议首1小时免费，方便群众办事。', name: '赵', contact: '', consentPublish: true });
  const p2 = await submitComment(db, ctx('2026-06-06'), parking, { clauseKey: 'a4', body: '评估应当邀请市民代表参加。', name: '钱丽', contact: '', consentPublish: true });
  await moderateComments(db, SYSTEM, ctx('2026-06-10').now, parking, [p1.id, p2.id], 'published');
  await disposeComments(db, SYSTEM, ctx('2026-07-06').now, parking, [p1.id], 'not_adopted', '首30分钟免费已能满足短时办事需要，延长将降低泊位周转率。');
  await disposeComments(db, SYSTEM, ctx('2026-07-06').now, parking, [p2.id], 'adopted', '');
  const parkingFeedback = await generateFeedback(db, SYSTEM, ctx('2026-07-06'), parking);
  for (const n of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, ctx('2026-07-08').now, parkingFeedback.itemId, n);

  // 3. Open now (relative to the day the demo is loaded), and 4. a short one with its reason.
  const today = chinaDate(new Date());
  const open = await saveConsultation(db, SYSTEM, new Date(), {
    ...base,
    unitId: units.civil,
    title: '示范市最低生活保障审核确认办法（征求意见稿）',
    draftHtml: html([
      '第一条　为规范最低生活保障审核确认工作，根据《社会救助暂行办法》，制定本办法。',
      '第二条　申请最低生活保障以家庭为单位，由申请家庭确定一名共同生活的家庭成员作为申请人。',
      '第三条　乡镇人民政府（街道办事处）应当自受理申请之日起30个工作日内作出审核确认决定。',
    ]),
    legalBasis: '《社会救助暂行办法》',
    contact: '示范市民政局社会救助处，电子邮箱 shjz@mz.example.gov.cn',
    opensOn: addDays(today, -3),
    closesOn: addDays(today, 27),
    shortenedReason: '',
  });
  await publishConsultation(db, SYSTEM, { ...ctx(today), now: new Date() }, open);
  await submitComment(db, { ...ctx(today), now: new Date() }, open, { clauseKey: 'a3', body: '建议将30个工作日缩短为20个工作日。', name: '孙', contact: '', consentPublish: true });
  const short = await saveConsultation(db, SYSTEM, new Date(), {
    ...base,
    unitId: units.city,
    title: '示范市防汛应急预案（修订征求意见稿）',
    draftHtml: html(['一、总则。', '二、组织体系。', '三、预警和响应。']),
    legalBasis: '《中华人民共和国防洪法》',
    contact: '示范市应急管理局，电话 0999-87654321',
    opensOn: addDays(today, -2),
    closesOn: addDays(today, 12),
    shortenedReason: '主汛期前须完成修订并组织演练，征求意见期限缩短为15日。',
  });
  await publishConsultation(db, SYSTEM, { ...ctx(today), now: new Date() }, short);
  return 4;
}
