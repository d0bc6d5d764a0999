/** Public pages of the data catalogue: the list with filters, a dataset with its metadata, and a resource's rows. */
import type { ViewContext } from '../../../views/context.ts';
import { Field, Layout } from '../../../views/layout.tsx';
import { Pagination, pageHref } from '../../../views/pagination.tsx';
import { chinaDate } from '../../../lib/clock.ts';
import type { CatalogueItemRow, PublishedDataset, ResourceRow } from '../queries.ts';
import { catalogueItemHref } from '../../../lib/anchors.ts';
import { FREQUENCIES, LICENCES, OPENNESS, type FieldInfo } from '../rules.ts';
import type { searchPackages } from '../ckan.ts';

const crumbs = (...rest: { label: string; href?: string }[]) => [{ label: '首页', href: '/' }, { label: '数据开放', href: rest.length ? '/sjkf' : undefined }, ...rest];

export interface ListFilters {
  q: string;
  area?: string;
  unit?: string;
  format?: string;
  openness?: string;
  frequency?: string;
}

const FACETS: { field: string; param: keyof ListFilters; title: string; value: (name: string) => string }[] = [
  { field: 'groups', param: 'area', title: '数据领域', value: (n) => n.replace(/^area-/, '') },
  { field: 'organization', param: 'unit', title: '提供单位', value: (n) => n },
  { field: 'res_format', param: 'format', title: '格式', value: (n) => n },
  { field: 'openness', param: 'openness', title: '开放属性', value: (n) => Object.entries(OPENNESS).find(([, l]) => l === n)?.[0] ?? n },
  { field: 'update_frequency', param: 'frequency', title: '更新频率', value: (n) => Object.entries(FREQUENCIES).find(([, f]) => f.label === n)?.[0] ?? n },
];

const TYPE_LABELS: Record<FieldInfo['type'], string> = { text: '文本', int: '整数', numeric: '数值', date: '日期' };

