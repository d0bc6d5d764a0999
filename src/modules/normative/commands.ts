/**
 * A cleanup campaign: started with every current 规章 and 行政规范性文件 of the unit, each decided, then published in
 * one transaction: the result list becomes a published information item of the unit and every document's validity
 * follows its decision (修改 → 已修订 by the revising document; 废止, 宣布失效 → by the result list). 备案审查 records too.
 */
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { actorLabel, authorize, type Actor } from '../../lib/authz.ts';
import { audit, logRecordEvent } from '../../lib/audit.ts';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { chinaDate } from '../../lib/clock.ts';
import { getUnit } from '../orgs/index.ts';
import { changeValidity, saveDraft, transitionItem } from '../publishing/index.ts';
import { campaignDecisions, getCampaign, LOG, type CampaignRow } from './queries.ts';
import { checkDecision, checkFiling, resultHtml, VALIDITY_AFTER } from './rules.ts';

async function openCampaign(tx: Queryable, actor: Actor, id: number, action: 'cleanup.edit' | 'cleanup.publish'): Promise<CampaignRow> {
  await tx.query('SELECT id FROM cleanup_campaigns WHERE id = $1 FOR UPDATE', [id]);
  const c = await getCampaign(tx, id);
  if (!c) throw new NotFoundError('没有这次清理。');
  authorize(actor, action, { unitPath: c.unit_path });
  if (c.state !== 'open') throw new ConflictError(ErrorCodes.CLEANUP_STATE, '清理结果已公布，不能再修改。');
  return c;
}

/** Starts a campaign with every current 规章 and 行政规范性文件 of the unit, oldest first. */
export async function startCampaign(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; title: string; basis: string }): Promise<number> {
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = '请填写清理的名称，如“2026年行政规范性文件清理”';
  if (input.title.length > 200) errors.title = '名称不超过200字';
  if (input.basis.length > 1000) errors.basis = '依据不超过1000字';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'cleanup.edit', { unitPath: unit.path });
    const open = (await tx.query('SELECT 1 FROM cleanup_campaigns WHERE unit_id = $1 AND state = $2', [unit.id, 'open'])).rows.length;
    if (open) throw new ConflictError(ErrorCodes.CLEANUP_STATE, '本单位有一次清理尚未公布结果，请先完成它。');
    const docs = (
      await tx.query<{ id: number }>(
        `SELECT i.id FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
          WHERE i.unit_id = $1 AND i.status = 'published' AND i.legal_form <> '' AND i.validity = 'current'
          ORDER BY v.written_date NULLS LAST, i.id`,
        [unit.id],
      )
    ).rows;
    if (!docs.length) throw new ValidationError({ title: '本单位没有现行有效的规章和规范性文件。请先在信息的编辑页标注“文件性质”。' });
    const id = (
      await tx.query<{ id: number }>('INSERT INTO cleanup_campaigns (unit_id, title, basis, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) RETURNING id', [
        unit.id,
        input.title.trim(),
        input.basis.trim(),
        now,
      ])
    ).rows[0].id;
    for (const [n, d] of docs.entries()) await tx.query('INSERT INTO cleanup_decisions (campaign_id, item_id, seq) VALUES ($1, $2, $3)', [id, d.id, n + 1]);
    await logRecordEvent(tx, LOG, actor, now, { id, unit_id: unit.id }, 'started', { documents: docs.length });
    return id;
  });
}

export async function decide(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  campaignId: number,
  itemId: number,
  input: { decision: string; followUpIndexNo: string; reason: string },
): Promise<void> {
  const decision = checkDecision(input);
  await inTx(db, async (tx) => {
    const c = await openCampaign(tx, actor, campaignId, 'cleanup.edit');
    const listed = (await tx.query('SELECT 1 FROM cleanup_decisions WHERE campaign_id = $1 AND item_id = $2', [campaignId, itemId])).rows.length;
    if (!listed) throw new NotFoundError('这次清理中没有这份文件。');
    let followUp: number | null = null;
    if (input.followUpIndexNo.trim()) {
      const f = (await tx.query<{ id: number }>("SELECT id FROM information_items WHERE index_no = $1 AND status = 'published'", [input.followUpIndexNo.trim().slice(0, 60)]))
        .rows[0];
      if (!f) throw new ValidationError({ followUpIndexNo: `没有索引号为“${input.followUpIndexNo.trim().slice(0, 60)}”的已发布信息` });
      if (f.id === itemId) throw new ValidationError({ followUpIndexNo: '不能是文件本身' });
      followUp = f.id;
    }
    await tx.query('UPDATE cleanup_decisions SET decision = $3, follow_up_item_id = $4, reason = $5, decided_at = $6 WHERE campaign_id = $1 AND item_id = $2', [
      campaignId,
      itemId,
      decision,
      followUp,
      input.reason.trim(),
      now,
    ]);
    await tx.query('UPDATE cleanup_campaigns SET updated_at = $2 WHERE id = $1', [campaignId, now]);
    await logRecordEvent(tx, LOG, actor, now, { id: campaignId, unit_id: c.unit_id }, 'decided', { item: itemId, decision, followUp });
  });
}

