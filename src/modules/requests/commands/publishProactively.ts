/**
 * 依申请转主动 (Art. 44): information released on request becomes a draft information item of the unit, to be
 * completed and published through the normal review (保密审查 → 审核). The draft is written by the platform on the
 * officer's behalf, because request officers do not hold the publisher role; the audit log names the officer.
 */
import { escapeHtml } from '../../../lib/html.ts';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { actorLabel, type Actor } from '../../../lib/authz.ts';
import { ConflictError } from '../../../lib/errors.ts';
import { saveDraft } from '../../publishing/index.ts';
import { caseEvents, recordStep, type CaseContext } from '../caseStore.ts';
import { OUTCOME_BY_CODE } from '../outcomes.ts';
import { openCase } from './common.ts';

/** One transaction: the case step and the draft it creates (through the publishing module's command) both, or neither. */
export async function publishProactively(db: DbOrTx, ctx: CaseContext, actor: Actor, caseId: number) {
  return inTx(db, (tx) => publishIn(tx, ctx, actor, caseId));
}

async function publishIn(db: Queryable, ctx: CaseContext, actor: Actor, caseId: number) {
  const c = await openCase(db, actor, caseId);
  const group = c.outcome ? OUTCOME_BY_CODE.get(c.outcome)?.group : undefined;
  if (group !== 'disclose' && group !== 'partial') throw new ConflictError('CASE_NOT_RELEASED', '只有予以公开或部分公开的信息可以转为主动公开。');
  const already = (await db.query<{ published_item_id: string | null }>('SELECT published_item_id::text FROM request_cases WHERE id = $1', [caseId])).rows[0].published_item_id;
  if (already) throw new ConflictError('CASE_ALREADY_PROACTIVE', '这件申请的信息已经转为主动公开。');
  const decision = [...(await caseEvents(db, caseId))].reverse().find((e) => e.kind === 'decide');
  const detail = String(decision?.details.detail ?? '');
  const drafter: Actor = { kind: 'system', label: `依申请转主动（${actorLabel(actor)}）` };
  const draft = await saveDraft(db, drafter, ctx.now, {
    unitId: c.unit_id,
    input: {
      kind: 'information',
      title: (c.info_title || c.info_description).slice(0, 200),
      sectionCode: 'a20_01',
      disclosure: 'proactive',
      docNo: c.info_doc_no,
      summary: `经依申请公开（${c.case_no}）审查可以公开，依条例第四十四条转为主动公开。`,
      bodyHtml: `<p>${escapeHtml(detail || c.info_description)}</p>`,
    },
  });
  const fresh = await openCase(db, actor, caseId);
  return recordStep(db, ctx, actor, fresh, 'publish_proactively', ctx.today, { itemId: draft.itemId }, { published_item_id: draft.itemId });
}
