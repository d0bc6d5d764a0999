import { z } from 'zod';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, actorUserId, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { htmlToText } from '../../../lib/html.ts';
import { latestVersion, lockItem } from '../queries.ts';
import { recordEvent } from '../events.ts';
import { detectPersonalData, maskInText, PERSONAL_DATA_LABELS, type PersonalDataKind } from '../personalData.ts';
import { unitContactAllowList } from '../findings.ts';

const input = z.discriminatedUnion('action', [
  z.object({ action: z.literal('mask') }),
  z.object({ action: z.literal('justify'), justification: z.string().trim().min(4, '请说明公开该个人信息的理由（如：依法公开的行政处罚决定）').max(500, '理由不超过500字') }),
]);

/**
 * Resolves one personal-data finding before publication: mask it in the body (every occurrence), or keep it with a
 * written justification (ZJ (二十二): punitive notices and mandatory disclosures). Findings in attachments cannot be
 * masked in place: the publisher replaces the file or justifies.
 */
export async function resolveFinding(db: DbOrTx, actor: Actor, now: Date, itemId: number, findingId: number, raw: unknown) {
  const data = parseOrThrow(input, raw);
  await inTx(db, async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    const v = await latestVersion(tx, itemId);
    if (!v) throw new NotFoundError();
    // Publishers fix their drafts; the secrecy reviewer and reviewer may also resolve while the item is with them.
    const permission = v.state === 'secrecy_review' ? 'item.secrecy_review' : v.state === 'review' ? 'item.review' : 'item.draft';
    authorize(actor, permission, { unitPath: item.unit_path });
    if (!['draft', 'returned', 'secrecy_review', 'review'].includes(v.state)) throw new ConflictError('VERSION_NOT_EDITABLE', '该版本已发布，不能再处理个人信息。');
    const f = (
      await tx.query<{ id: number; source: string; kind: PersonalDataKind; value_hash: string; resolution: string | null }>(
        'SELECT id, source, kind, value_hash, resolution FROM personal_data_findings WHERE id = $1 AND version_id = $2',
        [findingId, v.id],
      )
    ).rows[0];
    if (!f) throw new NotFoundError('没有找到这处个人信息。');
    if (data.action === 'mask') {
      if (f.source !== 'body') throw new ValidationError({ action: '附件中的个人信息请在原文件中处理后重新上传，或说明公开理由。' });
      const allow = await unitContactAllowList(tx, item.unit_id);
      const hits = detectPersonalData(v.body_text, { allow }).filter((h) => h.valueHash === f.value_hash);
      const html = maskInText(v.body_html, hits);
      await tx.query('UPDATE item_versions SET body_html = $2, body_text = $3, updated_at = $4 WHERE id = $1', [v.id, html, htmlToText(html), now]);
    }
    await tx.query('UPDATE personal_data_findings SET resolution = $2, justification = $3, resolved_by = $4, resolved_at = $5 WHERE id = $1', [
      f.id,
      data.action === 'mask' ? 'masked' : 'justified',
      data.action === 'justify' ? data.justification : null,
      actorUserId(actor),
      now,
    ]);
    await recordEvent(tx, actor, {
      at: now,
      itemId,
      unitId: item.unit_id,
      versionId: v.id,
      type: data.action === 'mask' ? 'personal_data_masked' : 'personal_data_justified',
      remarks: data.action === 'justify' ? data.justification : '',
      payload: { kind: PERSONAL_DATA_LABELS[f.kind], source: f.source },
    });
  });
}
