/**
 * A year of 建议提案 for the demo city (written for the demo; the deputies, members and numbers are invented): assigned
 * after the spring sessions, answered through May and June, most published in full through the bureaus' review, one
 * in summary, one not published (a private case), one merged into another, one answered late.
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { transitionItem } from '../../../src/modules/publishing/index.ts';
import { decidePublication, recordFeedback, registerProposal, replyProposal, withdrawProposal } from '../../../src/modules/proposals/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };
const at = (d: string) => new Date(`${d}T02:00:00Z`);
/** The bureaus' short names in their 文号. */
const SHORT: Record<string, string> = { edu: '教', housing: '建', eco: '环', hrss: '人社', civil: '民', health: '卫', market: '市监' };

interface Demo {
  kind: 'suggestion' | 'proposal';
  number: string;
  unit: string;
  co?: string[];
  title: string;
  proposer: string;
  reply?: string;
  result?: 'A' | 'B' | 'C';
  repliedOn?: string;
  publication?: 'full' | 'summary' | 'none';
  summary?: string;
  reason?: string;
  feedback?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  withdrawn?: string;
}

const NPC = '示范市十七届人大四次会议';
const CPPCC = '政协示范市十四届委员会第四次会议';

const DEMO: Demo[] = [
  {
    kind: 'suggestion',
    number: '0012',
    unit: 'edu',
    co: ['finance'],
    title: '关于增加城东片区义务教育学位供给的建议',
    proposer: '李明等6名代表',
    reply:
      '一、城东第二小学已于2026年3月开工，设计规模48个班，可新增学位2160个，计划2027年秋季投入使用。\n二、通过改扩建城东中学，2026年秋季新增初中学位450个。\n三、市财政已将上述项目列入年度预算，共安排资金1.8亿元。',
    result: 'A',
    repliedOn: '2026-05-18',
    publication: 'full',
    feedback: 'satisfied',
  },
  {
    kind: 'suggestion',
    number: '0027',
    unit: 'housing',
    title: '关于加快老旧小区加装电梯的建议',
    proposer: '王芳代表',
    reply:
      '我局已会同各区出台既有住宅加装电梯工作指引，简化审批为“一窗受理、联合审查”，审批时间压缩至15个工作日。2026年计划完成加装电梯300台，截至5月底已完成126台。对符合条件的项目给予每台20万元补助。',
    result: 'B',
    repliedOn: '2026-05-25',
    publication: 'full',
    feedback: 'basically_satisfied',
  },
  {
    kind: 'suggestion',
    number: '0041',
    unit: 'eco',
    title: '关于治理临街餐饮油烟扰民的建议',
    proposer: '赵强等3名代表',
    reply: '我局联合城管、市场监管部门开展临街餐饮油烟专项整治，已检查餐饮单位1,263家，督促安装油烟净化设施217家，对拒不整改的38家依法立案查处。下一步将建立油烟在线监测平台。',
    result: 'B',
    repliedOn: '2026-06-10',
    publication: 'full',
    feedback: 'satisfied',
  },
  {
    kind: 'suggestion',
    number: '0058',
    unit: 'hrss',
    title: '关于提高灵活就业人员参保便利度的建议',
    proposer: '陈静代表',
    reply: '灵活就业人员已可通过“示范市人社”小程序办理参保登记和缴费，不再受户籍限制。我局将进一步简化材料，实现参保“零材料”办理。',
    result: 'A',
    repliedOn: '2026-06-02',
    publication: 'summary',
    summary: '灵活就业人员可在线参保缴费，不受户籍限制；下一步实现“零材料”办理。',
    reason: '答复中包含代表所在企业的经营数据，摘要公开',
    feedback: 'satisfied',
  },
  {
    kind: 'suggestion',
    number: '0063',
    unit: 'housing',
    title: '关于城东片区公交线路与地铁接驳的建议',
    proposer: '周磊代表',
    withdrawn: '与其他交通类建议并案，由市交通运输局主办',
  },
  {
    kind: 'proposal',
    number: '101',
    unit: 'civil',
    co: ['health'],
    title: '关于完善社区居家养老服务的提案',
    proposer: '孙丽委员',
    reply: '我局已在全市建成社区养老服务站86个，2026年新增助餐点40个，为80周岁以上独居老人提供每周上门探访。与卫健部门合作推进家庭医生签约服务，签约率达到76%。',
    result: 'B',
    repliedOn: '2026-05-28',
    publication: 'full',
    feedback: 'satisfied',
  },
  {
    kind: 'proposal',
    number: '117',
    unit: 'health',
    title: '关于某患者医疗费用报销问题的提案',
    proposer: '吴刚委员',
    reply: '经核查，该患者符合大病保险报销条件，已为其办理二次报销。',
    result: 'A',
    repliedOn: '2026-06-20',
    publication: 'none',
    reason: '涉及个人隐私（患者病情和费用）',
    feedback: 'satisfied',
  },
  {
    kind: 'proposal',
    number: '126',
    unit: 'market',
    title: '关于加强校园周边食品安全监管的提案',
    proposer: '郑华委员',
    reply: '我局已将校园周边200米范围内的食品经营户列为重点监管对象，每学期开学前开展专项检查。2026年春季学期检查经营户642户，责令整改31户。',
    result: 'A',
    // Answered after the three months: the yearly page and the supervision show it.
    repliedOn: '2026-07-15',
    publication: 'full',
    feedback: 'basically_satisfied',
  },
];

export async function seedDemoProposals(db: Db, units: Map<string, number>): Promise<number> {
  for (const d of DEMO) {
    const id = await registerProposal(db, SYSTEM, at('2026-03-06'), {
      unitId: units.get(d.unit)!,
      coUnitIds: (d.co ?? []).map((k) => units.get(k)!),
      kind: d.kind,
      year: 2026,
      session: d.kind === 'suggestion' ? NPC : CPPCC,
      number: d.number,
      title: d.title,
      proposer: d.proposer,
      assignedOn: '2026-03-06',
      replyDueOn: '',
    });
    if (d.withdrawn) {
      await withdrawProposal(db, SYSTEM, at('2026-03-20'), id, d.withdrawn);
      continue;
    }
    const on = at(d.repliedOn!);
    await replyProposal(db, SYSTEM, on, id, { reply: d.reply!, replyNo: `示${SHORT[d.unit]}复〔2026〕${d.number}号`, result: d.result!, repliedOn: d.repliedOn! });
    await recordFeedback(db, SYSTEM, on, id, { feedback: d.feedback!, note: '' });
    const { itemId } = await decidePublication(db, SYSTEM, on, id, { publication: d.publication!, reason: d.reason ?? '', summary: d.summary ?? '' });
    // The unit's review publishes the drafted item a few days later.
    const published = new Date(on.getTime() + 3 * 86_400_000);
    if (itemId) for (const step of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, SYSTEM, published, itemId, step);
  }
  return DEMO.length;
}
