/** Public pages of the knowledge base: 常见问题 with a question box, and one answer with the sources it rests on. */
import type { ViewContext } from '../../../views/context.ts';
import { Field, Layout } from '../../../views/layout.tsx';
import type { PublicEntry } from '../queries.ts';
import { ANSWER_CLASSES } from '../rules.ts';
import { catalogueItemHref } from '../../../lib/anchors.ts';

const crumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '常见问题', href: '/hdjl/wd' }, { label: last }] : [{ label: '常见问题' }])];

export function ListPage(p: {
  ctx: ViewContext;
  q: string;
  rows: { id: number; question: string; unit_name: string }[];
  from?: string;
  unit: string;
  units: { slug: string; name: string }[];
}) {
  const suffix = p.from ? `?from=${p.from}` : '';
  return (
    <Layout ctx={p.ctx} title="常见问题" crumbs={crumbs()}>
      <h1>常见问题</h1>
      <form method="get" action="/hdjl/wd" class="filters" role="search" aria-label="查找问题">
        <Field name="q" label="您的问题" value={p.q} hint="用自己的话问，如：孩子上学要什么材料" />
        <div class="field">
          <label for="f-unit">单位</label>
          <select id="f-unit" name="unit">
            <option value="">全市</option>
            {p.units.map((u) => (
              <option value={u.slug} selected={u.slug === p.unit}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        {p.from ? <input type="hidden" name="from" value={p.from} /> : null}
        <button type="submit" class="button">
          查找
        </button>
      </form>
      {p.q && !p.rows.length ? <NothingFound /> : null}
      {p.rows.length ? (
        <ul class="item-list">
          {p.rows.map((r) => (
            <li>
              <a href={`/hdjl/wd/${r.id}${suffix}`}>{r.question}</a>
              <span class="muted"> {r.unit_name}</span>
            </li>
          ))}
        </ul>
      ) : p.q ? null : (
        <p>暂无。</p>
      )}
    </Layout>
  );
}

export function EntryPage(p: { ctx: ViewContext; e: PublicEntry }) {
  const { e } = p;
  const v = e.version;
  return (
    <Layout ctx={p.ctx} title={v.question} crumbs={crumbs('问答')}>
      <h1>{v.question}</h1>
      {e.needsReview ? (
        <div class="banner-warning" role="status">
          <p>
            {e.needsReview}，这条答复正在复核，暂不提供。请查看下面依据的信息的现行版本，或<a href="/hdjl/ly/new">留言询问</a>。
          </p>
        </div>
      ) : (
        <>
          {v.answer.split('\n').map((t) => (
            <p>{t}</p>
          ))}
          <p class="muted">
            {ANSWER_CLASSES[v.answer_class]}
            {v.answer_class === 'timed' && v.handover_unit_name ? `（由${v.handover_unit_name}在${v.handover_days}个工作日内答复）` : ''}
          </p>
        </>
      )}
      <dl class="facts">
        <dt>答复单位</dt>
        <dd>{e.unit_name}</dd>
        <dt>发布时间</dt>
        <dd>{v.published_at.toISOString().slice(0, 10)}</dd>
      </dl>
      {e.catalogueItems.length ? (
        <section aria-labelledby="ci-h">
          <h2 id="ci-h">所属公开事项</h2>
          <ul>
            {e.catalogueItems.map((c) => (
              <li>
                <a href={catalogueItemHref(c)}>
                  {c.area_name} · {c.level1}
                  {c.level2 ? ` / ${c.level2}` : ''}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {e.sources.length ? (
        <section aria-labelledby="src-h">
          <h2 id="src-h">依据</h2>
          <ul>
            {e.sources.map((s) => (
              <li>
                <a href={`/xxgk/${s.unit_slug}/items/${s.item_id}`}>{s.title}</a>
                {s.doc_no ? `（${s.doc_no}）` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** Said plainly when nothing published answers the question, with where to ask instead (shared by the concern list). */
export function NothingFound() {
  return (
    <div class="notice" role="status">
      <p>没有找到能回答这个问题的已公开答复。您可以：</p>
      <ul>
        <li>
          <a href="/hdjl/ly/new">给有关单位留言</a>
        </li>
        <li>
          <a href="/ysqgk">申请政府信息公开</a>
        </li>
        <li>拨打12345政务服务便民热线</li>
      </ul>
    </div>
  );
}
