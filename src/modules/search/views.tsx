import type { ViewContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { Pagination, pageHref } from '../../views/pagination.tsx';
import { VALIDITY } from '../publishing/index.ts';
import type { UnitRow } from '../orgs/index.ts';
import type { SearchAnswer } from './service.ts';
import { FACET_KEYS, FACET_NAMES, facetLabel, type FacetKey } from './facets.ts';

export interface SearchPageProps {
  ctx: ViewContext;
  q: string;
  unit?: UnitRow;
  units: { slug: string; name: string; depth: number }[];
  filters: Partial<Record<FacetKey, string>>;
  sort: 'relevance' | 'date';
  answer?: SearchAnswer;
  page: number;
  pageSize: number;
  tooLong: boolean;
  popular: string[];
  /** The knowledge base's answers for the question, offered before the documents. */
  hints?: { id: number; question: string }[];
  /** Open-data datasets matching the question: the best few and how many in all. */
  datasets?: { total: number; hits: { name: string; title: string; unitName: string }[] };
}

const FACET_PARAM: Record<FacetKey, string> = { unit: 'by', section: 'section', topic: 'topic', genre: 'genre', year: 'year', validity: 'validity' };
/** Facet values shown before "more" (the rest stay reachable through the page's own filters). */
const FACET_SHOWN = 8;

function params(p: SearchPageProps, change: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  const base: Record<string, string | undefined> = { q: p.q, unit: p.unit?.slug, sort: p.sort === 'date' ? 'date' : undefined };
  for (const k of FACET_KEYS) base[FACET_PARAM[k]] = p.filters[k];
  return { ...base, ...change };
}

const href = (p: SearchPageProps, change: Record<string, string | undefined> = {}) => pageHref('/search', params(p, change), 1);

export function SearchPage(p: SearchPageProps) {
  const { q, answer } = p;
  const unitNames = new Map(p.units.map((u) => [u.slug, u.name]));
  const chosen = FACET_KEYS.filter((k) => p.filters[k]);
  return (
    <Layout ctx={p.ctx} title={q ? `搜索：${q}` : '搜索'} crumbs={[{ label: '首页', href: '/' }, { label: '搜索' }]}>
      <h1>搜索政府信息</h1>
      <form method="get" action="/search" role="search" class="filters" aria-label="搜索条件">
        <div class="field">
          <label for="f-q">搜索内容</label>
          <input id="f-q" name="q" type="search" value={q} maxLength={200} aria-describedby="f-q-hint" />
        </div>
        <div class="field">
          <label for="f-unit">范围</label>
          <select id="f-unit" name="unit">
            <option value="">全市</option>
            {p.units.map((u) => (
              <option value={u.slug} selected={p.unit?.slug === u.slug}>{`${'　'.repeat(u.depth)}${u.name}`}</option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          搜索
        </button>
        <p id="f-q-hint" class="hint muted">
          可直接输入问题；完整词句请加引号，如 "最低生活保障标准"。
        </p>
      </form>
      {p.tooLong ? (
        <p class="notice" role="status">
          搜索内容较长，只用了前200个字。
        </p>
      ) : null}
      {answer?.partial ? (
        <p class="notice" role="status">
          搜索索引正在建立，结果可能不全，请稍后再试。
        </p>
      ) : null}
      {p.hints?.length ? (
        <section class="notice" aria-labelledby="hints-h">
          <h2 id="hints-h">常见问题的答复</h2>
          <ul>
            {p.hints.map((h) => (
              <li>
                <a href={`/hdjl/wd/${h.id}?from=search`}>{h.question}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.datasets?.total ? (
        <section class="notice" aria-labelledby="datasets-h">
          <h2 id="datasets-h">开放数据</h2>
          <ul>
            {p.datasets.hits.map((d) => (
              <li>
                <a href={`/dataset/${d.name}`}>{d.title}</a> <span class="muted">{d.unitName}</span>
              </li>
            ))}
          </ul>
          {p.datasets.total > p.datasets.hits.length ? (
            <p>
              <a href={`/sjkf?q=${encodeURIComponent(p.q)}`}>在数据开放中查看全部 {p.datasets.total} 个相关数据集</a>
            </p>
          ) : null}
        </section>
      ) : null}
      {answer?.suggestion ? (
        <p class="suggestion">
          您是不是要找：<a href={href(p, { q: answer.suggestion })}>{answer.suggestion}</a>
        </p>
      ) : null}
      {!q ? (
        <>
          <p>输入问题或关键词，例如“孩子上学要什么材料”“低保标准”，或文件的发文字号、索引号。</p>
          <Popular items={p.popular} />
        </>
      ) : answer && answer.total ? (
        <p role="status">
          {p.unit ? `在${p.unit.name}范围内` : ''}找到 {answer.total} 条与“{q}”相关的信息
          {answer.expansions.length ? `（同时查找了：${answer.expansions.join('、')}）` : ''}
        </p>
      ) : (
        <div class="notice" role="status">
          <p>
            没有找到与“{q}”相关的信息{chosen.length ? '（已按条件筛选）' : ''}。可以试试：
          </p>
          <ul>
            {chosen.length ? (
              <li>
                <a href={href(p, Object.fromEntries(chosen.map((k) => [FACET_PARAM[k], undefined])))}>取消全部筛选条件</a>；
              </li>
            ) : null}
            <li>用更少、更常用的词，例如“低保 标准”“入学 材料”；</li>
            <li>检查错别字，或改用文件的发文字号（如“国发〔2019〕5号”）；</li>
            {p.unit ? (
              <li>
                <a href={href(p, { unit: undefined })}>在全市范围内搜索</a>；
              </li>
            ) : null}
            <li>
              按栏目浏览<a href="/xxgk">政府信息公开</a>。
            </li>
          </ul>
          <Popular items={p.popular} />
        </div>
      )}
      {answer && (answer.total || chosen.length) ? (
        <div class="search-layout">
          <div class="search-main">
            <p class="sort-links">
              排序：
              {p.sort === 'date' ? <a href={href(p, { sort: undefined })}>按相关度</a> : <strong aria-current="true">按相关度</strong>}
              {'　'}
              {p.sort === 'date' ? <strong aria-current="true">按时间</strong> : <a href={href(p, { sort: 'date' })}>按时间</a>}
            </p>
            {answer.phraseLimited ? <p class="muted">引号中的词句出现在很多文件中，只核对了最近的 5000 份。</p> : null}
            <ol class="search-results">
              {answer.results.map((r) => (
                <li>
                  <h2>
                    <a href={`/xxgk/${r.unitSlug}/items/${r.id}`}>{r.title}</a>
                    {r.validity !== 'current' ? <span class="badge">{VALIDITY[r.validity as keyof typeof VALIDITY]}</span> : null}
                  </h2>
                  <p class="snippet">{r.snippet.map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</p>
                  <p class="muted">
                    {r.unitName}　{r.docNo ? `${r.docNo}　` : ''}
                    {r.publishDate}
                  </p>
                </li>
              ))}
            </ol>
            <Pagination base="/search" params={params(p)} page={p.page} pageSize={p.pageSize} total={answer.total} />
          </div>
          <nav class="facets" aria-label="按条件筛选">
            <h2 class="visually-hidden">按条件筛选</h2>
            {FACET_KEYS.map((k) => {
              const values = answer.facets[k];
              if (!values.length && !p.filters[k]) return null;
              return (
                <section>
                  <h3>{FACET_NAMES[k]}</h3>
                  <ul>
                    {p.filters[k] ? (
                      <li>
                        <strong>{facetLabel(k, p.filters[k]!, unitNames)}</strong>{' '}
                        <a href={href(p, { [FACET_PARAM[k]]: undefined })} aria-label={`取消“${FACET_NAMES[k]}”筛选`}>
                          取消
                        </a>
                      </li>
                    ) : null}
                    {values
                      .filter((v) => v.value !== p.filters[k])
                      .slice(0, FACET_SHOWN)
                      .map((v) => (
                        <li>
                          <a href={href(p, { [FACET_PARAM[k]]: v.value })}>{facetLabel(k, v.value, unitNames)}</a> <span class="muted">({v.count})</span>
                        </li>
                      ))}
                  </ul>
                </section>
              );
            })}
          </nav>
        </div>
      ) : null}
    </Layout>
  );
}

function Popular(props: { items: string[] }) {
  if (!props.items.length) return null;
  return (
    <section class="popular" aria-labelledby="popular-h">
      <h2 id="popular-h">大家都在搜</h2>
      <ul class="chips">
        {props.items.map((q) => (
          <li>
            <a href={pageHref('/search', { q }, 1)}>{q}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
