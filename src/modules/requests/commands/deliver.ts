/** Delivery of the reply (送达), and archiving the case with all its documents (Art. 45). */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { openCase, stepDate, ticked } from './common.ts';
import { checkReleasedFiles, releasedLinks, storeReleasedFiles } from '../released.ts';
import { notifyReleased } from '../notify.ts';
import type { UploadedFile } from '../files.ts';

export const DELIVERY_WAYS = { post: '邮寄送达', email: '电子邮件送达', in_person: '当面送达', online: '网上送达（申请人在线查看）' } as const;

export async function recordDelivery(
  db: DbOrTx,
  ctx: CaseContext,
  actor: Actor,
  caseId: number,
  input: { onDate?: unknown; way?: unknown; reference?: unknown; personalDataChecked?: unknown; partial?: unknown },
  files: UploadedFile[] = [],
) {
  const released = await checkReleasedFiles(files, ctx.maxUploadBytes ?? 50 * 1024 * 1024, ticked(input.personalDataChecked));
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const onDate = stepDate(ctx, c, input.onDate, 'onDate', '送达日期');
    if (c.replied_on && onDate < c.replied_on) throw new ValidationError({ onDate: `送达日期不能早于答复日期 ${c.replied_on}` });
    if (typeof input.way !== 'string' || !(input.way in DELIVERY_WAYS)) throw new ValidationError({ way: '请选择送达方式' });
    const reference = typeof input.reference === 'string' ? input.reference.trim().slice(0, 100) : '';
    const stored = await storeReleasedFiles(tx, c.id, released, { partial: c.outcome === 'partial' || ticked(input.partial), letterId: null, now: ctx.now });
    const step = await recordStep(tx, ctx, actor, c, 'deliver', onDate, { way: input.way, reference, released: stored.map((f) => f.filename) }, { delivered_on: onDate });
    if (stored.length && ctx.secret) await notifyReleased(tx, ctx, c, releasedLinks(ctx.secret, stored, ctx.now));
    return step;
  });
}

export async function archiveCase(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    return recordStep(tx, ctx, actor, c, 'archive', ctx.today, {});
  });
}
