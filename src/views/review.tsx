/**
 * The review workflow's controls that records published through review share (a Q&A entry, a dataset): 送审 for the
 * editor, approve or return with a note for a reviewer, withdrawal with a public reason, and the record's event log.
 * Each form posts to `<base>/submit`, `<base>/review` (decision=approve|return, note) and `<base>/withdraw` (reason).
 */
import type { ViewContext } from './context.ts';
import { CsrfField, Field } from './layout.tsx';
import { chinaDateTime } from '../lib/clock.ts';

export function ReviewControls(p: {
  ctx: ViewContext;
  base: string;
  state: 'draft' | 'review' | 'published' | 'withdrawn';
  mayEdit: boolean;
  mayReview: boolean;
  /** What is withdrawn, as the summary says it: 这条问答, 这个数据集. */
  noun: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  submitClass?: string;
}) {
  const { values: v, errors: er } = p;
  return (
    <>
      {p.mayEdit && p.state === 'draft' ? (
        <form method="post" action={`${p.base}/submit`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class={p.submitClass ?? 'button'}>
            送审
          </button>
        </form>
      ) : null}
      {p.mayReview && p.state === 'review' ? (
        <form method="post" action={`${p.base}/review`} aria-labelledby="rv-h">
          <h2 id="rv-h">审核</h2>
          <CsrfField ctx={p.ctx} />
          <Field name="note" label="退回意见（退回时填写）" value={v.note} error={er.note} />
          <div class="button-row">
            <button type="submit" name="decision" value="approve" class="button">
              审核通过并发布
            </button>
            <button type="submit" name="decision" value="return" class="button secondary">
              退回修改
            </button>
          </div>
        </form>
      ) : null}
      {p.mayReview && p.state !== 'withdrawn' ? (
        <details open={!!er.reason}>
          <summary>撤回{p.noun}</summary>
          <form method="post" action={`${p.base}/withdraw`}>
            <CsrfField ctx={p.ctx} />
            <Field name="reason" label="撤回理由（公开）" value={v.reason} error={er.reason} required />
            <button type="submit" class="button secondary">
              撤回
            </button>
          </form>
        </details>
      ) : null}
    </>
  );
}

/** A record's event log (办理记录), each kind named in the user's words. */
export function EventLog(p: { events: { kind: string; at: Date; actor_label: string }[]; labels: Record<string, string> }) {
  return (
    <>
      <h2>办理记录</h2>
      <ul>
        {p.events.map((ev) => (
          <li>
            {chinaDateTime(ev.at)} {ev.actor_label} {p.labels[ev.kind] ?? ev.kind}
          </li>
        ))}
      </ul>
    </>
  );
}
