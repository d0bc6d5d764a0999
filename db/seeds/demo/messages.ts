/**
 * Demo messages built from real messages and the officials' replies published with the 2020 泰迪杯 smart-government
 * data (fixtures/messages/taidi2020_messages.sample.jsonl; place names were anonymised there as A市/A3区). They go to
 * the demo units by what they are about, through the real commands: most answered (and, where the writer is taken to
 * agree, published), some transferred first, some rated, the latest still open.
 */
import fs from 'node:fs';
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { addDays, buildCalendar } from '../../../src/lib/calendar.ts';
import { addMailbox, decideTransfer, publishMessage, rateMessage, receiveMessage, replyMessage, requestTransfer, saveTemplate } from '../../../src/modules/messages/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };
const FILE = new URL('../../../fixtures/messages/taidi2020_messages.sample.jsonl', import.meta.url);

interface Sample {
  subject: string;
  message_time: string;
  message_text: string;
  reply_text: string;
  reply_time: string;
}

/** What a message is about, by its words, to a demo unit and a category of the dispatch catalogue. */
const TOPICS: { words: RegExp; unit: string; category: string }[] = [
  { words: /学校|教育|学生|老师|教师|幼儿园|学位|招生/, unit: 'edu', category: '教育文体' },
  { words: /物业|小区|房|拆迁|施工|电梯|建设|装修|燃气/, unit: 'housing', category: '城乡建设' },
  { words: /社保|工资|就业|养老保险|劳动|人才/, unit: 'hrss', category: '劳动和社会保障' },
  { words: /医院|医保|疫苗|卫生|医疗/, unit: 'health', category: '卫生计生' },
  { words: /污染|噪音|环保|垃圾|排放/, unit: 'eco', category: '环境保护' },
  { words: /低保|救助|养老院|残疾/, unit: 'civil', category: '民政' },
];

/** Reply templates the demo bureaus keep for their commonest questions (written for the demo). */
const TEMPLATES: [string, string, string, string][] = [
  [
    'housing',
    '城乡建设',
    '物业纠纷',
    '您好！您反映的物业服务问题已收悉。根据《物业管理条例》，业主可先向小区业主委员会或所在街道物业管理部门反映；我局已将您的诉求转街道核实处理，处理结果将由街道与您联系。感谢您的来信。',
  ],
  [
    'housing',
    '城乡建设',
    '加装电梯',
    '您好！既有住宅加装电梯由业主自愿申请，须经本单元房屋专有部分面积占比三分之二以上且人数占比三分之二以上的业主同意，向所在街道提交申请材料。具体流程可咨询街道便民服务中心。',
  ],
  ['edu', '教育文体', '入学政策', '您好！我市义务教育阶段入学实行划片招生、免试就近入学。随迁子女入学须提供监护人居住证、房屋租赁合同等材料，具体以当年招生公告为准。'],
];

export async function seedDemoMessages(db: Db, units: Map<string, number>): Promise<number> {
  const calendar = buildCalendar();
  const samples = fs
    .readFileSync(FILE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Sample);
  for (const topic of TOPICS)
    await db.query(`INSERT INTO message_dispatch (category, area, unit_id, updated_at) VALUES ($1, '', $2, now())`, [topic.category, units.get(topic.unit)!]);
  const start = new Date('2026-01-04T02:00:00Z');
  await addMailbox(db, SYSTEM, start, { unitId: units.get('city')!, kind: 'leader', name: '市长信箱' });
  await addMailbox(db, SYSTEM, start, { unitId: units.get('housing')!, kind: 'leader', name: '市住建局局长信箱' });
  const mayor = (await db.query<{ id: number }>(`SELECT id FROM message_mailboxes WHERE name = '市长信箱'`)).rows[0].id;
  for (const [unit, category, name, body] of TEMPLATES) await saveTemplate(db, SYSTEM, start, { unitId: units.get(unit)!, category, name, body });
  let n = 0;
  for (const [i, s] of samples.entries()) {
    const topic = TOPICS.find((t) => t.words.test(`${s.subject}${s.message_text}`));
    const unitId = units.get(topic?.unit ?? 'gov_office')!;
    // Spread over the year: one a day from 5 January; the last twenty arrive in November and some are still open.
    const day = i < samples.length - 20 ? addDays('2026-01-05', i) : addDays('2026-11-10', i - (samples.length - 20));
    const ctx = { now: new Date(`${day}T02:00:00Z`), today: day, calendar };
    const type = /投诉|举报|反映/.test(s.subject)
      ? 'complaint'
      : /建议/.test(s.subject)
        ? 'suggest'
        : /咨询|请问|如何|能否/.test(s.subject + s.message_text.slice(0, 50))
          ? 'consult'
          : 'help';
    // One in ten was written to the government office without a field; the office names the competent unit.
    const viaOffice = i % 10 === 3 && !!topic;
    // One in seven of the others was written to the mayor's mailbox and routed on by its field.
    const toMayor = !viaOffice && i % 7 === 1;
    const m = await receiveMessage(db, SYSTEM, ctx, {
      mailboxId: toMayor ? mayor : undefined,
      unitId: viaOffice ? units.get('gov_office')! : unitId,
      type,
      category: viaOffice ? '' : (topic?.category ?? ''),
      area: '',
      title: s.subject.slice(0, 100),
      body: s.message_text,
      writerName: '',
      contact: '',
      consentPublish: i % 5 !== 0,
    });
    n++;
    if (i >= samples.length - 8) continue; // still open
    if (viaOffice) {
      await requestTransfer(db, SYSTEM, ctx, m.id, unitId, `属于${topic.category}领域，由主管部门办理`);
      await decideTransfer(db, SYSTEM, ctx, m.id, true, '');
    }
    const gap = Math.max(1, Math.min(18, Math.round((Date.parse(s.reply_time) - Date.parse(s.message_time)) / 86_400_000 / 2)));
    const replyDay = calendar.addWorkingDays(day, gap).date;
    const rctx = { now: new Date(`${replyDay}T06:00:00Z`), today: replyDay, calendar };
    await replyMessage(db, SYSTEM, rctx, m.id, s.reply_text || '您反映的问题已收悉，我们已转相关科室办理。');
    if (i % 5 !== 0) await publishMessage(db, SYSTEM, rctx, m.id, { publicTitle: '', publicBody: '', publicReply: '' });
    if (i % 3 === 0) await rateMessage(db, rctx, m.caseNo, m.queryCode, { level: [5, 4, 4, 3, 5, 2][i % 6], tags: i % 6 === 5 ? ['答复未解决问题'] : ['答复清楚'], comment: '' });
  }
  return n;
}
