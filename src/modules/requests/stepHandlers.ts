/** The staff form actions of a case page, each mapped to its command (thin: the commands validate and authorise). */
import type { DbOrTx } from '../../lib/db.ts';
import type { Actor } from '../../lib/authz.ts';
import type { CaseContext } from './caseStore.ts';
import type { UploadedFile } from './files.ts';
import { confirmReceipt } from './commands/confirmReceipt.ts';
import { requestCorrection } from './commands/requestCorrection.ts';
import { receiveCorrection } from './commands/receiveCorrection.ts';
import { closeCase } from './commands/closeCase.ts';
import { endConsultation, startConsultation } from './commands/consultation.ts';
import { extendCase } from './commands/extend.ts';
import { recordFeePaid, sendFeeNotice } from './commands/fees.ts';
import { decideCase } from './commands/decide.ts';
import { archiveCase, recordDelivery } from './commands/deliver.ts';
import { assignOfficer, transferCase } from './commands/assign.ts';
import { recordReview } from './commands/reviews.ts';
import { publishProactively } from './commands/publishProactively.ts';
import { approveReply, returnReply } from './commands/replyApproval.ts';

/** Form fields as posted; every command reads its fields as unknown and validates them itself. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormValues = Record<string, any>;
type Step = (db: DbOrTx, ctx: CaseContext, actor: Actor, id: number, v: FormValues, files?: UploadedFile[]) => Promise<unknown>;
type Handler = Step & { label: string };

const h = (label: string, fn: Step): Handler => Object.assign(fn, { label });

export const STEP_HANDLERS: Record<string, Handler> = {
  confirm: h('确认收到申请', (db, ctx, a, id, v) => confirmReceipt(db, ctx, a, id, { confirmedOn: v.confirmedOn ?? '', how: v.how ?? '' })),
  correction: h('发出补正告知书', (db, ctx, a, id, v) => requestCorrection(db, ctx, a, id, v)),
  'receive-correction': h('登记收到补正', (db, ctx, a, id, v) => receiveCorrection(db, ctx, a, id, v)),
  'close-no-correction': h('逾期未补正结案', (db, ctx, a, id, v) => closeCase(db, ctx, a, id, 'no_correction', v)),
  consult: h('发出征求意见书', (db, ctx, a, id, v) => startConsultation(db, ctx, a, id, v)),
  'end-consult': h('登记收到意见', (db, ctx, a, id, v) => endConsultation(db, ctx, a, id, v)),
  extend: h('延长答复期限', (db, ctx, a, id, v) => extendCase(db, ctx, a, id, v)),
  fee: h('发出收费通知', (db, ctx, a, id, v) => sendFeeNotice(db, ctx, a, id, v)),
  'fee-paid': h('登记缴费', (db, ctx, a, id, v) => recordFeePaid(db, ctx, a, id, v)),
  'close-unpaid': h('逾期未缴费结案', (db, ctx, a, id, v) => closeCase(db, ctx, a, id, 'unpaid', v)),
  decide: h('作出答复', (db, ctx, a, id, v, files) => decideCase(db, ctx, a, id, v, files)),
  'approve-reply': h('批准并出具答复告知书', (db, ctx, a, id, v) => approveReply(db, ctx, a, id, v)),
  'return-reply': h('退回答复', (db, ctx, a, id, v) => returnReply(db, ctx, a, id, v)),
  deliver: h('登记送达', (db, ctx, a, id, v, files) => recordDelivery(db, ctx, a, id, v, files)),
  archive: h('归档', (db, ctx, a, id) => archiveCase(db, ctx, a, id)),
  assign: h('指定承办人', (db, ctx, a, id, v) => assignOfficer(db, ctx, a, id, v)),
  transfer: h('转交', (db, ctx, a, id, v) => transferCase(db, ctx, a, id, v)),
  withdrawn: h('申请人撤回结案', (db, ctx, a, id, v) => closeCase(db, ctx, a, id, 'withdrawn', v)),
  review: h('记录行政复议或诉讼', (db, ctx, a, id, v) => recordReview(db, ctx, a, id, v)),
  proactive: h('转为主动公开（已生成待审核的信息草稿）', (db, ctx, a, id) => publishProactively(db, ctx, a, id)),
};
