/**
 * The feedback: once every comment has a disposition (and a reason where not adopted), the adoption report is
 * written as a draft information item of the unit, which goes through 保密审查 and 审核 like any item; when it is
 * published the consultation reads 已反馈 and each commenter who left an e-mail or a mobile number is told what
 * became of his comments.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { actorLabel, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { notifyContact, type ContactSettings } from '../../notifications/index.ts';
import { addAttachments, saveDraft } from '../../publishing/index.ts';
import { splitClauses } from '../clauses.ts';
import { groupDuplicates } from '../duplicates.ts';
import { listComments } from '../queries.ts';
import { adoptionReport, adoptionTableXlsx, DISPOSITIONS, incompleteDispositions, MAX_INLINE_ROWS, reportHtml, TABLE_FILENAME } from '../report.ts';
import { openConsultation, recordEvent, type ParticipationContext } from './common.ts';
import { consultationStatus } from '../status.ts';

export async function generateFeedback(db: DbOrTx, actor: Actor, ctx: ParticipationContext, id: number): Promise<{ itemId: number }> {
  return inTx(db, async (tx) => {
    const c = await openConsultation(tx, actor, id);
    if (c.feedback_item_id) throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '反馈已经生成，请在信息中修改和送审。');
    if (consultationStatus(c, ctx.today) !== 'closed') throw new ConflictError('CONSULTATION_INVALID_TRANSITION', '征求意见截止后才能生成反馈。');
    const comments = await listComments(tx, c.id);
    const missing = incompleteDispositions(comments);
    if (missing.length)
      throw new ValidationError({ ids: `还有${missing.length}条意见没有处理结果或理由（序号 ${missing.slice(0, 20).join('、')}${missing.length > 20 ? ' 等' : ''}）` });
    const report = adoptionReport(splitClauses(c.draft_html), comments, groupDuplicates(comments));
    // Written by the platform on the clerk's behalf, like 依申请转主动: the draft then goes through the normal review.
    const drafter: Actor = { kind: 'system', label: `意见征集反馈（${actorLabel(actor)}）` };
    const draft = await saveDraft(tx, drafter, ctx.now, {
      unitId: c.unit_id,
      input: {
        kind: 'information',
        title: `关于《${c.title.replace(/^《|》$/g, '')}》征求意见采纳情况的说明`.slice(0, 200),
        sectionCode: 'a20_01',
        disclosure: 'proactive',
        // Defaults the clerk may change in the draft: the report is about public participation, not a 公文 kind.
        topic: '综合政务\\政务公开',
        genre: '其他',
        summary: `共收到意见${report.total}条，采纳${report.byDisposition.adopted}条，部分采纳${report.byDisposition.partly_adopted}条，不采纳${report.byDisposition.not_adopted}条。`,
        bodyHtml: reportHtml({ id: c.id, title: c.title, opensOn: c.opens_on, closesOn: c.closes_on, unitName: c.unit_name }, report),
      },
    });
    if (report.rows.length > MAX_INLINE_ROWS) {
      // Generated here, not uploaded: its size is bounded by the comments, not by the upload limit.
      const table = await adoptionTableXlsx(c.title, report);
      await addAttachments(tx, drafter, ctx.now, draft.itemId, [{ filename: TABLE_FILENAME, content: table }], table.length);
    }
    await tx.query('UPDATE consultations SET feedback_item_id = $2, updated_at = $3 WHERE id = $1', [c.id, draft.itemId, ctx.now]);
    await recordEvent(tx, actor, ctx.now, c, 'feedback_drafted', { itemId: draft.itemId, total: report.total, adopted: report.byDisposition.adopted });
    return { itemId: draft.itemId };
  });
}

/**
 * Tells commenters the disposition of their comments once the feedback is published: one message per comment, once
 * (notified_at), written to the outbox in the same transaction. Run by the worker with the other periodic jobs.
 */
export async function notifyDispositions(db: DbOrTx, now: Date, contact: ContactSettings, baseUrl = ''): Promise<number> {
  return inTx(db, async (tx) => {
    const due = await tx.query<{ id: number; consultation_id: number; title: string; unit_name: string; contact: string; disposition: keyof typeof DISPOSITIONS; reason: string }>(
      `SELECT m.id::int, m.consultation_id::int, c.title, u.name AS unit_name, m.contact, m.disposition, m.reason
         FROM consultation_comments m JOIN consultations c ON c.id = m.consultation_id JOIN units u ON u.id = c.unit_id
         JOIN information_items i ON i.id = c.feedback_item_id
        WHERE i.status = 'published' AND m.notified_at IS NULL AND m.contact <> '' AND m.disposition IS NOT NULL
        ORDER BY m.id LIMIT 500 FOR UPDATE OF m SKIP LOCKED`,
    );
    for (const m of due.rows) {
      // An address has one @ and a dot after it; anything else is taken as a phone number (and sent only if mobile).
      const at = m.contact.indexOf('@');
      const email = at > 0 && at === m.contact.lastIndexOf('@') && m.contact.indexOf('.', at) > at + 1 && !/\s/.test(m.contact) ? m.contact : '';
      const phone = email ? '' : m.contact;
      const outcome = `${DISPOSITIONS[m.disposition]}${m.reason ? `。理由：${m.reason}` : ''}`;
      await notifyContact(
        tx,
        now,
        contact,
        { email, phone },
        {
          purpose: 'consultation.disposition',
          subject: `您对《${m.title}》的意见已有处理结果`,
          body: `您好！您对${m.unit_name}《${m.title}》提出的意见（第${m.id}号），处理结果为：${outcome}\n采纳情况的说明已经公布：${baseUrl}/hdjl/yjzj/${m.consultation_id}`,
          smsParams: { title: m.title.slice(0, 20), result: DISPOSITIONS[m.disposition] },
          subjectType: 'consultation_comment',
          subjectId: m.id,
        },
      );
      await tx.query('UPDATE consultation_comments SET notified_at = $2 WHERE id = $1', [m.id, now]);
    }
    return due.rows.length;
  });
}
