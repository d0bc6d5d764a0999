/** Staff screens of 建议提案办理: the register of a year, registering one, and one entry with its next steps. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { chinaDateTime } from '../../../lib/clock.ts';
import type { ProposalRow } from '../queries.ts';
import { FEEDBACK, KINDS, PUBLICATION, RESULTS } from '../rules.ts';

const crumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '建议提案办理', href: '/staff/proposals' }, { label: last }] : [{ label: '建议提案办理' }]),
];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const STATE = { assigned: '办理中', replied: '已答复', withdrawn: '已撤销' };

export function RegisterPage(p: { ctx: ViewContext; year: number; rows: ProposalRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title="建议提案办理" staff crumbs={crumbs()}>
      <h1>{p.year}年建议提案办理</h1>
      <p class="button-row">
        <a class="button" href="/staff/proposals/new">
          登记建议提案
        </a>
        <a href={`/staff/proposals?year=${p.year - 1}`}>上一年</a>
        <a href={`/hdjl/jyta/${p.year}`}>公开页面</a>
      </p>
      {p.rows.length ? (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="建议提案登记">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">标题</th>
                <th scope="col">主办单位</th>
                <th scope="col">状态</th>
                <th scope="col">答复期限</th>
                <th scope="col">公开</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <td>
                    {KINDS[r.kind]} {r.session}第{r.number}号
                  </td>
                  <td>
                    <a href={`/staff/proposals/${r.id}`}>{r.title}</a>
                  </td>
                  <td>{r.unit_name}</td>
                  <td>{STATE[r.state]}</td>
                  <td>{r.state === 'assigned' && r.reply_due_on < p.today ? <strong>已逾期（{r.reply_due_on}）</strong> : r.reply_due_on}</td>
                  <td>{r.publication ? PUBLICATION[r.publication as keyof typeof PUBLICATION] : r.state === 'replied' ? '待决定' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>这一年还没有登记建议提案。</p>
      )}
    </Layout>
  );
}

export function NewPage(p: {
  ctx: ViewContext;
  units: { id: number; name: string }[];
  allUnits: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  coUnits: string[];
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title="登记建议提案" staff crumbs={crumbs('登记')}>
      <h1>登记建议提案</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/staff/proposals/new">
        <CsrfField ctx={p.ctx} />
        <Select name="kind" label="类别" options={opts(KINDS)} value={v.kind} error={e.kind} required blank="请选择" />
        <Field name="year" label="年度" value={v.year} error={e.year} required inputmode="numeric" />
        <Field name="session" label="届次" value={v.session} error={e.session} required hint="如：市十七届人大四次会议" />
        <Field name="number" label="编号" value={v.number} error={e.number} required hint="如：0123" />
        <Field name="title" label="标题" value={v.title} error={e.title} required />
        <Field name="proposer" label="领衔代表或委员" value={v.proposer} error={e.proposer} required />
        <Select name="unitId" label="主办单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />
        <fieldset>
          <legend>协办单位（可多选）</legend>
          {p.allUnits.map((u) => (
            <div class="field checkbox">
              <input id={`co-${u.id}`} type="checkbox" name="coUnitIds" value={String(u.id)} checked={p.coUnits.includes(String(u.id))} />
              <label for={`co-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
        <Field name="assignedOn" label="交办日期" type="date" value={v.assignedOn} error={e.assignedOn} required />
        <Field name="replyDueOn" label="答复期限（可不填）" type="date" value={v.replyDueOn} error={e.replyDueOn} hint="不填的，按交办之日起三个月计" />
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </Layout>
  );
}

export function EntryPage(p: {
  ctx: ViewContext;
  r: ProposalRow;
  events: { kind: string; at: Date; actor_label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { r } = p;
  const v = p.values;
  const e = p.errors;
  const EVENTS: Record<string, string> = { registered: '登记', replied: '答复', feedback: '记录代表委员意见', publication_decided: '决定公开方式', withdrawn: '撤销登记' };
  return (
    <Layout ctx={p.ctx} title={r.title} staff crumbs={crumbs(`第${r.number}号`)}>
      <h1>{r.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={e} message={p.message} />
      <dl class="facts">
        <dt>类别、编号</dt>
        <dd>
          {KINDS[r.kind]}，{r.session}第{r.number}号
        </dd>
        <dt>领衔代表或委员</dt>
        <dd>{r.proposer}</dd>
        <dt>主办、协办</dt>
        <dd>
          {r.unit_name}
          {r.co_unit_names.length ? `；协办：${r.co_unit_names.join('、')}` : ''}
        </dd>
        <dt>交办、答复期限</dt>
        <dd>
          {r.assigned_on} 交办，{r.reply_due_on} 前答复
        </dd>
        <dt>状态</dt>
        <dd>{STATE[r.state]}</dd>
      </dl>
      {r.state === 'assigned' ? (
        <>
          <form method="post" action={`/staff/proposals/${r.id}/reply`} aria-labelledby="reply-h">
            <h2 id="reply-h">答复</h2>
            <CsrfField ctx={p.ctx} />
            <Field name="reply" label="答复内容" textarea rows={10} value={v.reply} error={e.reply} required />
            <Field name="replyNo" label="答复文号（可不填）" value={v.replyNo} error={e.replyNo} />
            <Select name="result" label="办理结果分类" options={opts(RESULTS)} value={v.result} error={e.result} required blank="请选择" />
            <Field name="repliedOn" label="答复日期" type="date" value={v.repliedOn} error={e.repliedOn} required />
            <button type="submit" class="button">
              记录答复
            </button>
          </form>
          <details open={!!e.withdrawnReason}>
            <summary>撤销登记（并案办理、代表委员撤回）</summary>
            <form method="post" action={`/staff/proposals/${r.id}/withdraw`}>
              <CsrfField ctx={p.ctx} />
              <Field name="withdrawnReason" label="撤销原因" value={v.withdrawnReason} error={e.withdrawnReason} required />
              <button type="submit" class="button secondary">
                撤销
              </button>
            </form>
          </details>
        </>
      ) : null}
      {r.state === 'replied' ? (
        <>
          <h2>答复（{r.replied_on}）</h2>
          <p>
            办理结果：{RESULTS[r.result as keyof typeof RESULTS]}
            {r.reply_no ? `；文号：${r.reply_no}` : ''}
          </p>
          {r.reply.split('\n').map((t) => (
            <p>{t}</p>
          ))}
          {r.feedback ? (
            <p>
              代表委员意见：{FEEDBACK[r.feedback as keyof typeof FEEDBACK]}
              {r.feedback_note ? `（${r.feedback_note}）` : ''}
            </p>
          ) : (
            <form method="post" action={`/staff/proposals/${r.id}/feedback`} aria-labelledby="fb-h">
              <h2 id="fb-h">代表委员对答复的意见</h2>
              <CsrfField ctx={p.ctx} />
              <Select name="feedback" label="意见" options={opts(FEEDBACK)} value={v.feedback} error={e.feedback} required blank="请选择" />
              <Field name="note" label="说明（可不填）" value={v.note} error={e.note} />
              <button type="submit" class="button">
                记录意见
              </button>
            </form>
          )}
          {r.publication ? (
            <p>
              公开方式：{PUBLICATION[r.publication as keyof typeof PUBLICATION]}
              {r.publication_reason ? `（${r.publication_reason}）` : ''}
              {r.item_id ? (
                <>
                  {' '}
                  <a href={`/staff/items/${r.item_id}`}>{r.published_on ? '已发布的信息' : '信息草稿（送审后发布）'}</a>
                </>
              ) : null}
            </p>
          ) : (
            <form method="post" action={`/staff/proposals/${r.id}/publication`} aria-labelledby="pub-h">
              <h2 id="pub-h">是否公开答复</h2>
              <p class="hint">涉及公共利益、社会关注度高的，应全文公开。决定公开的，生成“建议提案办理结果”栏目的信息草稿，经本单位审核后发布。</p>
              <CsrfField ctx={p.ctx} />
              <Select name="publication" label="公开方式" options={opts(PUBLICATION)} value={v.publication} error={e.publication} required blank="请选择" />
              <Field name="summary" label="公开的摘要（摘要公开时填写）" textarea rows={4} value={v.summary} error={e.summary} />
              <Field name="publicationReason" label="理由（摘要公开或不公开时填写）" value={v.publicationReason} error={e.publicationReason} />
              <button type="submit" class="button">
                保存
              </button>
            </form>
          )}
        </>
      ) : null}
      {r.state === 'withdrawn' ? <p>已撤销：{r.withdrawn_reason}</p> : null}
      <h2>办理记录</h2>
      <ul>
        {p.events.map((ev) => (
          <li>
            {chinaDateTime(ev.at)} {ev.actor_label} {EVENTS[ev.kind] ?? ev.kind}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
