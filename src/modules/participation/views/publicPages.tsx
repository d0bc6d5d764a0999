/** The public side of consultations: the list, and one consultation with its draft, comments, form and feedback. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import { trustStored } from '../../../lib/html.ts';
import type { Clause } from '../clauses.ts';
import type { CommentRow, ConsultationRow } from '../queries.ts';
import { CHANNELS, DISPOSITIONS, maskName, maskText } from '../report.ts';
import { consultationDays, daysLeft, STATUS_LABELS, type ConsultationStatus } from '../status.ts';

const crumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '意见征集', href: '/hdjl/yjzj' }, { label: last }] : [{ label: '意见征集' }])];
const period = (c: ConsultationRow) => `${c.opens_on} 至 ${c.closes_on}（${consultationDays(c.opens_on, c.closes_on)}日）`;

export function StatusTag(props: { status: ConsultationStatus; c: ConsultationRow; today: string }) {
  const left = props.status === 'open' ? daysLeft(props.c, props.today) : 0;
  return (
    <span class={`tag status-${props.status}`}>
      {STATUS_LABELS[props.status]}
      {props.status === 'open' ? (left === 1 ? '，今天截止' : `，还剩${left}天`) : ''}
    </span>
  );
}

export function ConsultationListPage(props: { ctx: ViewContext; rows: { c: ConsultationRow; status: ConsultationStatus }[]; today: string; filter: string }) {
  const filters: [string, string][] = [
    ['', '全部'],
    ['open', '征集中'],
    ['closed', '已截止'],
    ['concluded', '已反馈'],
  ];
  const shown = props.filter ? props.rows.filter((r) => r.status === props.filter) : props.rows;
  return (
    <Layout ctx={props.ctx} title="意见征集" crumbs={crumbs()}>
      <h1>意见征集</h1>
      <p>重大行政决策和涉及群众切身利益的文件，出台前在这里公开征求意见。征求意见一般不少于30日，截止后公布意见采纳情况。</p>
      <nav aria-label="按状态筛选">
        <ul class="chips">
          {filters.map(([k, label]) => (
            <li>{props.filter === k ? <strong aria-current="page">{label}</strong> : <a href={k ? `/hdjl/yjzj?status=${k}` : '/hdjl/yjzj'}>{label}</a>}</li>
          ))}
        </ul>
      </nav>
      {shown.length ? (
        <ul class="item-list">
          {shown.map(({ c, status }) => (
            <li>
              <a href={`/hdjl/yjzj/${c.id}`}>{c.title}</a>
              <span class="muted">
                {' '}
                {c.unit_name} · {period(c)}
              </span>{' '}
              <StatusTag status={status} c={c} today={props.today} />
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
      <p>
        <a href="/hdjl/yjzj/feed.xml">订阅意见征集（Atom）</a>
      </p>
      <p>
        另见：<a href="/hdjl/jcml">重大行政决策事项目录</a>、<a href="/hdjl/hy">会议开放</a>、<a href="/hdjl/wjdc">问卷调查</a>、<a href="/hdjl/ly">政民互动（留言）</a>
      </p>
    </Layout>
  );
}

export interface ConsultationPageProps {
  ctx: ViewContext;
  c: ConsultationRow;
  status: ConsultationStatus;
  today: string;
  clauses: Clause[];
  comments: CommentRow[];
  feedbackUrl?: string;
  /** The decision-catalogue entry this consultation serves, when public. */
  decision?: { id: number; code: string; title: string };
  values: Record<string, string>;
  errors: Record<string, string>;
  /** Why a post was refused when the form is no longer there (the consultation closed meanwhile). */
  message?: string;
  notice?: string;
}

