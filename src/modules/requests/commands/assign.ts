/** Who handles a case: an officer of the unit, or another unit the case is transferred to with a reason. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { recordStep, type CaseContext } from '../caseStore.ts';
import { getUnit } from '../../orgs/index.ts';
import { openCase, requiredText } from './common.ts';

export async function assignOfficer(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { officerId?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const officerId = Number(input.officerId);
    const r = await tx.query<{ display_name: string }>(
      `SELECT u.display_name FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN units g ON g.id = r.unit_id
        WHERE u.id = $1 AND u.active AND r.role IN ('request_officer', 'office_admin') AND $2 LIKE g.path || '%' LIMIT 1`,
      [Number.isInteger(officerId) ? officerId : 0, c.unit_path],
    );
    if (!r.rows[0]) throw new ValidationError({ officerId: '请选择本单位的依申请公开承办人' });
    return recordStep(tx, ctx, actor, c, 'assign', ctx.today, { officerId, officerName: r.rows[0].display_name }, { officer_id: officerId });
  });
}

export async function transferCase(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number, input: { toUnitId?: unknown; reason?: unknown }) {
  return inTx(db, async (tx) => {
    const c = await openCase(tx, actor, caseId);
    const to = await getUnit(tx, Number(input.toUnitId) || 0);
    if (!to || to.id === c.unit_id) throw new ValidationError({ toUnitId: '请选择要转交的其他单位' });
    const reason = requiredText(input.reason, 'reason', '请写明转交的理由', 300);
    // Both sides must be within the actor's reach: the office that coordinates them does the transfer.
    authorize(actor, 'request.handle', { unitPath: to.path });
    return recordStep(
      tx,
      ctx,
      actor,
      c,
      'transfer',
      ctx.today,
      { fromUnitId: c.unit_id, fromUnitName: c.unit_name, toUnitId: to.id, toUnitName: to.name, reason },
      { unit_id: to.id, officer_id: null },
    );
  });
}
