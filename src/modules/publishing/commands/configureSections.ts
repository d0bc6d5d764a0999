import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { getUnit } from '../../orgs/index.ts';
import { SECTIONS } from '../taxonomy.ts';
import { RHYTHMS } from '../sections.ts';

/**
 * Sets which 法定主动公开内容 sub-sections a unit shows and what they are called (61号 leaves sub-sections to each
 * unit's functions). The four first-level sections cannot be switched off.
 */
export async function configureSections(db: DbOrTx, actor: Actor, now: Date, unitId: number, settings: { code: string; enabled: boolean; label: string; rhythm?: string }[]) {
  const fixed = new Set(['guide', 'rules', 'annual_report']);
  const errors: Record<string, string> = {};
  for (const s of settings) {
    if (!SECTIONS.some((d) => d.code === s.code)) errors[s.code] = '未知栏目';
    if (fixed.has(s.code) && !s.enabled) errors[s.code] = '政府信息公开的四个一级栏目不能关闭（国办公开办函〔2019〕61号）';
    if (s.label.length > 30) errors[`label_${s.code}`] = '栏目名称不超过30字';
    if (s.rhythm && !(s.rhythm in RHYTHMS)) errors[`rhythm_${s.code}`] = '请选择更新频率';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await inTx(db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new NotFoundError();
    authorize(actor, 'unit.manage', { unitPath: unit.path });
    for (const s of settings) {
      await tx.query(
        `INSERT INTO unit_sections (unit_id, code, enabled, label, rhythm) VALUES ($1, $2, $3, NULLIF($4, ''), NULLIF($5, ''))
         ON CONFLICT (unit_id, code) DO UPDATE SET enabled = EXCLUDED.enabled, label = EXCLUDED.label, rhythm = EXCLUDED.rhythm`,
        [unitId, s.code, s.enabled, s.label.trim(), s.rhythm ?? ''],
      );
    }
    await audit(tx, actor, { at: now, action: 'unit.configure_sections', subjectType: 'unit', subjectId: unitId, unitId, details: { settings } });
  });
}
