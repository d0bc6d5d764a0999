/** Files an information item under a catalogue item of its unit's published catalogue (or takes it off). */
import { fileUnderCatalogue } from '../../publishing/index.ts';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { getItem } from '../../publishing/index.ts';

export async function fileItemUnderCatalogue(db: DbOrTx, actor: Actor, now: Date, itemId: number, target: string) {
  const item = await getItem(db, itemId);
  if (!item) throw new NotFoundError('没有找到这条信息。');
  authorize(actor, 'item.draft', { unitPath: item.unit_path });
  let area: string | null = null;
  let key: string | null = null;
  if (target) {
    const [a, ...rest] = target.split('|');
    const k = rest.join('|');
    const ok = await db.query(
      `SELECT 1 FROM catalogue_items ci JOIN catalogues c ON c.id = ci.catalogue_id
        WHERE c.unit_id = $1 AND c.area_code = $2 AND c.state = 'published' AND NOT c.is_template AND ci.item_key = $3`,
      [item.unit_id, a, k],
    );
    if (!ok.rows.length) throw new ValidationError({ catalogue: '请选择本单位已公布目录中的事项' });
    area = a;
    key = k;
  }
  await inTx(db, async (tx) => {
    await fileUnderCatalogue(tx, itemId, area, key);
    await audit(tx, actor, { at: now, action: 'item.file_under_catalogue', subjectType: 'information_item', subjectId: itemId, unitId: item.unit_id, details: { area, key } });
  });
}
