/** Staff screens of messages: the inbox, and one message with what its unit can do next. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { chinaDateTime } from '../../../lib/clock.ts';
import type { MessageRow, RatingRow, TemplateRow } from '../queries.ts';
import { CHANNELS, MESSAGE_TYPES, RATING_LEVELS, STATE_LABELS } from '../rules.ts';

const crumbs = (last?: string) => [{ label: '工作台', href: '/staff' }, ...(last ? [{ label: '留言办理', href: '/staff/messages' }, { label: last }] : [{ label: '留言办理' }])];

const EVENT_LABELS: Record<string, string> = {
  received: '收到留言',
  transfer_requested: '申请转办',
  transfer_accepted: '接收转办',
  transfer_refused: '退回转办',
  dispute_resolved: '政务公开办确定承办单位',
  merged: '并单',
  replied: '答复',
  published: '公开',
  withdrawn: '留言人撤回',
  rated: '留言人评价',
  rectified: '差评整改和回访',
  extended: '延长答复期限',
  reply_submitted: '提交答复审核',
  info_requested: '请留言人补充说明',
  info_added: '留言人补充说明',
  reply_returned: '答复被退回修改',
};

export function InboxPage(p: { ctx: ViewContext; rows: MessageRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title="留言办理" staff crumbs={crumbs()}>
      <h1>留言办理</h1>
      <p class="button-row">
        <a class="button" href="/staff/messages/new">
          登记来信、来电、来访
        </a>
        <a href="/staff/messages/import">导入12345工单</a>
        <a href="/staff/messages/settings">留言设置</a>（信箱、派单目录、答复期限、审核和模板）
      </p>
      {p.rows.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">标题</th>
              <th scope="col">类型</th>
              <th scope="col">承办单位</th>
              <th scope="col">状态</th>
              <th scope="col">答复期限</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((m) => (
              <tr>
                <td>{m.case_no}</td>
                <td>
                  <a href={`/staff/messages/${m.id}`}>{m.title}</a>
                </td>
                <td>{MESSAGE_TYPES[m.type]}</td>
                <td>
                  {m.unit_name}
                  {m.transfer_to_name ? ` → ${m.transfer_to_name}` : ''}
                </td>
                <td>{STATE_LABELS[m.state]}</td>
                <td>{(m.state === 'open' || m.state === 'reviewing') && m.due_on < p.today ? <strong>已逾期（{m.due_on}）</strong> : m.state === 'open' ? m.due_on : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>没有留言。</p>
      )}
    </Layout>
  );
}

export interface CaseProps {
  ctx: ViewContext;
  m: MessageRow;
  templates: TemplateRow[];
  templateBody?: string;
  dueExplained?: string;
  mayReview: boolean;
  units: { id: number; name: string }[];
  mayHandle: boolean;
  mayDecideTransfer: boolean;
  mayResolve: boolean;
  rating?: RatingRow;
  events: { kind: string; at: Date; actor_label: string; details: Record<string, unknown> }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}

export function CasePage(p: CaseProps) {
  const { m } = p;
  const v = p.values;
  const e = p.errors;
  const unitOptions = p.units.map((u) => ({ value: String(u.id), label: u.name }));
  return (
    <Layout ctx={p.ctx} title={m.title} staff crumbs={crumbs(m.case_no)}>
      <h1>
        {m.case_no} {m.title}
      </h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={e} message={p.message} />
      <dl class="facts">
        <dt>类型、渠道</dt>
        <dd>
          {MESSAGE_TYPES[m.type]}，{CHANNELS[m.channel]}
          {m.category ? `，${m.category}` : ''}
          {m.area ? `，${m.area}` : ''}
        </dd>
        <dt>留言人</dt>
        <dd>
          {m.writer_name || '未留姓名'} {m.contact}
          {m.consent_publish ? '（同意公开）' : '（不同意公开）'}
        </dd>
        <dt>承办单位</dt>
        <dd>
          {m.unit_name}
          {m.mailbox_name ? `（写给${m.mailbox_name}）` : ''}
        </dd>
        <dt>状态</dt>
        <dd>
          {STATE_LABELS[m.state]}
          {m.state === 'transferring' ? `：申请转${m.transfer_to_name}办理（${m.transfer_reason}），${m.transfer_due_on}前接收或退回` : ''}
        </dd>
        <dt>收到、答复期限</dt>
        <dd>
          {m.received_on} 收到，{m.due_on} 前答复
          {m.extended ? `（已延期：${m.extend_reason}）` : ''}
          {p.dueExplained ? <p class="hint">{p.dueExplained}</p> : null}
        </dd>
      </dl>
      <h2>留言内容</h2>
      {m.body.split('\n').map((t) => (
        <p>{t}</p>
      ))}
      {m.reply ? (
        <>
          <h2>答复（{m.replied_on}）</h2>
          {m.reply.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </>
      ) : null}
      {m.state === 'reviewing' && !p.mayReview ? (
        <section aria-labelledby="draft-h">
          <h2 id="draft-h">待审核的答复</h2>
          {m.reply.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </section>
      ) : null}
      {p.mayReview ? (
        <form method="post" action={`/staff/messages/${m.id}/review`} aria-labelledby="review-h">
          <h2 id="review-h">审核答复</h2>
          <CsrfField ctx={p.ctx} />
          <Field name="reply" label="答复内容（可修改后发出）" textarea rows={8} value={v.reply ?? m.reply} error={e.reply} />
          <Field name="note" label="退回意见（退回时填写）" value={v.note} error={e.note} />
          <div class="button-row">
            <button type="submit" name="decision" value="approve" class="button">
              审核通过并发出
            </button>
            <button type="submit" name="decision" value="return" class="button secondary">
              退回修改
            </button>
          </div>
        </form>
      ) : null}
      {p.mayHandle && m.state === 'open' ? (
        <>
          <form method="post" action={`/staff/messages/${m.id}/reply`} aria-labelledby="reply-h">
            <h2 id="reply-h">答复</h2>
            {m.review_note ? (
              <div class="banner-warning" role="status">
                审核退回意见：{m.review_note}
              </div>
            ) : null}
            {p.templates.length ? (
              <p>
                使用模板：
                {p.templates.map((t, i) => (
                  <>
                    {i ? '、' : ''}
                    <a href={`/staff/messages/${m.id}?template=${t.id}#reply-h`}>{t.name}</a>
                  </>
                ))}
              </p>
            ) : null}
            <CsrfField ctx={p.ctx} />
            <Field name="reply" label="答复内容" textarea rows={8} value={v.reply ?? p.templateBody ?? (m.review_note ? m.reply : undefined)} error={e.reply} required />
            <button type="submit" class="button">
              答复
            </button>
          </form>
          <details open={!!(e.toUnitId || e.reason)}>
            <summary>不属于本单位职责：转有权处理的单位</summary>
            <form method="post" action={`/staff/messages/${m.id}/transfer`}>
              <CsrfField ctx={p.ctx} />
              <Select name="toUnitId" label="有权处理的单位" options={unitOptions} value={v.toUnitId} error={e.toUnitId} required blank="请选择" />
              <Field name="reason" label="理由" value={v.reason} error={e.reason} required />
              <button type="submit" class="button secondary">
                申请转办
              </button>
            </form>
          </details>
          <details open={!!e.question}>
            <summary>请留言人补充说明{m.info_request ? '（已请求，等待留言人补充）' : ''}</summary>
            <form method="post" action={`/staff/messages/${m.id}/ask`}>
              <CsrfField ctx={p.ctx} />
              <Field name="question" label="需要补充说明的内容（留言人可见）" value={v.question ?? m.info_request} error={e.question} required />
              <button type="submit" class="button secondary">
                发送
              </button>
            </form>
          </details>
          {m.extended ? null : (
            <details open={!!e.extendReason}>
              <summary>延长答复期限（只能延长一次）</summary>
              <form method="post" action={`/staff/messages/${m.id}/extend`}>
                <CsrfField ctx={p.ctx} />
                <Field name="extendReason" label="延期理由（留言人可见）" value={v.extendReason} error={e.extendReason} required />
                <button type="submit" class="button secondary">
                  延期
                </button>
              </form>
            </details>
          )}
          <details open={!!e.intoCaseNo}>
            <summary>重复留言：并入另一条留言</summary>
            <form method="post" action={`/staff/messages/${m.id}/merge`}>
              <CsrfField ctx={p.ctx} />
              <Field name="intoCaseNo" label="并入的留言编号" value={v.intoCaseNo} error={e.intoCaseNo} required />
              <button type="submit" class="button secondary">
                并单
              </button>
            </form>
          </details>
        </>
      ) : null}
      {p.mayDecideTransfer ? (
        <form method="post" action={`/staff/messages/${m.id}/decide`} aria-labelledby="decide-h">
          <h2 id="decide-h">是否接收转办</h2>
          <CsrfField ctx={p.ctx} />
          <Field name="refuseReason" label="不接收的理由（接收时不填）" value={v.refuseReason} error={e.refuseReason} />
          <div class="button-row">
            <button type="submit" name="decision" value="accept" class="button">
              接收
            </button>
            <button type="submit" name="decision" value="refuse" class="button secondary">
              退回，由政务公开办协调
            </button>
          </div>
        </form>
      ) : null}
      {p.mayResolve ? (
        <form method="post" action={`/staff/messages/${m.id}/resolve`} aria-labelledby="resolve-h">
          <h2 id="resolve-h">确定承办单位</h2>
          <CsrfField ctx={p.ctx} />
          <Select name="unitId" label="承办单位" options={unitOptions} value={v.unitId} error={e.unitId} required blank="请选择" />
          <button type="submit" class="button">
            确定
          </button>
        </form>
      ) : null}
      {p.mayHandle && m.state === 'replied' && m.consent_publish && !m.published_at ? (
        <form method="post" action={`/staff/messages/${m.id}/publish`} aria-labelledby="publish-h">
          <h2 id="publish-h">公开留言和答复</h2>
          <p class="hint">核对公开的文字，去掉可识别个人的内容；系统还会隐去检测到的手机号、身份证号等。</p>
          <CsrfField ctx={p.ctx} />
          <Field name="publicTitle" label="公开的标题" value={v.publicTitle ?? m.title} error={e.publicTitle} />
          <Field name="publicBody" label="公开的留言内容" textarea rows={6} value={v.publicBody ?? m.body} error={e.publicBody} />
          <Field name="publicReply" label="公开的答复内容" textarea rows={6} value={v.publicReply ?? m.reply} error={e.publicReply} />
          <button type="submit" class="button">
            公开
          </button>
        </form>
      ) : null}
      {p.rating ? (
        <section aria-labelledby="rating-h">
          <h2 id="rating-h">评价</h2>
          <p>
            {RATING_LEVELS[p.rating.level]}
            {p.rating.tags.length ? `（${p.rating.tags.join('、')}）` : ''}
            {p.rating.comment ? `：${p.rating.comment}` : ''}
          </p>
          {p.rating.rectify_due_on && !p.rating.rectified_on && p.mayHandle ? (
            <form method="post" action={`/staff/messages/${m.id}/rectify`}>
              <p>差评须在{p.rating.rectify_due_on}前整改并回访留言人。</p>
              <CsrfField ctx={p.ctx} />
              <Field name="rectification" label="整改情况" textarea rows={4} value={v.rectification} error={e.rectification} required />
              <Field name="callbackResult" label="回访结果" value={v.callbackResult} error={e.callbackResult} required />
              <button type="submit" class="button">
                记录整改和回访
              </button>
            </form>
          ) : null}
          {p.rating.rectified_on ? (
            <p>
              {p.rating.rectified_on} 整改：{p.rating.rectification}；回访：{p.rating.callback_result}
            </p>
          ) : null}
        </section>
      ) : null}
      {m.published_at ? (
        <p>
          已公开：<a href={`/hdjl/ly/${m.case_no}`}>查看公开页面</a>
        </p>
      ) : null}
      <h2>办理记录</h2>
      <ul>
        {p.events.map((ev) => (
          <li>
            {chinaDateTime(ev.at)} {ev.actor_label} {EVENT_LABELS[ev.kind] ?? ev.kind}
            {ev.kind === 'info_requested' ? `：${String(ev.details.question ?? '')}` : ''}
            {ev.kind === 'info_added' ? `：${String(ev.details.text ?? '')}` : ''}
            {ev.kind === 'extended' ? `：${String(ev.details.reason ?? '')}` : ''}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
