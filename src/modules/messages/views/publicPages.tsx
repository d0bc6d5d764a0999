/** Public pages of messages: the archive, the writing form, the receipt with the query code, and following a message. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import type { MessageRow, RatingRow } from '../queries.ts';
import { CATEGORIES, isUnanswered, MESSAGE_TYPES, RATING_LEVELS, RATING_TAGS, STATE_LABELS } from '../rules.ts';
import { CaseLookupForm } from '../../../views/caseLookupForm.tsx';

const crumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '政民互动', href: '/hdjl/ly' }, { label: last }] : [{ label: '政民互动' }])];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export interface ArchiveFilterValues {
  q: string;
  unit: string;
  category: string;
  type: string;
  page: number;
}

export function ArchivePage(p: { ctx: ViewContext; rows: MessageRow[]; more: boolean; filter: ArchiveFilterValues; units: { id: number; name: string }[] }) {
  const f = p.filter;
  const pageHref = (n: number) => {
    const qs = new URLSearchParams(Object.entries({ q: f.q, unit: f.unit, category: f.category, type: f.type, page: String(n) }).filter(([, v]) => v && v !== '1'));
    return `/hdjl/ly${qs.size ? `?${qs}` : ''}`;
  };
  return (
    <Layout ctx={p.ctx} title="政民互动" crumbs={crumbs()}>
      <h1>政民互动</h1>
      <p class="button-row">
        <a class="button" href="/hdjl/ly/new">
          我要留言
        </a>
        <a href="/hdjl/ly/cx">查询我的留言</a>
        <a href="/hdjl/ly/tj">办理统计</a>
        <a href="/hdjl/gq">群众关切</a>
        <a href="/hdjl/wd">常见问题</a>
        <a href="/hdjl/jyta">建议提案办理结果</a>
      </p>
      <h2>公开的留言和答复</h2>
      <form method="get" action="/hdjl/ly" class="filters" role="search" aria-label="查找留言">
        <Field name="q" label="关键词" value={f.q} />
        <Select name="unit" label="答复单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={f.unit} blank="全部" />
        <Select name="category" label="领域" options={CATEGORIES.map((c) => ({ value: c, label: c }))} value={f.category} blank="全部" />
        <Select name="type" label="类型" options={opts(MESSAGE_TYPES)} value={f.type} blank="全部" />
        <button type="submit" class="button secondary">
          查找
        </button>
      </form>
      {p.rows.length ? (
        <ul class="item-list">
          {p.rows.map((m) => (
            <li>
              <a href={`/hdjl/ly/${m.case_no}`}>{m.public_title}</a>
              <span class="muted">
                {' '}
                {MESSAGE_TYPES[m.type]} · {m.unit_name}
                {m.replied_on ? ` · ${m.replied_on}答复` : ''}
                {m.reply_working_days !== null ? `，用时${m.reply_working_days}个工作日` : ''}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>没有找到公开的留言。</p>
      )}
      {f.page > 1 || p.more ? (
        <nav class="pagination" aria-label="翻页">
          {f.page > 1 ? <a href={pageHref(f.page - 1)}>上一页</a> : null}
          <span>第{f.page}页</span>
          {p.more ? <a href={pageHref(f.page + 1)}>下一页</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}

export function ArchiveEntryPage(p: { ctx: ViewContext; m: MessageRow }) {
  const { m } = p;
  return (
    <Layout ctx={p.ctx} title={m.public_title} crumbs={crumbs(m.case_no)}>
      <h1>{m.public_title}</h1>
      <dl class="facts">
        <dt>编号</dt>
        <dd>{m.case_no}</dd>
        <dt>类型</dt>
        <dd>{MESSAGE_TYPES[m.type]}</dd>
        <dt>留言时间</dt>
        <dd>{m.received_on}</dd>
        <dt>答复单位</dt>
        <dd>
          {m.unit_name}
          {m.mailbox_name ? `（${m.mailbox_name}）` : ''}
        </dd>
        <dt>答复时间</dt>
        <dd>
          {m.replied_on}
          {m.reply_working_days !== null ? `（用时${m.reply_working_days}个工作日）` : ''}
        </dd>
      </dl>
      <h2>留言内容</h2>
      {m.public_body.split('\n').map((t) => (
        <p>{t}</p>
      ))}
      <h2>答复内容</h2>
      {m.public_reply.split('\n').map((t) => (
        <p>{t}</p>
      ))}
    </Layout>
  );
}

export interface Similar {
  messages: { caseNo: string; title: string; unitName: string; repliedOn: string | null }[];
  items: { id: number; title: string; unitSlug: string; unitName: string }[];
  /** Answers of the knowledge base (常见问题). */
  answers: { id: number; question: string; unit_name: string }[];
}

