/** The public concern list (群众关切事项清单), one concern's "一键应答" page, and the staff screens that keep them. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { VALIDITY } from '../../publishing/index.ts';
import type { Assembled, ConcernRow } from '../concerns.ts';
import { NothingFound } from './publicPages.tsx';

const crumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '群众关切', href: '/hdjl/gq' }, { label: last }] : [{ label: '群众关切' }])];

export function ConcernListPage(p: {
  ctx: ViewContext;
  q: string;
  rows: ConcernRow[];
  found?: { concerns: { id: number; title: string }[]; answers: { id: number; question: string; unit_name: string }[] };
}) {
  const byArea = new Map<string, ConcernRow[]>();
  for (const r of p.rows) byArea.set(r.area_name ?? '其他', [...(byArea.get(r.area_name ?? '其他') ?? []), r]);
  return (
    <Layout ctx={p.ctx} title="群众关切" crumbs={crumbs()}>
      <h1>群众关切事项</h1>
      <form method="get" action="/hdjl/gq" class="filters" role="search" aria-label="问一问">
        <Field name="q" label="您想问什么" value={p.q} hint="用自己的话问，如：孩子上学要什么材料" />
        <button type="submit" class="button">
          问一问
        </button>
      </form>
      {p.found ? (
        p.found.concerns.length || p.found.answers.length ? (
          <section aria-labelledby="found-h">
            <h2 id="found-h">这些可以回答您的问题</h2>
            <ul class="item-list">
              {p.found.concerns.map((c) => (
                <li>
                  <a href={`/hdjl/gq/${c.id}`}>{c.title}</a>
                  <span class="muted"> 一键应答</span>
                </li>
              ))}
              {p.found.answers.map((a) => (
                <li>
                  <a href={`/hdjl/wd/${a.id}`}>{a.question}</a>
                  <span class="muted"> 常见问题 · {a.unit_name}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <NothingFound />
        )
      ) : null}
      {[...byArea.entries()].map(([area, rows]) => (
        <section>
          <h2>{area}</h2>
          <ul class="item-list">
            {rows.map((r) => (
              <li>
                <a href={`/hdjl/gq/${r.id}`}>{r.title}</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}

export function AnswerPage(p: { ctx: ViewContext; c: ConcernRow; a: Assembled }) {
  const { c, a } = p;
  return (
    <Layout ctx={p.ctx} title={c.title} crumbs={crumbs('一键应答')}>
      <h1>{c.title}</h1>
      {c.description ? <p>{c.description}</p> : null}
      {a.gap ? (
        <div class="notice" role="status">
          <p>
            这个事项暂时没有现行有效的答复。您可以<a href="/hdjl/ly/new">留言</a>、<a href="/ysqgk">申请政府信息公开</a>或拨打12345热线。
          </p>
        </div>
      ) : null}
      {a.answers.map((e) => (
        <section aria-labelledby={`a-${e.id}`}>
          <h2 id={`a-${e.id}`}>{e.version.question}</h2>
          {e.version.answer.split('\n').map((t) => (
            <p>{t}</p>
          ))}
          <p class="muted">
            来源：<a href={`/hdjl/wd/${e.id}`}>{e.unit_name}常见问题</a>
          </p>
        </section>
      ))}
      {a.items.length ? (
        <section aria-labelledby="policy-h">
          <h2 id="policy-h">政策依据</h2>
          <ul>
            {a.items.map((i) => (
              <li>
                <a href={`/xxgk/${i.unit_slug}/items/${i.id}`}>{i.title}</a>
                {i.doc_no ? `（${i.doc_no}）` : ''} {VALIDITY[i.validity as keyof typeof VALIDITY]}
                {i.interpretations.length ? (
                  <ul>
                    {i.interpretations.map((x) => (
                      <li>
                        解读：<a href={`/xxgk/${x.unit_slug}/items/${x.id}`}>{x.title}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {a.outdated.length ? (
        <section aria-labelledby="old-h">
          <h2 id="old-h">已不再有效的文件</h2>
          <ul>
            {a.outdated.map((i) => (
              <li>
                <a href={`/xxgk/${i.unit_slug}/items/${i.id}`}>{i.title}</a>（{VALIDITY[i.validity as keyof typeof VALIDITY]}）
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <dl class="facts">
        <dt>负责单位</dt>
        <dd>{c.responsible_names.join('、') || '—'}</dd>
        <dt>咨询</dt>
        <dd>{c.contact || '12345政务服务便民热线'}</dd>
      </dl>
    </Layout>
  );
}

const staffCrumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '群众关切事项清单', href: '/staff/concerns' }, { label: last }] : [{ label: '群众关切事项清单' }]),
];

export function StaffConcernsPage(p: { ctx: ViewContext; rows: (ConcernRow & { gap: boolean })[] }) {
  return (
    <Layout ctx={p.ctx} title="群众关切事项清单" staff crumbs={staffCrumbs()}>
      <h1>群众关切事项清单</h1>
      <p class="button-row">
        <a class="button" href="/staff/concerns/new">
          新增关切事项
        </a>
        <a href="/hdjl/gq">公开页面</a>
      </p>
      <ul class="item-list">
        {p.rows.map((r) => (
          <li>
            <a href={`/staff/concerns/${r.id}`}>{r.title}</a>
            <span class="muted">
              {' '}
              {r.area_name ?? ''} {r.state === 'retired' ? '（已移出清单）' : ''}
            </span>
            {r.gap && r.state === 'active' ? <strong> 缺少现行有效的答复</strong> : null}
          </li>
        ))}
      </ul>
    </Layout>
  );
}

export function StaffConcernPage(p: {
  ctx: ViewContext;
  c?: ConcernRow;
  itemRefs: string[];
  units: { id: number; name: string }[];
  allUnits: { id: number; name: string }[];
  areas: { code: string; name: string }[];
  responsible: string[];
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string;
}) {
  const c = p.c;
  const v = p.values;
  const e = p.errors;
  const val = (k: string, d: string) => v[k] ?? d;
  return (
    <Layout ctx={p.ctx} title={c ? c.title : '新增关切事项'} staff crumbs={staffCrumbs(c ? '事项' : '新增')}>
      <h1>{c ? c.title : '新增关切事项'}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={e} />
      {c?.state === 'retired' ? <p>已移出清单：{c.retired_reason}</p> : null}
      <form method="post" action={c ? `/staff/concerns/${c.id}` : '/staff/concerns/new'}>
        <CsrfField ctx={p.ctx} />
        {c ? null : <Select name="unitId" label="清单所属单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />}
        <Select
          name="areaCode"
          label="领域"
          options={p.areas.map((a) => ({ value: a.code, label: a.name }))}
          value={val('areaCode', c?.area_code ?? '')}
          error={e.areaCode}
          blank="（不属于26个领域）"
        />
        <Field name="title" label="关切事项" value={val('title', c?.title ?? '')} error={e.title} required />
        <Field name="description" label="说明（可不填）" textarea rows={3} value={val('description', c?.description ?? '')} error={e.description} />
        <Field name="items" label="回答它的信息（每行一个：索引号、文号或标题全文）" textarea rows={4} value={val('items', p.itemRefs.join('\n'))} error={e.items} />
        <Field name="answerIds" label="常见问题编号（用逗号隔开）" value={val('answerIds', c?.answer_ids.join(',') ?? '')} error={e.answerIds} />
        <fieldset>
          <legend>负责单位</legend>
          {p.allUnits.map((u) => (
            <div class="field checkbox">
              <input id={`cu-${u.id}`} type="checkbox" name="responsibleUnitIds" value={String(u.id)} checked={p.responsible.includes(String(u.id))} />
              <label for={`cu-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
        <Field name="contact" label="咨询电话或窗口（可不填）" value={val('contact', c?.contact ?? '')} error={e.contact} />
        <button type="submit" class="button">
          保存
        </button>
      </form>
      {c && c.state === 'active' ? (
        <details open={!!e.reason}>
          <summary>移出清单</summary>
          <form method="post" action={`/staff/concerns/${c.id}/retire`}>
            <CsrfField ctx={p.ctx} />
            <Field name="reason" label="理由" value={v.reason} error={e.reason} required />
            <button type="submit" class="button secondary">
              移出
            </button>
          </form>
        </details>
      ) : null}
    </Layout>
  );
}
