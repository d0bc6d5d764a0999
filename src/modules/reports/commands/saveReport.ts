/** Saves the figures staff enter (table 二) and the narrative sections; only while the report is a draft or returned. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { readTable2 } from '../table2.ts';

export async function saveReport(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; year: number; body: Record<string, unknown> }) {
  const unit = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE id = $1', [input.unitId])).rows[0];
  if (!unit) throw new NotFoundError('没有这个单位。');
  authorize(actor, 'report.edit', { unitPath: unit.path });
  if (!Number.isInteger(input.year) || input.year < 2008 || input.year > 2100) throw new ValidationError({ year: '年度有误' });
  const { values, errors } = readTable2(input.body);
  const text = (k: string) => (typeof input.body[k] === 'string' ? (input.body[k] as string).replace(/\r\n/g, '\n').trim() : '');
  const narrative = { overall: text('overall'), problems: text('problems'), other: text('other') };
  for (const [k, v] of Object.entries(narrative)) if (v.length > 20000) errors[k] = '不超过20000字';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const cur = (await tx.query<{ id: number; state: string }>('SELECT id::int, state FROM annual_reports WHERE unit_id = $1 AND year = $2 FOR UPDATE', [unit.id, input.year]))
      .rows[0];
    if (cur && cur.state !== 'draft' && cur.state !== 'returned') throw new ConflictError('REPORT_NOT_EDITABLE', '年度报告已报送，退回后才能修改。');
    const id = cur
      ? (
          await tx.query<{ id: number }>('UPDATE annual_reports SET entered = $2, narrative = $3, updated_at = $4 WHERE id = $1 RETURNING id::int', [
            cur.id,
            JSON.stringify(values),
            JSON.stringify(narrative),
            now,
          ])
        ).rows[0].id
      : (
          await tx.query<{ id: number }>(
            `INSERT INTO annual_reports (unit_id, year, state, entered, narrative, created_at, updated_at) VALUES ($1, $2, 'draft', $3, $4, $5, $5) RETURNING id::int`,
            [unit.id, input.year, JSON.stringify(values), JSON.stringify(narrative), now],
          )
        ).rows[0].id;
    if (!cur)
      await tx.query('INSERT INTO annual_report_events (report_id, kind, at, actor_user_id, actor_label) VALUES ($1, $2, $3, $4, $5)', [
        id,
        'create',
        now,
        actorUserId(actor),
        actorLabel(actor),
      ]);
    await audit(tx, actor, { at: now, action: 'report.save', subjectType: 'annual_report', subjectId: id, unitId: unit.id, details: { year: input.year } });
    return { id };
  });
}
