/** Staff screens of consultations: the list, the form, and one consultation with its comments and their handling. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { can } from '../../../lib/authz.ts';
import { chinaDateTime } from '../../../lib/clock.ts';
import type { Clause } from '../clauses.ts';
import type { DuplicateReport } from '../duplicates.ts';
import type { CommentRow, ConsultationRow } from '../queries.ts';
import { CHANNELS, DISPOSITIONS } from '../report.ts';
import { MIN_CONSULTATION_DAYS, STATUS_LABELS, type ConsultationStatus } from '../status.ts';

const CONSULTATION_EVENTS: Record<string, string> = {
  created: '新建',
  edited: '修改',
  published: '发布',
  withdrawn: '撤回',
  comment_received: '收到网上意见',
  comment_registered: '登记意见',
  comments_published: '审核公开意见',
  comments_hidden: '设为不公开',
  comments_disposed: '处理意见',
  feedback_drafted: '生成意见采纳情况说明',
  feedback_due_moved: '因作出决定，反馈期限提前',
};

const crumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '意见征集', href: '/staff/consultations' }, { label: last }] : [{ label: '意见征集' }]),
];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function StaffListPage(props: { ctx: ViewContext; rows: { c: ConsultationRow; status: ConsultationStatus; comments: number }[]; canCreate: boolean }) {
  return (
    <Layout ctx={props.ctx} title="意见征集" staff crumbs={crumbs()}>
      <h1>意见征集</h1>
      {props.canCreate ? (
        <p>
          <a class="button" href="/staff/consultations/new">
            新建意见征集
          </a>
        </p>
      ) : null}
      <table class="data">
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">单位</th>
            <th scope="col">期限</th>
            <th scope="col">状态</th>
            <th scope="col">意见数</th>
            <th scope="col">反馈期限</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map(({ c, status, comments }) => (
            <tr>
              <td>
                <a href={`/staff/consultations/${c.id}`}>{c.title}</a>
              </td>
              <td>{c.unit_name}</td>
              <td>
                {c.opens_on} 至 {c.closes_on}
              </td>
              <td>{STATUS_LABELS[status]}</td>
              <td>{comments}</td>
              <td>{c.feedback_due_on ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function ConsultationFormPage(props: {
  ctx: ViewContext;
  id?: number;
  units: { id: number; name: string }[];
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}) {
  const v = props.values as Record<string, string>;
  const e = props.errors;
  const channels = new Set(([] as string[]).concat(props.values.channels ?? []));
  return (
    <Layout ctx={props.ctx} title={props.id ? '修改意见征集' : '新建意见征集'} staff crumbs={crumbs(props.id ? '修改' : '新建')}>
      <h1>{props.id ? '修改意见征集' : '新建意见征集'}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={props.id ? `/staff/consultations/${props.id}/edit` : '/staff/consultations/new'}>
        <CsrfField ctx={props.ctx} />
        {props.id ? null : (
          <Select name="unitId" label="征集单位" options={props.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />
        )}
        <Field name="title" label="标题" value={v.title} error={e.title} required hint="如：示范市养犬管理规定（征求意见稿）" />
        <Field
          name="draftHtml"
          label="征求意见稿"
          value={v.draftHtml}
          error={e.draftHtml}
          textarea
          rows={16}
          required
          hint="按“第一条……”分条书写的，公众可以逐条提意见"
          data={{ 'rich-editor': '1' }}
        />
        <Field name="explanationHtml" label="起草说明" value={v.explanationHtml} error={e.explanationHtml} textarea rows={6} data={{ 'rich-editor': '1' }} />
        <Field name="legalBasis" label="依据" value={v.legalBasis} error={e.legalBasis} hint="如：《重大行政决策程序暂行条例》第十四条" />
        <fieldset class={e.channels ? 'field-error' : undefined}>
          <legend>征求意见的渠道</legend>
          {e.channels ? <p class="error-message">{e.channels}</p> : null}
          {Object.entries(CHANNELS).map(([k, label]) => (
            <div class="field checkbox">
              <input id={`f-channel-${k}`} type="checkbox" name="channels" value={k} checked={channels.has(k)} />
              <label for={`f-channel-${k}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <Field name="contact" label="联系人和联系方式" value={v.contact} error={e.contact} required hint="信函地址、电子邮箱、电话" />
        <Field name="opensOn" label="开始日期" type="date" value={v.opensOn} error={e.opensOn} required />
        <Field name="closesOn" label="截止日期" type="date" value={v.closesOn} error={e.closesOn} required hint={`一般不少于${MIN_CONSULTATION_DAYS}日（含首尾两日）`} />
        <Field
          name="shortenedReason"
          label="期限少于30日的理由"
          value={v.shortenedReason}
          error={e.shortenedReason}
          textarea
          rows={2}
          hint="少于30日的必须填写，并在征集页面上公开"
        />
        <div class="field checkbox">
          <input id="f-publishComments" type="checkbox" name="publishComments" value="1" checked={v.publishComments === '1'} />
          <label for="f-publishComments">经审核后公开意见内容（仅限意见人同意公开的）</label>
        </div>
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}

export interface StaffDetailProps {
  ctx: ViewContext;
  c: ConsultationRow;
  status: ConsultationStatus;
  clauses: Clause[];
  comments: CommentRow[];
  duplicates: DuplicateReport;
  templates: { id: number; disposition: string; text: string }[];
  events: { kind: string; at: Date; actor_label: string }[];
  errors: Record<string, string>;
  message?: string;
  values: Record<string, string>;
  notice?: string;
  today: string;
}

export function StaffDetailPage(p: StaffDetailProps) {
  const { c } = p;
  const mayPublish = can(p.ctx.actor, 'consultation.publish', { unitPath: c.unit_path });
  const clause = (k: string) => (k ? (p.clauses.find((x) => x.key === k)?.label ?? k) : '全文');
  const copyOf = new Map<number, number>();
  for (const g of p.duplicates.groups) for (const id of g.ids.slice(1)) copyOf.set(id, g.first);
  const undisposed = p.comments.filter((m) => !m.disposition).length;
  return (
    <Layout ctx={p.ctx} title={c.title} staff crumbs={crumbs(c.title)}>
      <h1>{c.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      <table class="data">
        <tbody>
          <tr>
            <th scope="row">状态</th>
            <td>{STATUS_LABELS[p.status]}</td>
          </tr>
          <tr>
            <th scope="row">单位</th>
            <td>{c.unit_name}</td>
          </tr>
          <tr>
            <th scope="row">期限</th>
            <td>
              {c.opens_on} 至 {c.closes_on}
              {c.shortened_reason ? `（少于30日：${c.shortened_reason}）` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">反馈期限</th>
            <td>{c.feedback_due_on ?? '发布时确定'}</td>
          </tr>
          <tr>
            <th scope="row">意见</th>
            <td>
              共{p.comments.length}条，不同意见{p.duplicates.unique}条，重复{p.duplicates.copies}条；未处理{undisposed}条
            </td>
          </tr>
        </tbody>
      </table>
      <p class="button-row">
        {c.state !== 'draft' ? <a href={`/hdjl/yjzj/${c.id}`}>查看公众页面</a> : null}
        {c.state === 'draft' ? <a href={`/staff/consultations/${c.id}/edit`}>修改</a> : null}
        {c.feedback_item_id ? <a href={`/staff/items/${c.feedback_item_id}`}>意见采纳情况说明（信息）</a> : null}
        {p.comments.length ? <a href={`/staff/consultations/${c.id}/comments.xlsx`}>导出全部意见（Excel）</a> : null}
        {p.comments.length ? <a href={`/staff/consultations/${c.id}/comments.csv`}>导出（CSV）</a> : null}
      </p>
      {c.state === 'draft' && mayPublish ? (
        <form method="post" action={`/staff/consultations/${c.id}/publish`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class="button">
            发布，按期限向公众征求意见
          </button>
        </form>
      ) : null}
      {p.status === 'closed' && !c.feedback_item_id ? (
        <form method="post" action={`/staff/consultations/${c.id}/feedback`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class="button">
            生成意见采纳情况说明（送审后公布）
          </button>
        </form>
      ) : null}
      <CommentsSection p={p} clause={clause} copyOf={copyOf} />
      {c.state === 'published' ? <RegisterForm p={p} /> : null}
      <TemplateForm p={p} />
      {c.state === 'published' && mayPublish ? (
        <details>
          <summary>撤回意见征集</summary>
          <form method="post" action={`/staff/consultations/${c.id}/withdraw`}>
            <CsrfField ctx={p.ctx} />
            <Field name="withdrawReason" label="撤回原因（公开）" value={p.values.withdrawReason} error={p.errors.withdrawReason} required />
            <button type="submit" class="button secondary">
              撤回
            </button>
          </form>
        </details>
      ) : null}
      <h2>处理记录</h2>
      <ul>
        {p.events.map((e) => (
          <li>
            {chinaDateTime(e.at)} {e.actor_label} {CONSULTATION_EVENTS[e.kind] ?? e.kind}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

function CommentsSection({ p, clause, copyOf }: { p: StaffDetailProps; clause: (k: string) => string; copyOf: Map<number, number> }) {
  if (!p.comments.length) return <p>尚未收到意见。</p>;
  const v = p.values;
  const e = p.errors;
  return (
    <form method="post" action={`/staff/consultations/${p.c.id}/bulk`} aria-labelledby="comments-h">
      <h2 id="comments-h">意见</h2>
      <CsrfField ctx={p.ctx} />
      <table class="data">
        <thead>
          <tr>
            <th scope="col">选择</th>
            <th scope="col">编号</th>
            <th scope="col">条款</th>
            <th scope="col">渠道</th>
            <th scope="col">反馈人</th>
            <th scope="col">意见</th>
            <th scope="col">公开</th>
            <th scope="col">处理结果</th>
          </tr>
        </thead>
        <tbody>
          {p.comments.map((m) => (
            <tr>
              <td>
                <input type="checkbox" name="ids" value={String(m.id)} id={`c-${m.id}`} aria-label={`选择第${m.id}号意见`} />
              </td>
              <td>{m.id}</td>
              <td>{clause(m.clause_key)}</td>
              <td>{CHANNELS[m.channel]}</td>
              <td>{m.name || '匿名'}</td>
              <td>
                {m.body}
                {copyOf.has(m.id) ? <span class="muted">（与第{copyOf.get(m.id)}号相同或基本相同）</span> : null}
              </td>
              <td>{m.moderation === 'published' ? (m.consent_publish ? '已公开' : '已审核（未同意公开）') : m.moderation === 'hidden' ? '不公开' : '待审核'}</td>
              <td>{m.disposition ? `${DISPOSITIONS[m.disposition]}${m.reason ? `：${m.reason}` : ''}` : '未处理'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {e.ids ? <p class="error-message">{e.ids}</p> : null}
      <fieldset>
        <legend>对勾选的意见</legend>
        <div class="button-row">
          <button type="submit" name="op" value="publish" class="button secondary">
            审核通过（同意公开的在页面公开）
          </button>
          <button type="submit" name="op" value="hide" class="button secondary">
            不公开
          </button>
        </div>
        <Select name="disposition" label="处理结果" options={opts(DISPOSITIONS)} value={v.disposition} error={e.disposition} blank="请选择" />
        <Select
          name="templateId"
          label="常用答复（可选，理由为空时使用）"
          options={p.templates.map((t) => ({ value: String(t.id), label: `${DISPOSITIONS[t.disposition as keyof typeof DISPOSITIONS]}：${t.text.slice(0, 40)}` }))}
          value={v.templateId}
          blank="不使用"
        />
        <Field name="reason" label="理由" textarea rows={3} value={v.reason} error={e.reason} />
        <button type="submit" name="op" value="dispose" class="button">
          保存处理结果
        </button>
      </fieldset>
    </form>
  );
}

function RegisterForm({ p }: { p: StaffDetailProps }) {
  const v = p.values;
  const e = p.errors;
  return (
    <details open={!!(e.channel || e.receivedOn || e.body)}>
      <summary>登记信函、邮件、座谈会收到的意见</summary>
      <form method="post" action={`/staff/consultations/${p.c.id}/comments`}>
        <CsrfField ctx={p.ctx} />
        <Select name="channel" label="渠道" options={opts(CHANNELS).filter((o) => o.value !== 'website')} value={v.channel} error={e.channel} required blank="请选择" />
        <Field name="receivedOn" label="收到日期" type="date" value={v.receivedOn ?? p.today} error={e.receivedOn} required />
        <Select name="clauseKey" label="针对的条款" options={p.clauses.map((x) => ({ value: x.key, label: x.label }))} value={v.clauseKey} error={e.clauseKey} blank="全文" />
        <Field name="body" label="意见内容" textarea rows={5} value={v.body} error={e.body} required />
        <Field name="name" label="反馈人" value={v.name} error={e.name} />
        <Field name="contact" label="电子邮箱或手机号" value={v.contact} error={e.contact} />
        <div class="field checkbox">
          <input id="f-consentPublish" type="checkbox" name="consentPublish" value="1" checked={v.consentPublish === '1'} />
          <label for="f-consentPublish">意见人同意公开意见内容</label>
        </div>
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </details>
  );
}

function TemplateForm({ p }: { p: StaffDetailProps }) {
  const e = p.errors;
  return (
    <details open={!!(e.templateText || e.templateDisposition)}>
      <summary>常用答复（本单位共用）</summary>
      <ul>
        {p.templates.map((t) => (
          <li>
            {DISPOSITIONS[t.disposition as keyof typeof DISPOSITIONS]}：{t.text}
          </li>
        ))}
      </ul>
      <form method="post" action={`/staff/consultations/${p.c.id}/templates`}>
        <CsrfField ctx={p.ctx} />
        <Select name="templateDisposition" label="处理结果" options={opts(DISPOSITIONS)} value={p.values.templateDisposition} error={e.templateDisposition} blank="请选择" />
        <Field name="templateText" label="答复内容" textarea rows={3} value={p.values.templateText} error={e.templateText} />
        <button type="submit" class="button secondary">
          添加常用答复
        </button>
      </form>
    </details>
  );
}
