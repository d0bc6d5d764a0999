import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { unitInput } from '../schema.ts';
import { getUnit } from '../queries.ts';

const editable = unitInput.omit({ parentId: true, slug: true, level: true, kind: true });

/** Updates a unit's names, codes and 指南 contact data (Art. 12); records when the guide last changed. */
export async function updateUnit(db: DbOrTx, actor: Actor, unitId: number, raw: unknown, now: Date): Promise<void> {
  const input = parseOrThrow(editable, raw);
  await inTx(db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new NotFoundError();
    authorize(actor, 'unit.manage', { unitPath: unit.path });
    const clash = await tx.query('SELECT 1 FROM units WHERE code = $1 AND id <> $2', [input.code, unitId]);
    if (clash.rows.length) throw new ConflictError('UNIT_DUPLICATE', '机构代码重复。', { code: '该机构代码已被其他单位使用' });
    await tx.query(
      `UPDATE units SET code = $2, credit_code = NULLIF($3, ''), name = $4, short_name = $5, office_name = $6, address = $7,
         office_hours = $8, phone = $9, fax = $10, web_contact = $11, email = $12, postcode = $13, guide_text = $14,
         guide_updated_at = $15, updated_at = $15 WHERE id = $1`,
      [
        unitId,
        input.code,
        input.creditCode,
        input.name,
        input.shortName,
        input.officeName,
        input.address,
        input.officeHours,
        input.phone,
        input.fax,
        input.webContact,
        input.email,
        input.postcode,
        input.guideText,
        now,
      ],
    );
    await audit(tx, actor, { action: 'unit.update', subjectType: 'unit', subjectId: unitId, unitId, details: { name: input.name } });
  });
}