export function ConsultationPage(p: ConsultationPageProps) {
  const { c } = p;
  const open = p.status === 'open';
  const onClause = (key: string) => p.comments.filter((m) => m.clause_key === key);
  return (
    <Layout ctx={p.ctx} title={c.title} crumbs={crumbs(c.title)}>
      <h1>{c.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {!open && p.message ? <ErrorSummary errors={{}} message={p.message} /> : null}
      <p>
        <StatusTag status={p.status} c={c} today={p.today} />
      </p>
      {c.state === 'withdrawn' ? (
        <div class="banner-warning" role="note">
          本次征求意见已撤回：{c.withdrawn_reason}
        </div>
      ) : null}
      <dl class="facts">
        <dt>征集单位</dt>
        <dd>{c.unit_name}</dd>
        <dt>征集期限</dt>
        <dd>{period(c)}</dd>
        {c.shortened_reason ? (
          <>
            <dt>期限少于30日的理由</dt>
            <dd>{c.shortened_reason}</dd>
          </>
        ) : null}
        {p.decision ? (
          <>
            <dt>重大行政决策事项</dt>
            <dd>
              <a href={`/hdjl/jcml/sx/${p.decision.id}`}>
                {p.decision.code} {p.decision.title}
              </a>
            </dd>
          </>
        ) : null}
        {c.legal_basis ? (
          <>
            <dt>依据</dt>
            <dd>{c.legal_basis}</dd>
          </>
        ) : null}
        <dt>提出意见的方式</dt>
        <dd>
          {c.channels.map((k) => CHANNELS[k as keyof typeof CHANNELS] ?? k).join('、')}；{c.contact}
        </dd>
        <dt>意见采纳情况</dt>
        <dd>{p.feedbackUrl ? <a href={p.feedbackUrl}>查看意见采纳情况的说明</a> : c.feedback_due_on ? `截止后研究处理，${c.feedback_due_on} 前公布` : '截止后公布'}</dd>
      </dl>
      {c.explanation_html ? (
        <section aria-labelledby="explain-h">
          <h2 id="explain-h">起草说明</h2>
          <div class="doc-body" dangerouslySetInnerHTML={{ __html: trustStored(c.explanation_html) }} />
        </section>
      ) : null}
      <section aria-labelledby="draft-h">
        <h2 id="draft-h">征求意见稿</h2>
        <div class="doc-body clauses">
          {p.clauses.map((cl) => (
            <div id={`clause-${cl.key}`} class="clause">
              {cl.text.split('\n').map((t) => (
                <p>{t}</p>
              ))}
              <p class="clause-actions">
                {open ? <a href={`/hdjl/yjzj/${c.id}?clause=${cl.key}#comment-form`}>对{cl.label}提意见</a> : null}
                {onClause(cl.key).length ? <span class="muted">{` 已公开意见 ${onClause(cl.key).length} 条`}</span> : null}
              </p>
            </div>
          ))}
        </div>
      </section>
      {p.comments.length ? (
        <section aria-labelledby="comments-h">
          <h2 id="comments-h">公开的意见（{p.comments.length}条）</h2>
          <ol class="comments">
            {p.comments.map((m) => (
              <li>
                <p class="muted">
                  {maskName(m.name)} · {m.clause_key ? (p.clauses.find((x) => x.key === m.clause_key)?.label ?? '全文') : '全文'} · {m.received_on}
                </p>
                <p>{maskText(m.body)}</p>
                {p.status === 'concluded' && m.disposition ? (
                  <p class="disposition">
                    <strong>处理结果：{DISPOSITIONS[m.disposition]}</strong>
                    {m.reason ? `。${m.reason}` : ''}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {open ? <CommentForm p={p} /> : null}
    </Layout>
  );
}

function CommentForm({ p }: { p: ConsultationPageProps }) {
  const v = p.values;
  const e = p.errors;
  return (
    <section aria-labelledby="comment-form-h" id="comment-form">
      <h2 id="comment-form-h">提出意见</h2>
      <ErrorSummary errors={e} message={p.message} />
      <form method="post" action={`/hdjl/yjzj/${p.c.id}/comments`}>
        <CsrfField ctx={p.ctx} />
        <div class={`field${e.clauseKey ? ' field-error' : ''}`}>
          <label for="f-clauseKey">针对的条款</label>
          {e.clauseKey ? (
            <p class="error-message" id="f-clauseKey-error">
              {e.clauseKey}
            </p>
          ) : null}
          <select id="f-clauseKey" name="clauseKey">
            <option value="">全文</option>
            {p.clauses.map((cl) => (
              <option value={cl.key} selected={v.clauseKey === cl.key}>
                {cl.label}：{cl.text.slice(0, 24)}
                {cl.text.length > 24 ? '…' : ''}
              </option>
            ))}
          </select>
        </div>
        <Field name="body" label="意见内容" textarea rows={8} value={v.body} error={e.body} required hint="请写明修改建议和理由，5000字以内" />
        <Field name="name" label="姓名或单位（可不填）" value={v.name} error={e.name} autocomplete="name" />
        <Field name="contact" label="电子邮箱或手机号（可不填）" value={v.contact} error={e.contact} hint="填写后，意见的处理结果会告知您；不会公开" autocomplete="email" />
        <div class="field checkbox">
          <input id="f-consentPublish" type="checkbox" name="consentPublish" value="1" checked={v.consentPublish === '1'} />
          <label for="f-consentPublish">同意在本页公开我的意见内容（姓名只显示姓，联系方式不公开）</label>
        </div>
        <p class="hint">您提供的姓名和联系方式仅用于研究意见和告知处理结果。意见中的身份证号、电话号码等个人信息公开前会被遮盖。</p>
        <button type="submit" class="button">
          提交意见
        </button>
      </form>
    </section>
  );
}