function SimilarList({ similar }: { similar: Similar }) {
  return (
    <section id="similar" aria-labelledby="similar-h" class="similar">
      <h2 id="similar-h">这些已经答复的问题和公开的信息，也许能解答您的问题</h2>
      <ul class="item-list">
        {similar.answers.map((a) => (
          <li>
            <a href={`/hdjl/ly/similar/a/${a.id}`} target="_blank" rel="noopener">
              {a.question}
              <span class="visually-hidden">（在新窗口打开）</span>
            </a>
            <span class="muted"> 常见问题 · {a.unit_name}</span>
          </li>
        ))}
        {similar.messages.map((m) => (
          <li>
            <a href={`/hdjl/ly/similar/m/${m.caseNo}`} target="_blank" rel="noopener">
              {m.title}
              <span class="visually-hidden">（在新窗口打开）</span>
            </a>
            <span class="muted">
              {' '}
              留言答复 · {m.unitName}
              {m.repliedOn ? ` · ${m.repliedOn}答复` : ''}
            </span>
          </li>
        ))}
        {similar.items.map((i) => (
          <li>
            <a href={`/hdjl/ly/similar/i/${i.unitSlug}:${i.id}`} target="_blank" rel="noopener">
              {i.title}
              <span class="visually-hidden">（在新窗口打开）</span>
            </a>
            <span class="muted"> 政府信息 · {i.unitName}</span>
          </li>
        ))}
      </ul>
      <p class="hint">链接在新窗口打开，您填写的内容会保留在这里。</p>
    </section>
  );
}

export function ResolvedPage(p: { ctx: ViewContext }) {
  return (
    <Layout ctx={p.ctx} title="问题已解答" crumbs={crumbs('问题已解答')}>
      <h1>问题已解答</h1>
      <p>很高兴已有的答复解答了您的问题。您填写的内容没有提交，也没有保存。</p>
      <p class="button-row">
        <a href="/hdjl/ly">返回政民互动</a>
        <a href="/hdjl/ly/new">写新的留言</a>
      </p>
    </Layout>
  );
}

