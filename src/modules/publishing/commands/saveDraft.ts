import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { authorize, actorUserId, can, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { htmlToText, sanitizeRichText, textToHtml } from '../../../lib/html.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { getUnit } from '../../orgs/index.ts';
import { itemInput, type ItemInput } from '../schema.ts';
import { normalizeDocNo } from '../docNo.ts';
import { getItem, latestVersion, lockItem } from '../queries.ts';
import { recordEvent } from '../events.ts';
import { rescanFindings, unitContactAllowList } from '../findings.ts';

export const EDITABLE_STATES = ['draft', 'returned'] as const;

/** Body as typed: HTML is sanitised; plain text (no tags) becomes paragraphs. */
export function prepareBody(raw: string) {
  const html = /<[a-z][^<>]*>/i.test(raw) ? sanitizeRichText(raw) : textToHtml(raw);
  return { html, text: htmlToText(html) };
}

/**
 * An interpretation may link only to a policy the actor may see: a published one, or an unpublished one of a unit
 * the actor works in. Anything else gets the same answer as an id that does not exist, so the link reveals nothing.
 */
async function checkInterprets(tx: Queryable, actor: Actor, input: ItemInput, selfId?: number) {
  if (input.kind !== 'interpretation') return [];
  const ids = [...new Set(input.interprets)].filter((id) => id !== selfId);
  for (const id of ids) {
    const it = await getItem(tx, id);
    const visible = it && (it.status === 'published' || can(actor, 'item.read_internal', { unitPath: it.unit_path }));
    if (!it || !visible || it.kind !== 'information') throw new ValidationError({ interprets: `所解读的政策（编号 ${id}）不存在或不可引用` });
  }
  return ids;
}

async function writeLinks(tx: Queryable, itemId: number, ids: number[]) {
  // Links of an item being drafted are its metadata, replaced as a whole on each save.
  await tx.query(`DELETE FROM item_links WHERE from_item_id = $1 AND kind = 'interprets'`, [itemId]);
  for (const id of ids) await tx.query(`INSERT INTO item_links (from_item_id, to_item_id, kind) VALUES ($1, $2, 'interprets')`, [itemId, id]);
}

/**
 * Creates a new item with its first draft version, or saves the draft (or returned) version of an existing item.
 * Scans for personal data on every save.
 */
export async function saveDraft(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  args: { unitId: number; itemId?: number; input: unknown },
): Promise<{ itemId: number; versionId: number; unresolved: number }> {
  const input = parseOrThrow(itemInput, args.input);
  const body = prepareBody(input.bodyHtml);
  return inTx(db, async (tx) => {
    let itemId = args.itemId;
    let versionId: number;
    let unitId = args.unitId;
    if (itemId) {
      const item = await lockItem(tx, itemId);
      if (!item) throw new NotFoundError('没有找到这条信息。');
      authorize(actor, 'item.draft', { unitPath: item.unit_path });
      unitId = item.unit_id;
      const v = await latestVersion(tx, itemId);
      if (!v || !(EDITABLE_STATES as readonly string[]).includes(v.state)) {
        throw new ConflictError('VERSION_NOT_EDITABLE', '该版本已送审或已发布，不能直接修改；已发布的信息请发起修订。');
      }
      versionId = v.id;
    } else {
      const unit = await getUnit(tx, unitId);
      if (!unit) throw new ValidationError({ unitId: '单位不存在' });
      authorize(actor, 'item.draft', { unitPath: unit.path });
      const r = await tx.query<{ id: number }>('INSERT INTO information_items (unit_id, kind, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id', [
        unitId,
        input.kind,
        actorUserId(actor),
        now,
      ]);
      itemId = r.rows[0].id;
      const v = await tx.query<{ id: number }>(
        `INSERT INTO item_versions (item_id, version_no, state, title, publisher_name, formed_date, section_code, disclosure, withheld_ground, created_by, created_at, updated_at)
         VALUES ($1, 1, 'draft', '', '', $2, $3, 'proactive', NULL, $4, $5, $5) RETURNING id`,
        [itemId, chinaDate(now), input.sectionCode, actorUserId(actor), now],
      );
      versionId = v.rows[0].id;
    }
    const unit = (await getUnit(tx, unitId))!;
    const links = await checkInterprets(tx, actor, input, itemId);
    await tx.query(
      `UPDATE item_versions SET title = $2, publisher_name = $3, issuing_organs = $4, doc_no = $5, doc_no_normalized = $6,
         written_date = $7, publish_date = $8, effective_date = $9, expiry_date = $10, formed_date = $11, topic = $12, genre = $13,
         audience = $14, keywords = $15, summary = $16, section_code = $17, disclosure = $18, withheld_ground = $19,
         interpretation_form = $20, body_html = $21, body_text = $22, change_note = $23, scheduled_at = $24, updated_at = $25
       WHERE id = $1`,
      [
        versionId,
        input.title,
        input.publisherName || unit.name,
        input.issuingOrgans,
        input.docNo,
        input.docNo ? normalizeDocNo(input.docNo) : '',
        input.writtenDate,
        input.publishDate,
        input.effectiveDate,
        input.expiryDate,
        input.formedDate ?? input.writtenDate ?? chinaDate(now),
        input.topic,
        input.genre,
        input.audience,
        input.keywords,
        input.summary,
        input.sectionCode,
        input.disclosure,
        input.disclosure === 'proactive' ? null : input.withheldGround,
        input.kind === 'interpretation' ? input.interpretationForm : null,
        body.html,
        body.text,
        input.changeNote,
        input.scheduledAt,
        now,
      ],
    );
    await tx.query('UPDATE information_items SET kind = $2, legal_form = $4, updated_at = $3 WHERE id = $1', [itemId, input.kind, now, input.legalForm]);
    await writeLinks(tx, itemId, links);
    const unresolved = await rescanFindings(tx, versionId, await unitContactAllowList(tx, unitId));
    await recordEvent(tx, actor, { at: now, itemId, unitId, versionId, type: args.itemId ? 'edited' : 'created', payload: { title: input.title } });
    return { itemId, versionId, unresolved };
  });
}