/**
 * Publishes the result: the list as an information item of the unit (written by the platform on the office's
 * behalf, as the annual report is), and each document's validity changed, all in one transaction.
 */
export async function publishCampaign(db: DbOrTx, actor: Actor, now: Date, campaignId: number): Promise<number> {
  return inTx(db, async (tx) => {
    const c = await openCampaign(tx, actor, campaignId, 'cleanup.publish');
    const rows = await campaignDecisions(tx, campaignId);
    const undecided = rows.filter((r) => !r.decision);
    if (undecided.length) throw new ConflictError(ErrorCodes.CLEANUP_UNDECIDED, `还有 ${undecided.length} 份文件没有清理结果：${undecided.map((r) => r.title).join('；')}`);
    const system: Actor = { kind: 'system', label: `规范性文件清理结果公布（${actorLabel(actor)}）` };
    const intro = `${c.unit_name}${c.basis ? `根据${c.basis}，` : ''}对本单位现行有效的规章和行政规范性文件进行了清理，现将清理结果公布如下。`;
    const { itemId } = await saveDraft(tx, system, now, {
      unitId: c.unit_id,
      input: {
        kind: 'information',
        title: `${c.unit_name}关于公布${c.title}结果的通知`,
        sectionCode: 'a20_01',
        disclosure: 'proactive',
        genre: '通知',
        topic: '综合政务\\其他',
        issuingOrgans: [c.unit_name],
        writtenDate: chinaDate(now),
        bodyHtml: resultHtml(
          intro,
          rows.map((r) => ({ title: r.title, doc_no: r.doc_no, decision: r.decision!, reason: r.reason, follow_up_title: r.follow_up_title })),
        ),
      },
    });
    for (const s of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(tx, system, now, itemId, s);
    for (const r of rows) {
      const validity = VALIDITY_AFTER[r.decision!];
      if (validity) await changeValidity(tx, system, now, r.item_id, { validity, byItemId: r.follow_up_item_id ?? itemId });
    }
    await tx.query("UPDATE cleanup_campaigns SET state = 'published', result_item_id = $2, published_at = $3, updated_at = $3 WHERE id = $1", [campaignId, itemId, now]);
    await logRecordEvent(tx, LOG, actor, now, { id: campaignId, unit_id: c.unit_id }, 'published', {
      resultItem: itemId,
      changed: rows.filter((r) => VALIDITY_AFTER[r.decision!]).length,
    });
    return itemId;
  });
}

/** Records (or corrects) a document's 备案审查: when it was filed, with whom, and the review's conclusion. */
export async function recordFiling(
  db: DbOrTx,
  actor: Actor,
  now: Date,
  itemId: number,
  input: { filedOn: string; filedWith: string; conclusion: string; note: string },
): Promise<void> {
  const conclusion = checkFiling(input);
  await inTx(db, async (tx) => {
    const item = (
      await tx.query<{ unit_id: number; path: string; legal_form: string }>(
        'SELECT i.unit_id, u.path, i.legal_form FROM information_items i JOIN units u ON u.id = i.unit_id WHERE i.id = $1',
        [itemId],
      )
    ).rows[0];
    if (!item) throw new NotFoundError('没有这份文件。');
    authorize(actor, 'cleanup.edit', { unitPath: item.path });
    if (!item.legal_form) throw new ValidationError({ filedOn: '只有规章和行政规范性文件需要备案审查' });
    await tx.query(
      `INSERT INTO filing_reviews (item_id, filed_on, filed_with, conclusion, note, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (item_id) DO UPDATE SET filed_on = $2, filed_with = $3, conclusion = $4, note = $5, updated_at = $6`,
      [itemId, input.filedOn, input.filedWith.trim().slice(0, 100), conclusion, input.note.trim().slice(0, 500), now],
    );
    // The record belongs to the document; the audit log keeps who recorded what.
    await audit(tx, actor, {
      at: now,
      action: 'cleanup.filing_recorded',
      subjectType: 'information_item',
      subjectId: itemId,
      unitId: item.unit_id,
      details: { ...input, conclusion },
    });
  });
}