export function WritePage(p: {
  ctx: ViewContext;
  units: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  similar?: Similar;
  mailboxes: { id: number; name: string }[];
}) {
  const v = p.values;
  const e = p.errors;
  const to = v.to || (v.unitId ? `u${v.unitId}` : '');
  return (
    <Layout ctx={p.ctx} title="我要留言" crumbs={crumbs('我要留言')}>
      <h1>我要留言</h1>
      <p>咨询、建议、投诉、求助都可以在这里留言。提交后会得到留言编号和查询码，凭它们查看办理进度和答复。</p>
      <ErrorSummary errors={e} message={p.message} />
      {p.similar ? (
        <div class="notice" role="status">
          找到 {p.similar.messages.length + p.similar.items.length + p.similar.answers.length} 条类似的答复和信息，<a href="#similar">请先看看</a>；没有解答您的问题的，再提交留言。
        </div>
      ) : null}
      <form method="post" action="/hdjl/ly/new">
        <CsrfField ctx={p.ctx} />
        <Select name="type" label="留言类型" options={opts(MESSAGE_TYPES)} value={v.type} error={e.type} required blank="请选择" />
        <div class={`field${e.unitId ? ' field-error' : ''}`}>
          <label for="f-unitId">
            写给<span class="req">（必填）</span>
          </label>
          {e.unitId ? (
            <p class="error-message" id="f-unitId-error">
              {e.unitId}
            </p>
          ) : null}
          <select id="f-unitId" name="to" aria-describedby={e.unitId ? 'f-unitId-error' : undefined} aria-invalid={e.unitId ? 'true' : undefined}>
            <option value="">请选择</option>
            {p.mailboxes.length ? (
              <optgroup label="领导信箱">
                {p.mailboxes.map((b) => (
                  <option value={`b${b.id}`} selected={to === `b${b.id}`}>
                    {b.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            <optgroup label="部门信箱">
              {p.units.map((u) => (
                <option value={`u${u.id}`} selected={to === `u${u.id}`}>
                  {u.name}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <Select
          name="category"
          label="涉及领域（可不选）"
          options={CATEGORIES.map((c) => ({ value: c, label: c }))}
          value={v.category}
          error={e.category}
          blank="不清楚"
          hint="选了领域的，直接交给负责该领域的单位办理"
        />
        <Field name="area" label="所在区域（可不填）" value={v.area} error={e.area} hint="如：城东区、清河镇" />
        <Field name="title" label="标题" value={v.title} error={e.title} required />
        <Field name="body" label="留言内容" textarea rows={8} value={v.body} error={e.body} required hint="请写清楚事情经过、地点和诉求，5000字以内" />
        <Field name="writerName" label="姓名（可不填）" value={v.writerName} error={e.writerName} autocomplete="name" />
        <Field name="contact" label="手机号或电子邮箱（可不填）" value={v.contact} error={e.contact} hint="用于承办单位与您联系；不会公开" />
        <div class="field checkbox">
          <input id="f-consentPublish" type="checkbox" name="consentPublish" value="1" checked={v.consentPublish === '1'} />
          <label for="f-consentPublish">同意在答复后公开我的留言和答复（隐去姓名和联系方式等个人信息）</label>
        </div>
        {p.similar ? (
          <>
            <SimilarList similar={p.similar} />
            <div class="button-row">
              <button type="submit" name="step" value="send" class="button">
                仍要提交留言
              </button>
              <button type="submit" name="step" value="resolved" class="button secondary">
                已解答我的问题，不用留言了
              </button>
            </div>
          </>
        ) : (
          <button type="submit" class="button">
            提交留言
          </button>
        )}
      </form>
    </Layout>
  );
}

export function ReceiptPage(p: { ctx: ViewContext; caseNo: string; queryCode: string; unitName: string; dueOn: string }) {
  return (
    <Layout ctx={p.ctx} title="留言已提交" crumbs={crumbs('留言已提交')}>
      <h1>留言已提交</h1>
      <div class="notice" role="status">
        <p>
          留言编号：<strong>{p.caseNo}</strong>
        </p>
        <p>
          查询码：<strong>{p.queryCode}</strong>
        </p>
      </div>
      <p>
        请记下留言编号和查询码，凭它们在“<a href="/hdjl/ly/cx">查询我的留言</a>”查看办理进度和答复。查询码只显示这一次。
      </p>
      <p>
        您的留言由{p.unitName}办理，{p.dueOn}前答复。
      </p>
    </Layout>
  );
}

export function FollowPage(p: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  m?: MessageRow;
  rating?: RatingRow;
  notice?: string;
  dueExplained?: string;
}) {
  const { m } = p;
  return (
    <Layout ctx={p.ctx} title="查询我的留言" crumbs={crumbs('查询我的留言')}>
      <h1>查询我的留言</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {m ? (
        <>
          <dl class="facts">
            <dt>留言编号</dt>
            <dd>{m.case_no}</dd>
            <dt>标题</dt>
            <dd>{m.title}</dd>
            <dt>状态</dt>
            <dd>{STATE_LABELS[m.state]}</dd>
            <dt>办理单位</dt>
            <dd>
              {m.unit_name}
              {m.state === 'transferring' && m.transfer_to_name ? `（正在转交${m.transfer_to_name}）` : ''}
            </dd>
            {isUnanswered(m.state) ? (
              <>
                <dt>答复期限</dt>
                <dd>
                  {m.due_on}
                  {m.extended ? `（已延期：${m.extend_reason}）` : ''}
                  {p.dueExplained ? <p class="hint">{p.dueExplained}</p> : null}
                </dd>
              </>
            ) : null}
          </dl>
          {m.info_request && m.state === 'open' ? (
            <form method="post" action="/hdjl/ly/add" aria-labelledby="add-h">
              <h2 id="add-h">承办单位请您补充说明</h2>
              <p>{m.info_request}</p>
              <ErrorSummary errors={p.errors} idPrefix="f" />
              <CsrfField ctx={p.ctx} />
              <input type="hidden" name="caseNo" value={m.case_no} />
              <input type="hidden" name="queryCode" value={p.values.queryCode} />
              <Field name="addition" label="补充说明" textarea rows={5} value={p.values.addition} error={p.errors.addition} required />
              <button type="submit" class="button">
                提交补充说明
              </button>
            </form>
          ) : null}
          {m.reply ? (
            <section aria-labelledby="reply-h">
              <h2 id="reply-h">答复（{m.replied_on}）</h2>
              {m.reply.split('\n').map((t) => (
                <p>{t}</p>
              ))}
            </section>
          ) : null}
          {m.state === 'replied' && p.rating ? (
            <p>
              您的评价：{RATING_LEVELS[p.rating.level]}
              {p.rating.tags.length ? `（${p.rating.tags.join('、')}）` : ''}
              {p.rating.rectify_due_on ? `。承办单位将在${p.rating.rectify_due_on}前整改并回访您。` : ''}
            </p>
          ) : null}
          {m.state === 'replied' && !p.rating ? <RateForm p={p} m={m} /> : null}
          {isUnanswered(m.state) ? (
            <form method="post" action="/hdjl/ly/withdraw">
              <CsrfField ctx={p.ctx} />
              <input type="hidden" name="caseNo" value={m.case_no} />
              <input type="hidden" name="queryCode" value={p.values.queryCode} />
              <button type="submit" class="button secondary">
                撤回留言
              </button>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <ErrorSummary errors={p.errors} message={p.message} />
          <CaseLookupForm ctx={p.ctx} action="/hdjl/ly/cx" caseLabel="留言编号" example="LY2026000001" values={p.values} errors={p.errors} />
        </>
      )}
    </Layout>
  );
}

function RateForm({ p, m }: { p: Parameters<typeof FollowPage>[0]; m: MessageRow }) {
  const e = p.errors;
  return (
    <form method="post" action="/hdjl/ly/rate" aria-labelledby="rate-h">
      <h2 id="rate-h">评价这次答复</h2>
      <ErrorSummary errors={e} />
      <CsrfField ctx={p.ctx} />
      <input type="hidden" name="caseNo" value={m.case_no} />
      <input type="hidden" name="queryCode" value={p.values.queryCode} />
      <fieldset class={e.level ? 'field-error' : undefined} id="f-level">
        <legend>满意程度</legend>
        {e.level ? <p class="error-message">{e.level}</p> : null}
        {[5, 4, 3, 2, 1].map((n) => (
          <div class="field radio">
            <input id={`f-level-${n}`} type="radio" name="level" value={String(n)} checked={p.values.level === String(n)} />
            <label for={`f-level-${n}`}>{RATING_LEVELS[n]}</label>
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>原因（可多选）</legend>
        {RATING_TAGS.map((t, i) => (
          <div class="field checkbox">
            <input id={`f-tag-${i}`} type="checkbox" name="tags" value={t} />
            <label for={`f-tag-${i}`}>{t}</label>
          </div>
        ))}
      </fieldset>
      <Field name="comment" label="想说的话（可不填）" textarea rows={3} value={p.values.comment} error={e.comment} />
      <button type="submit" class="button">
        提交评价
      </button>
    </form>
  );
}
