/**
 * Demo information requests for 示范市民政局, at every stage, driven through the real commands on fixed dates so
 * their clocks, letters and event logs are what the platform itself would have produced.
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { buildCalendar } from '../../../src/lib/calendar.ts';
import type { CaseContext } from '../../../src/modules/requests/caseStore.ts';
import { submitApplication } from '../../../src/modules/requests/commands/submitApplication.ts';
import { registerApplication } from '../../../src/modules/requests/commands/registerApplication.ts';
import { confirmReceipt } from '../../../src/modules/requests/commands/confirmReceipt.ts';
import { requestCorrection } from '../../../src/modules/requests/commands/requestCorrection.ts';
import { startConsultation } from '../../../src/modules/requests/commands/consultation.ts';
import { decideCase } from '../../../src/modules/requests/commands/decide.ts';
import { recordDelivery, archiveCase } from '../../../src/modules/requests/commands/deliver.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

const person = (name: string, id: string, over: Record<string, string> = {}) => ({
  applicantType: 'natural',
  applicantName: name,
  idType: '居民身份证',
  idNumber: id,
  phone: '13800000000',
  email: '',
  address: '示范市和平路100号',
  postcode: '999000',
  infoTitle: '',
  infoDocNo: '',
  deliveryForm: 'paper',
  deliveryMethod: 'post',
  ...over,
});

export async function seedDemoRequests(db: Db, unitId: number): Promise<number> {
  const calendar = buildCalendar();
  const ctx = (day: string): CaseContext => ({ calendar, now: new Date(`${day}T02:00:00Z`), today: day, feePausesClock: true, correctionWorkingDays: 15 });
  // Identity numbers below are made up and pass the check digit only so the forms accept them.
  const a = await registerApplication(db, ctx('2026-09-14'), SYSTEM, {
    unitId,
    application: person('赵明', '110101199003074514', { infoTitle: '示范市2025年城乡低保资金分配表', infoDescription: '2025年度全市城乡最低生活保障资金按区县分配的情况' }),
    registration: { channel: 'in_person', arrivedOn: '2026-09-14' },
  });
  await decideCase(db, ctx('2026-09-30'), SYSTEM, a.id, {
    onDate: '2026-09-30',
    outcome: 'partial',
    detail: '附件为2025年资金分配表',
    withheldReason: '表中低保对象的个人信息属于个人隐私（条例第十五条）',
  });
  await recordDelivery(db, ctx('2026-10-09'), SYSTEM, a.id, { onDate: '2026-10-09', way: 'post', reference: 'EMS 1234567890' });
  await archiveCase(db, ctx('2026-10-12'), SYSTEM, a.id);

  const b = await submitApplication(db, ctx('2026-10-20'), {
    unitId,
    application: person('钱芳', '110101198506120020', {
      deliveryForm: 'electronic',
      deliveryMethod: 'online',
      email: 'qianfang@demo.invalid',
      infoDescription: '本市养老机构的名单和等级评定结果',
    }),
  });
  await confirmReceipt(db, ctx('2026-10-21'), SYSTEM, b.id, { confirmedOn: '2026-10-21', how: '电话确认' });
  await startConsultation(db, ctx('2026-10-26'), SYSTEM, b.id, { onDate: '2026-10-26', party: 'third_party', partyName: '示范市康乐养老服务有限公司' });

  const c = await registerApplication(db, ctx('2026-11-03'), SYSTEM, {
    unitId,
    application: person('孙强', '110101197807153614', { infoDescription: '关于我们小区的那个事情的文件' }),
    registration: { channel: 'post_signed', arrivedOn: '2026-11-03' },
  });
  await requestCorrection(db, ctx('2026-11-05'), SYSTEM, c.id, { onDate: '2026-11-05', items: '请写明所需文件的名称、文号或事项、时间等特征\n请写明小区名称和所涉事项' });

  await registerApplication(db, ctx('2026-11-16'), SYSTEM, {
    unitId,
    application: person('某律师事务所', '91990100MA0000001P', {
      applicantType: 'legal',
      applicantSubtype: 'legal_services',
      idType: '统一社会信用代码',
      contactPerson: '李律师',
      infoTitle: '示范市临时救助实施办法',
      infoDocNo: '示民〔2024〕12号',
      infoDescription: '该办法的全文及其起草说明',
    }),
    registration: { channel: 'email', arrivedOn: '2026-11-16', confirmedOn: '2026-11-17' },
  });
  await submitApplication(db, ctx('2026-11-23'), {
    unitId,
    application: person('周丽', '110101199212304523', {
      deliveryForm: 'electronic',
      deliveryMethod: 'email',
      email: 'zhouli@demo.invalid',
      infoDescription: '2026年本市残疾人两项补贴的发放标准和发放人数',
    }),
  });
  return 5;
}
