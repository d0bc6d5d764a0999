import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { unitInput } from '../schema.ts';
import { getUnit } from '../queries.ts';

/** Creates a government unit under a parent (or a root, for the command line). */
export async function createUnit(db: DbOrTx, actor: Actor, raw: unknown): Promise<number> {
  const input = parseOrThrow(unitInput, raw);
  return inTx(db, async (tx) => {
    const parent = input.parentId ? await getUnit(tx, input.parentId) : undefined;
    if (input.parentId && !parent) throw new ValidationError({ parentId: '上级单位不存在' });
    authorize(actor, 'unit.manage', parent ? { unitPath: parent.path } : { unitPath: '/' });
    const clash = await tx.query<{ code: string; slug: string }>('SELECT code, slug FROM units WHERE code = $1 OR slug = $2', [input.code, input.slug]);
    if (clash.rows.length) {
      const fields: Record<string, string> = {};
      if (clash.rows.some((r) => r.code === input.code)) fields.code = '该机构代码已被其他单位使用';
      if (clash.rows.some((r) => r.slug === input.slug)) fields.slug = '该网址名已被其他单位使用';
      throw new ConflictError('UNIT_DUPLICATE', '机构代码或网址名重复。', fields);
    }
    const r = await tx.query<{ id: number }>(
      `INSERT INTO units (parent_id, path, code, credit_code, name, short_name, slug, level, kind, office_name, address,
         office_hours, phone, fax, web_contact, email, postcode, guide_text)
       VALUES ($1, '/', $2, NULLIF($3, ''), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        input.parentId,
        input.code,
        input.creditCode,
        input.name,
        input.shortName,
        input.slug,
        input.level,
        input.kind,
        input.officeName,
        input.address,
        input.officeHours,
        input.phone,
        input.fax,
        input.webContact,
        input.email,
        input.postcode,
        input.guideText,
      ],
    );
    const id = r.rows[0].id;
    await tx.query('UPDATE units SET path = $2 WHERE id = $1', [id, `${parent?.path ?? '/'}${id}/`]);
    await audit(tx, actor, { action: 'unit.create', subjectType: 'unit', subjectId: id, unitId: id, details: { name: input.name, code: input.code } });
    return id;
  });
}