export function DatasetListPage(p: { ctx: ViewContext; f: ListFilters; page: number; pageSize: number; found: ReturnType<typeof searchPackages>; overdue: Set<string> }) {
  const params = { ...p.f } as Record<string, string | undefined>;
  const href = (change: Record<string, string | undefined>) => pageHref('/sjkf', { ...params, ...change }, 1);
  const results = p.found.results as {
    name: string;
    title: string;
    notes: string;
    organization: { title: string };
    resources: { format: string }[];
    extras: { key: string; value: string }[];
    metadata_modified: string;
  }[];
  return (
    <Layout ctx={p.ctx} title="数据开放" crumbs={crumbs()}>
      <h1>数据开放</h1>
      <p>各单位依法开放的政府数据：无条件开放的数据可直接预览、筛选和下载，也可通过 CKAN 标准接口调用。</p>
      <p class="muted">
        整个目录：<a href="/catalog.csv">CSV</a> · <a href="/catalog.jsonld">DCAT-AP（JSON-LD）</a> · <a href="/catalog.ttl">DCAT-AP（Turtle）</a> ·{' '}
        <a href="/data.json">data.json</a> · <a href="/sjkf/feed.atom">订阅更新（Atom）</a>
      </p>
      <p>
        找不到需要的数据？<a href="/sjkf/xqfk">数据需求和意见</a>（<a href="/sjkf/xqfk/new">提出需求</a>）· <a href="/sjkf/sq/cx">有条件开放申请查询</a>
      </p>
      <form method="get" action="/sjkf" role="search" aria-label="查找数据集">
        <Field name="q" label="查找数据" value={p.f.q} hint="数据名称、摘要、关键词或数据项，如：低保、空气质量" />
        {Object.entries(p.f)
          .filter(([k, v]) => k !== 'q' && v)
          .map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
        <button type="submit" class="button">
          查找
        </button>
      </form>
      <div class="search-layout">
        <div>
          <p role="status">共 {p.found.count} 个数据集</p>
          {results.length ? (
            <ol class="search-results">
              {results.map((d) => {
                const openness = d.extras.find((e) => e.key === 'openness')?.value;
                return (
                  <li>
                    <h2>
                      <a href={`/dataset/${d.name}`}>{d.title}</a>
                      {openness && openness !== OPENNESS.open ? <span class="badge">{openness}</span> : null}
                      {p.overdue.has(d.name) ? <span class="badge">未按期更新</span> : null}
                    </h2>
                    <p class="snippet">{d.notes.length > 120 ? `${d.notes.slice(0, 120)}…` : d.notes}</p>
                    <p class="muted">
                      {d.organization.title}　{[...new Set(d.resources.map((r) => r.format))].join('、')}　更新于 {d.metadata_modified.slice(0, 10)}
                    </p>
                  </li>
                );
              })}
            </ol>
          ) : (
            <p>没有找到符合条件的数据集。可以换个说法，或在“互动交流”中提出数据需求。</p>
          )}
          <Pagination base="/sjkf" params={params} page={p.page} pageSize={p.pageSize} total={p.found.count} />
        </div>
        <nav class="facets" aria-label="按条件筛选">
          <h2 class="visually-hidden">按条件筛选</h2>
          {FACETS.map((facet) => {
            const items = p.found.search_facets[facet.field]?.items ?? [];
            const chosen = p.f[facet.param];
            if (!items.length && !chosen) return null;
            return (
              <section>
                <h3>{facet.title}</h3>
                <ul>
                  {chosen ? (
                    <li>
                      <a href={href({ [facet.param]: undefined })} aria-label={`取消“${facet.title}”筛选`}>
                        取消筛选
                      </a>
                    </li>
                  ) : null}
                  {[...items]
                    .sort((a, b) => b.count - a.count)
                    .map((i) =>
                      facet.value(i.name) === chosen ? (
                        <li>
                          <strong>{i.display_name}</strong> <span class="muted">({i.count})</span>
                        </li>
                      ) : (
                        <li>
                          <a href={href({ [facet.param]: facet.value(i.name) })}>{i.display_name}</a> <span class="muted">({i.count})</span>
                        </li>
                      ),
                    )}
                </ul>
              </section>
            );
          })}
        </nav>
      </div>
    </Layout>
  );
}

export function DatasetPage(p: {
  ctx: ViewContext;
  d: PublishedDataset;
  resources: ResourceRow[];
  areaName: string;
  history: { version_no: number; change_note: string; published_at: Date }[];
  overdue: boolean;
  catalogueItems: CatalogueItemRow[];
  base: string;
}) {
  const m = p.d.metadata;
  const licence = LICENCES.find((l) => l.id === m.licenceId);
  return (
    <Layout ctx={p.ctx} title={m.title} crumbs={crumbs({ label: m.title })}>
      <h1>{m.title}</h1>
      {p.overdue ? (
        <div class="banner-warning" role="status">
          <p>这个数据集应{FREQUENCIES[m.frequency].label}更新，已超过更新周期，数据可能不是最新的。</p>
        </div>
      ) : null}
      <p>{m.summary}</p>
      <dl class="facts">
        <dt>提供单位</dt>
        <dd>
          {p.d.unit_name}（<a href={`/sjkf/units/${p.d.unit_slug}`}>政府数据资源目录</a>）
        </dd>
        <dt>数据领域</dt>
        <dd>
          <a href={`/sjkf?area=${m.areaCode}`}>{p.areaName}</a>
          {m.topic ? ` · ${m.topic}` : ''}
        </dd>
        <dt>开放属性</dt>
        <dd>
          {OPENNESS[m.openness]}
          {m.opennessReason ? `（${m.opennessReason}）` : ''}
        </dd>
        <dt>更新频率</dt>
        <dd>{FREQUENCIES[m.frequency].label}</dd>
        <dt>许可协议</dt>
        <dd>{licence?.url ? <a href={licence.url}>{licence.title}</a> : licence?.title}</dd>
        {m.terms ? (
          <>
            <dt>使用条件</dt>
            <dd>{m.terms}</dd>
          </>
        ) : null}
        {m.temporalStart || m.temporalEnd ? (
          <>
            <dt>时间范围</dt>
            <dd>
              {m.temporalStart || '…'} 至 {m.temporalEnd || '今'}
            </dd>
          </>
        ) : null}
        {m.spatial ? (
          <>
            <dt>空间范围</dt>
            <dd>{m.spatial}</dd>
          </>
        ) : null}
        <dt>关键词</dt>
        <dd>{m.keywords.join('、') || '—'}</dd>
        <dt>联系方式</dt>
        <dd>{[m.contactName, m.contactPhone, m.contactEmail].filter(Boolean).join('　')}</dd>
        <dt>元数据维护方</dt>
        <dd>{m.maintainer}</dd>
        <dt>首次发布</dt>
        <dd>{chinaDate(p.d.first_published_at)}</dd>
        <dt>最近更新</dt>
        <dd>
          {chinaDate(p.d.published_at)}（第 {p.d.version_no} 版）
        </dd>
        {p.catalogueItems.length ? (
          <>
            <dt>所属公开事项</dt>
            <dd>
              {p.catalogueItems.map((c, i) => (
                <>
                  {i ? '；' : ''}
                  <a href={catalogueItemHref(c)}>
                    {c.area_name} · {c.level1}
                    {c.level2 ? ` / ${c.level2}` : ''}
                  </a>
                </>
              ))}
            </dd>
          </>
        ) : null}
        <dt>标识符</dt>
        <dd>
          <code>{p.d.name}</code>
        </dd>
      </dl>
      <h2>数据资源</h2>
      {p.d.metadata.openness !== 'open' ? (
        <p>
          这个数据集为{OPENNESS[m.openness]}，数据不提供直接下载。
          {m.openness === 'conditional' ? (
            <>
              如需使用，请<a href={`/dataset/${p.d.name}/apply`}>在线申请获取</a>，提供单位审核同意后仅向您开放（
              <a href="/sjkf/sq/cx">查询申请</a>）。
            </>
          ) : null}
        </p>
      ) : null}
      <ul class="item-list">
        {p.resources.map((r) => (
          <li>
            <a href={`/dataset/${p.d.name}/resource/${r.id}`}>{r.name}</a>
            <span class="muted">
              {' '}
              {r.format}
              {r.row_count !== null ? ` · ${r.row_count} 行` : ''}
            </span>
          </li>
        ))}
      </ul>
      <h2>接口调用</h2>
      <p>本数据集可通过 CKAN 标准接口读取（无需注册）：</p>
      <pre>
        <code>{`${p.base}/api/3/action/package_show?id=${p.d.name}`}</code>
      </pre>
      <p>
        对这个数据集有意见或需要更多数据？<a href={`/sjkf/xqfk/new?dataset=${p.d.name}`}>提意见或需求</a>
      </p>
      <h2>更新记录</h2>
      <p>
        <a href={`/dataset/${p.d.name}/feed.atom`}>订阅这个数据集的更新（Atom）</a>
      </p>
      <ol class="history">
        {p.history.map((h) => (
          <li>
            第 {h.version_no} 版　{chinaDate(h.published_at)}　{h.change_note}
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function ResourcePage(p: {
  ctx: ViewContext;
  d: PublishedDataset;
  r: ResourceRow;
  rows?: { fields: { id: string }[]; records: Record<string, unknown>[]; total: number };
  column: string;
  value: string;
  page: number;
  pageSize: number;
  base: string;
  /** False for a resource of an earlier version, kept for those who used it. */
  current: boolean;
}) {
  const { d, r } = p;
  const page = `/dataset/${d.name}/resource/${r.id}`;
  const open = d.metadata.openness === 'open';
  return (
    <Layout ctx={p.ctx} title={`${r.name} - ${d.metadata.title}`} crumbs={crumbs({ label: d.metadata.title, href: `/dataset/${d.name}` }, { label: r.name })}>
      <h1>{r.name}</h1>
      <p class="muted">
        {d.metadata.title} · {d.unit_name} · {r.format}
        {r.row_count !== null ? ` · ${r.row_count} 行` : ''}
      </p>
      {!p.current ? (
        <div class="banner-warning" role="status">
          <p>
            这是本数据集早先版本的资源，已被替换。最新数据请看<a href={`/dataset/${d.name}`}>数据集页面</a>。
          </p>
        </div>
      ) : null}
      {r.description ? <p>{r.description}</p> : null}
      {!open ? (
        <p>这个数据集为{OPENNESS[d.metadata.openness]}，数据不提供直接预览和下载。</p>
      ) : r.kind === 'link' ? (
        <p>
          <a href={r.url}>打开数据地址</a>
        </p>
      ) : r.row_count === null ? (
        <p>
          <a href={`${page}/file`}>下载（{r.format}）</a>
        </p>
      ) : (
        <p class="button-row">
          <a class="button" href={`${page}/download.csv`}>
            下载 CSV
          </a>
          <a class="button secondary" href={`${page}/download.xlsx`}>
            下载 Excel
          </a>
          <a class="button secondary" href={`${page}/download.json`}>
            下载 JSON
          </a>
        </p>
      )}
      {r.fields.length ? (
        <section aria-labelledby="dict-h">
          <h2 id="dict-h">数据项说明</h2>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="数据项说明（可左右滚动）">
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">数据项</th>
                  <th scope="col">类型</th>
                  <th scope="col">单位</th>
                  <th scope="col">说明</th>
                </tr>
              </thead>
              <tbody>
                {r.fields.map((f) => (
                  <tr>
                    <td>{f.id}</td>
                    <td>{TYPE_LABELS[f.type]}</td>
                    <td>{f.unit}</td>
                    <td>{f.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {p.rows ? (
        <section aria-labelledby="rows-h">
          <h2 id="rows-h">数据预览</h2>
          <form method="get" action={page} class="filters" aria-label="筛选数据">
            <div class="field">
              <label for="f-column">数据项</label>
              <select id="f-column" name="column">
                <option value="">任意数据项包含</option>
                {r.fields.map((f) => (
                  <option value={f.id} selected={f.id === p.column}>
                    {f.id} 等于
                  </option>
                ))}
              </select>
            </div>
            <Field name="value" label="值" value={p.value} />
            <button type="submit" class="button">
              筛选
            </button>
          </form>
          <p role="status">共 {p.rows.total} 行</p>
          <div class="table-scroll" tabIndex={0} role="region" aria-label="数据（可左右滚动）">
            <table class="data">
              <thead>
                <tr>
                  {p.rows.fields.map((f) => (
                    <th scope="col">{f.id === '_id' ? '行号' : f.id}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {p.rows.records.map((row) => (
                  <tr>
                    {p.rows!.fields.map((f) => (
                      <td>{row[f.id] === null ? '' : String(row[f.id])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination base={page} params={{ column: p.column || undefined, value: p.value || undefined }} page={p.page} pageSize={p.pageSize} total={p.rows.total} />
          <h2>接口调用</h2>
          <pre>
            <code>{`${p.base}/api/3/action/datastore_search?resource_id=${r.id}&limit=5`}</code>
          </pre>
        </section>
      ) : null}
    </Layout>
  );
}
