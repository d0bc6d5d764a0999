/**
 * The report's way: draft → review (only when every cross-check holds; the tables are frozen) → returned with remarks
 * or filed (备案) with the office above → published into the unit's 政府信息公开年报 section as an information item.
 */
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { saveDraft } from '../../publishing/index.ts';
import { transitionItem } from '../../publishing/index.ts';
import { buildReport, getReport } from '../build.ts';
import { blocksHtml, reportBlocks } from '../layout.ts';
import { blankTable2 } from '../table2.ts';

export type ReportStep = 'submit' | 'return' | 'file' | 'publish';
export const REPORT_STEPS: Record<ReportStep, { from: string[]; to: string; label: string }> = {
  submit: { from: ['draft', 'returned'], to: 'review', label: '报送审核' },
  return: { from: ['review'], to: 'returned', label: '退回修改' },
  file: { from: ['review'], to: 'filed', label: '备案' },
  publish: { from: ['filed'], to: 'published', label: '公开发布' },
};
export const REPORT_STATE_LABELS: Record<string, string> = { draft: '编写中', review: '待审核备案', returned: '已退回', filed: '已备案', published: '已公开' };

/** One transaction for the whole step: publishing writes the 年报 item through the publishing commands in it too. */
export async function transitionReport(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; year: number; step: ReportStep; remarks?: string }) {
  return inTx(db, (tx) => transitionReportIn(tx, actor, now, input));
}

async function transitionReportIn(db: Queryable, actor: Actor, now: Date, input: { unitId: number; year: number; step: ReportStep; remarks?: string }) {
  const step = REPORT_STEPS[input.step];
  if (!step) throw new ValidationError({ step: '没有这个步骤' });
  const unit = (await db.query<{ id: number; path: string; name: string }>('SELECT id, path, name FROM units WHERE id = $1', [input.unitId])).rows[0];
  if (!unit) throw new NotFoundError('没有这个单位。');
  authorize(actor, input.step === 'return' || input.step === 'file' ? 'report.file' : 'report.edit', { unitPath: unit.path });
  const report = await getReport(db, unit.id, input.year);
  if (!report) throw new ConflictError('REPORT_INVALID_TRANSITION', '请先保存年度报告。');
  if (!step.from.includes(report.state)) throw new ConflictError('REPORT_INVALID_TRANSITION', `年度报告当前为“${REPORT_STATE_LABELS[report.state]}”，不能“${step.label}”。`);
  const remarks = (input.remarks ?? '').trim().slice(0, 1000);
  if (input.step === 'return' && !remarks) throw new ValidationError({ remarks: '退回时请写明修改意见' });
  const built = await buildReport(db, unit.id, input.year);
  if (input.step === 'submit') {
    const blank = blankTable2(report.entered ?? {});
    if (blank.length) throw new ConflictError('REPORT_CHECKS_FAILED', `表二尚有未填写的项，不能报送：${blank.join('、')}。没有的请填写“无”。`);
    const failed = built.checks.filter((c) => !c.ok);
    if (failed.length) throw new ConflictError('REPORT_CHECKS_FAILED', `勾稽关系不成立，不能报送：${failed.map((c) => `${c.rule}（${c.detail}）`).join('；')}`);
  }
  let itemId: number | null = report.published_item_id;
  if (input.step === 'publish') {
    // Written and published by the platform on behalf of the unit: the report was reviewed and filed already.
    const system: Actor = { kind: 'system', label: `年度报告发布（${actorLabel(actor)}）` };
    const html = blocksHtml(reportBlocks(built, report.narrative));
    const draft = await saveDraft(db, system, now, {
      unitId: unit.id,
      itemId: itemId ?? undefined,
      input: {
        kind: 'information',
        title: `${unit.name}${input.year}年政府信息公开工作年度报告`,
        sectionCode: 'annual_report',
        disclosure: 'proactive',
        genre: '报告',
        topic: '综合政务\\政务公开',
        bodyHtml: html,
        writtenDate: now.toISOString().slice(0, 10),
      },
    });
    itemId = draft.itemId;
    for (const s of ['submit', 'secrecy_approve', 'approve'] as const) await transitionItem(db, system, now, itemId, s);
  }
  await inTx(db, async (tx) => {
    await tx.query(
      `UPDATE annual_reports SET state = $2, remarks = $3, snapshot = CASE WHEN $4 THEN $5::jsonb ELSE snapshot END, published_item_id = $6, updated_at = $7 WHERE id = $1`,
      [
        report.id,
        step.to,
        input.step === 'return' ? remarks : report.remarks,
        input.step === 'submit',
        JSON.stringify({ table3: built.table3, table4: built.table4 }),
        itemId,
        now,
      ],
    );
    await tx.query('INSERT INTO annual_report_events (report_id, kind, at, actor_user_id, actor_label, remarks) VALUES ($1, $2, $3, $4, $5, $6)', [
      report.id,
      input.step,
      now,
      actorUserId(actor),
      actorLabel(actor),
      remarks,
    ]);
    await audit(tx, actor, {
      at: now,
      action: `report.${input.step}`,
      subjectType: 'annual_report',
      subjectId: report.id,
      unitId: unit.id,
      details: { year: input.year, remarks: remarks || undefined },
    });
  });
  return { state: step.to, itemId };
}
