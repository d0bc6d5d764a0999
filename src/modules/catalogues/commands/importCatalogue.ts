/**
 * Bring a catalogue in from Excel: a unit's own (or, for the office, an area template). Nothing is written unless
 * every row reads; the rows replace those of the open version (编制中 or 已退回), or start a new version.
 */
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { getUnit } from '../../orgs/index.ts';
import type { CatalogueRow, ImportProblem } from '../excel.ts';
import { runUntrusted } from '../../../lib/untrusted/sandbox.ts';
import { itemKey } from '../queries.ts';

export class CatalogueImportError extends ValidationError {
  constructor(readonly problems: ImportProblem[]) {
    super({ file: `有 ${problems.length} 处无法读取，未导入任何内容` }, '文件有问题，请按提示修改后重新导入。');
  }
}

export async function importCatalogue(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; areaCode: string; asTemplate?: boolean; file?: Buffer }) {
  const unit = await getUnit(db, input.unitId);
  if (!unit) throw new ValidationError({ unit: '请选择单位' });
  authorize(actor, input.asTemplate ? 'catalogue.manage_areas' : 'catalogue.edit', { unitPath: unit.path });
  if (!input.file?.length) throw new ValidationError({ file: '请选择 Excel 文件' });
  const area = (await db.query<{ code: string }>('SELECT code FROM catalogue_areas WHERE code = $1', [input.areaCode])).rows[0];
  if (!area) throw new ValidationError({ area: '请选择领域' });
  const { rows, problems } = await runUntrusted<{ rows: CatalogueRow[]; problems: ImportProblem[] }>(new URL('../excel.task.ts', import.meta.url), input.file);
  if (problems.length) throw new CatalogueImportError(problems);
  return inTx(db, async (tx) => {
    const id = await openVersion(tx, actor, now, unit.id, area.code, !!input.asTemplate, null);
    await replaceItems(tx, id, rows);
    await audit(tx, actor, {
      at: now,
      action: 'catalogue.import',
      subjectType: 'catalogue',
      subjectId: id,
      unitId: unit.id,
      details: { area: area.code, rows: rows.length, template: !!input.asTemplate },
    });
    return { catalogueId: id, rows: rows.length };
  });
}

/** The open version (编制中 or 已退回) of a unit's catalogue for an area, or a new one after the latest. */
export async function openVersion(tx: Queryable, actor: Actor, now: Date, unitId: number, areaCode: string, isTemplate: boolean, basedOn: number | null): Promise<number> {
  const latest = (
    await tx.query<{ id: number; state: string; version_no: number }>(
      'SELECT id::int, state, version_no FROM catalogues WHERE unit_id = $1 AND area_code = $2 AND is_template = $3 ORDER BY version_no DESC LIMIT 1 FOR UPDATE',
      [unitId, areaCode, isTemplate],
    )
  ).rows[0];
  if (latest && (latest.state === 'compiling' || latest.state === 'returned')) return latest.id;
  if (latest && (latest.state === 'submitted' || latest.state === 'approved')) throw new ValidationError({ file: '目录正在审核中，审核结束后才能修改' });
  const r = await tx.query<{ id: number }>(
    `INSERT INTO catalogues (unit_id, area_code, is_template, based_on_id, version_no, state, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'compiling', $6, $7, $7) RETURNING id::int`,
    [unitId, areaCode, isTemplate, basedOn, (latest?.version_no ?? 0) + 1, actorUserId(actor), now],
  );
  await tx.query('INSERT INTO catalogue_events (catalogue_id, kind, at, actor_user_id, actor_label) VALUES ($1, $2, $3, $4, $5)', [
    r.rows[0].id,
    'create',
    now,
    actorUserId(actor),
    actorLabel(actor),
  ]);
  return r.rows[0].id;
}

export async function replaceItems(tx: Queryable, catalogueId: number, rows: CatalogueRow[]) {
  await tx.query('DELETE FROM catalogue_items WHERE catalogue_id = $1', [catalogueId]);
  let seq = 0;
  for (const r of rows) {
    await tx.query(
      `INSERT INTO catalogue_items (catalogue_id, seq, item_key, code, level1, level2, content, basis, time_limit, time_rule, publisher, channels,
         audience_all, audience_specific, mode_proactive, mode_on_request, tier_county, tier_township)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        catalogueId,
        ++seq,
        itemKey(r.level1, r.level2),
        r.code,
        r.level1,
        r.level2,
        r.content,
        r.basis,
        r.timeLimit,
        JSON.stringify(r.timeRule),
        r.publisher,
        r.channels,
        r.audienceAll,
        r.audienceSpecific,
        r.proactive,
        r.onRequest,
        r.tierCounty,
        r.tierTownship,
      ],
    );
  }
}
