/**
 * A unit adopts an area template and adapts it to its level: a township keeps the items marked 乡级, a county the
 * items marked 县级 (items marked neither are kept), and a generic 公开主体 becomes the unit's own name.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { getUnit } from '../../orgs/index.ts';
import { catalogueItems, getCatalogue } from '../queries.ts';
import { openVersion, replaceItems } from './importCatalogue.ts';

const GENERIC_PUBLISHER = /^(乡镇|街道|乡镇政府|乡镇人民政府|街道办事处|乡镇（街道）|县级有关部门|本级政府|各单位)$/;

export async function adoptTemplate(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; templateId: number }) {
  const unit = await getUnit(db, input.unitId);
  if (!unit) throw new ValidationError({ unit: '请选择单位' });
  authorize(actor, 'catalogue.edit', { unitPath: unit.path });
  const template = await getCatalogue(db, input.templateId).catch(() => undefined);
  if (!template?.is_template || template.state !== 'published') throw new ValidationError({ template: '请选择已公布的领域模板' });
  const township = unit.level === 'township';
  const rows = (await catalogueItems(db, template.id))
    .filter((r) => (!r.tierCounty && !r.tierTownship) || (township ? r.tierTownship : r.tierCounty))
    .map((r) => ({ ...r, publisher: GENERIC_PUBLISHER.test(r.publisher) ? unit.name : r.publisher }));
  if (!rows.length) throw new ValidationError({ template: `模板中没有适用于${township ? '乡级' : '县级'}的事项` });
  return inTx(db, async (tx) => {
    const id = await openVersion(tx, actor, now, unit.id, template.area_code, false, template.id);
    await replaceItems(tx, id, rows);
    await audit(tx, actor, { at: now, action: 'catalogue.adopt', subjectType: 'catalogue', subjectId: id, unitId: unit.id, details: { template: template.id, rows: rows.length } });
    return { catalogueId: id, rows: rows.length };
  });
}
