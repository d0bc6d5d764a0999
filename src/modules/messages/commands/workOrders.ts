/**
 * 12345 work orders into messages, one transaction each, whether they come through the API (JSON) or a staff upload
 * (Excel): the unit by its URL name or code (the filer's own by default), the hotline channel when numbered, and the
 * same number received once however often it arrives. A batch reports each order; one refused order stops nothing.
 */
import type { DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { AppError, ValidationError } from '../../../lib/errors.ts';
import { getUnitByCode, getUnitBySlug } from '../../orgs/index.ts';
import { receiveMessage, type MessageContext } from './handle.ts';

export interface WorkOrder {
  workOrderNo?: string;
  unit?: string;
  type: string;
  channel?: string;
  category?: string;
  area?: string;
  title: string;
  body: string;
  writerName?: string;
  contact?: string;
  consentPublish?: boolean;
  receivedOn?: string;
}

export interface WorkOrderResult {
  index: number;
  workOrderNo: string | null;
  status: 'created' | 'existing' | 'rejected';
  caseNo: string | null;
  error: { code: string; message: string; fields: Record<string, string> } | null;
}

export async function fileWorkOrder(db: DbOrTx, actor: Actor, ctx: MessageContext, w: WorkOrder) {
  if (actor.kind === 'user') authorize(actor, 'message.handle');
  const unitId = w.unit ? ((await getUnitBySlug(db, w.unit)) ?? (await getUnitByCode(db, w.unit)))?.id : actor.kind === 'api' || actor.kind === 'user' ? actor.unitId : undefined;
  if (!unitId) throw new ValidationError({ unit: '没有这个单位' });
  return receiveMessage(db, actor, ctx, {
    unitId,
    type: w.type,
    channel: w.channel ?? (w.workOrderNo ? 'hotline' : 'letter'),
    category: w.category ?? '',
    area: w.area ?? '',
    title: w.title,
    body: w.body,
    writerName: w.writerName ?? '',
    contact: w.contact ?? '',
    consentPublish: w.consentPublish ?? false,
    receivedOn: w.receivedOn,
    workOrderNo: w.workOrderNo,
  });
}

/** Each order on its own; the caller's faults (bad input, a unit outside its reach) are reported, others thrown. */
export async function fileWorkOrders(db: DbOrTx, actor: Actor, ctx: MessageContext, orders: WorkOrder[]): Promise<WorkOrderResult[]> {
  const results: WorkOrderResult[] = [];
  for (const [index, w] of orders.entries()) {
    try {
      const r = await fileWorkOrder(db, actor, ctx, w);
      results.push({ index, workOrderNo: w.workOrderNo ?? null, status: r.created ? 'created' : 'existing', caseNo: r.caseNo, error: null });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      results.push({ index, workOrderNo: w.workOrderNo ?? null, status: 'rejected', caseNo: null, error: { code: err.code, message: err.message, fields: err.fields } });
    }
  }
  return results;
}
