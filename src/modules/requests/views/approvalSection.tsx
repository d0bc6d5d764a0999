/** The reply waiting for the head's approval: its text as it would be issued, and approve or return (ADR 0015). */
import { chinaDateTime } from '../../../lib/clock.ts';
import { Field } from '../../../views/layout.tsx';
import { Action } from './caseAction.tsx';
import type { CasePageProps } from './casePage.tsx';

export function ApprovalSection({ p }: { p: CasePageProps }) {
  const pending = p.approval.pending;
  if (!pending) return null;
  const v = p.failed?.values ?? {};
  const e = p.failed?.errors ?? {};
  return (
    <>
      <section class="letter-preview" aria-labelledby="pending-reply-h">
        <h3 id="pending-reply-h">送审的答复：{pending.title}（批准后编号出具）</h3>
        <p class="hint">
          {pending.by}于{chinaDateTime(pending.at)}提交。{p.approval.canApprove ? '' : '等待本单位政府信息公开工作机构负责人审批；答复期限照常计算。'}
        </p>
        {pending.paragraphs.map((para) => (
          <p>{para}</p>
        ))}
      </section>
      {p.approval.canApprove ? (
        <>
          <Action p={p} name="approve-reply" title="批准并出具答复告知书" button="批准并出具">
            <Field idPrefix="a-approve" name="opinion" label="审批意见（可不填）" value={v.opinion} error={e.opinion} />
            <Field idPrefix="a-approve" name="onDate" label="批准日期（即答复日期）" type="date" value={v.onDate ?? p.today} error={e.onDate} required />
          </Action>
          <Action p={p} name="return-reply" title="退回修改" button="退回承办人">
            <Field idPrefix="a-return" name="opinion" label="退回意见" value={v.opinion} error={e.opinion} required />
          </Action>
        </>
      ) : null}
    </>
  );
}
