import type { ViewContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { Pagination } from '../../views/pagination.tsx';
import { VALIDITY } from '../publishing/taxonomy.ts';
import type { UnitRow } from '../orgs/queries.ts';
import type { SearchResult } from './service.ts';
import { snippet } from './snippet.ts';

export function SearchPage(props: { ctx: ViewContext; q: string; unit?: UnitRow; units: { slug: string; name: string; depth: number }[]; results: SearchResult[]; total: number; page: number; pageSize: number; tooLong: boolean }) {
  const { q } = props;
  return (
    <Layout ctx={props.ctx} title={q ? `搜索：${q}` : '搜索'} crumbs={[{ label: '首页', href: '/' }, { label: '搜索' }]}>
      <h1>搜索政府信息</h1>
      <form method="get" action="/search" role="search" class="filters" aria-label="搜索条件">
        <div class="field">
          <label for="f-q">搜索内容</label>
          <input id="f-q" name="q" type="search" value={q} maxLength={200} />
        </div>
        <div class="field">
          <label for="f-unit">范围</label>
          <select id="f-unit" name="unit">
            <option value="">全市</option>
            {props.units.map((u) => <option value={u.slug} selected={props.unit?.slug === u.slug}>{`${'　'.repeat(u.depth)}${u.name}`}</option>)}
          </select>
        </div>
        <button type="submit" class="button">搜索</button>
      </form>
      {props.tooLong ? <p class="notice" role="status">搜索内容较长，只用了前200个字。</p> : null}
      {q ? (
        props.total ? (
          <p role="status">{props.unit ? `在${props.unit.name}范围内` : ''}找到 {props.total} 条与“{q}”相关的信息</p>
        ) : (
          <div class="notice" role="status">
            <p>没有找到与“{q}”相关的信息。可以试试：</p>
            <ul>
              <li>用更少、更常用的词，例如“低保 标准”“入学 材料”；</li>
              <li>检查错别字，或改用文件的发文字号（如“国发〔2019〕5号”）；</li>
              {props.unit ? <li><a href={`/search?q=${encodeURIComponent(q)}`}>在全市范围内搜索</a>；</li> : null}
              <li>按栏目浏览<a href="/xxgk">政府信息公开</a>。</li>
            </ul>
          </div>
        )
      ) : (
        <p>输入问题或关键词，例如“孩子上学要什么材料”“低保标准”，或文件的发文字号、索引号。</p>
      )}
      <ol class="search-results">
        {props.results.map((r) => (
          <li>
            <h2>
              <a href={`/xxgk/${r.unitSlug}/items/${r.id}`}>{r.title}</a>
              {r.validity !== 'current' ? <span class="badge">{VALIDITY[r.validity as keyof typeof VALIDITY]}</span> : null}
            </h2>
            <p class="snippet">{snippet(r.text, q).map((p) => (p.mark ? <mark>{p.text}</mark> : p.text))}</p>
            <p class="muted">{r.unitName}　{r.docNo ? `${r.docNo}　` : ''}{r.publishDate}</p>
          </li>
        ))}
      </ol>
      <Pagination base="/search" params={{ q, unit: props.unit?.slug }} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}
