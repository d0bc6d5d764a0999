import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { validityInput } from '../schema.ts';
import { getItem, lockItem } from '../queries.ts';
import { recordEvent } from '../events.ts';
import { VALIDITY } from '../taxonomy.ts';

/**
 * Marks a published item 现行有效 / 已修订 / 已废止 / 已失效 (有效性标注, DG 三(四)), naming the item that revised or
 * repealed it. The public page shows a banner at once; the item stays published and findable.
 */
export async function changeValidity(db: DbOrTx, actor: Actor, now: Date, itemId: number, raw: unknown): Promise<void> {
  const input = parseOrThrow(validityInput, raw);
  await inTx(db, async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    authorize(actor, 'item.change_validity', { unitPath: item.unit_path });
    if (item.status !== 'published') throw new ConflictError('TRANSITION_NOT_ALLOWED', '只有已发布的信息可以标注有效性。');
    if (input.validity === 'current' && input.byItemId) throw new ValidationError({ byItemId: '现行有效的信息不需要关联修订或废止文件' });
    if (input.byItemId) {
      if (input.byItemId === itemId) throw new ValidationError({ byItemId: '不能关联信息本身' });
      const by = await getItem(tx, input.byItemId);
      if (!by || by.status !== 'published') throw new ValidationError({ byItemId: `编号 ${input.byItemId} 的信息不存在或未发布` });
    }
    await tx.query('UPDATE information_items SET validity = $2, validity_by_item_id = $3, updated_at = $4 WHERE id = $1', [itemId, input.validity, input.byItemId, now]);
    await recordEvent(tx, actor, {
      at: now,
      itemId,
      unitId: item.unit_id,
      versionId: item.current_version_id,
      type: 'validity_changed',
      from: item.validity,
      to: input.validity,
      payload: { label: VALIDITY[input.validity], byItemId: input.byItemId },
    });
  });
}
