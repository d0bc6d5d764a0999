/**
 * The city portal's home page as citizens expect a government portal, and the city-wide policy library (政策文件库)
 * browsable by 主题, 发文机关, 年份 and 文种 like the gov.cn library. Plain links: every filter works without script.
 */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { Pagination } from '../../../views/pagination.tsx';
import type { UnitRow } from '../../orgs/index.ts';
import type { Facet, PublicListFilters, PublicListRow } from '../queries.ts';
import { ItemList } from './pages.tsx';

type TreeUnit = UnitRow & { depth: number };

/** 部门 (the city's departments), 区县 and 乡镇街道, as a portal's 机构 box shows them. */
export function groupUnits(units: TreeUnit[]) {
  const top = units.find((u) => u.depth === 0);
  return {
    top,
    departments: units.filter((u) => u.kind === 'department' && u.level === 'city'),
    counties: units.filter((u) => u.kind === 'government' && u.level === 'county'),
    townships: units.filter((u) => u.level === 'township'),
  };
}

function UnitLinks(props: { title: string; units: TreeUnit[] }) {
  if (!props.units.length) return null;
  return (
    <section class="unit-group" aria-label={props.title}>
      <h3>{props.title}</h3>
      <ul class="unit-links">
        {props.units.map((u) => (
          <li>
            <a href={`/xxgk/${u.slug}`}>{u.short_name || u.name}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PortalHomePage(props: { ctx: ViewContext; units: TreeUnit[]; latest: PublicListRow[]; policies: PublicListRow[]; interpretations: PublicListRow[] }) {
  const g = groupUnits(props.units);
  return (
    <Layout ctx={props.ctx} title="首页">
      <h1>{props.ctx.siteName}</h1>
      <ul class="portal-entries">
        <li>
          <a href="/xxgk">政府信息公开</a>
          <span>各单位主动公开的政府信息、公开指南和年报</span>
        </li>
        <li>
          <a href="/zcwjk">政策文件库</a>
          <span>按主题、发文机关、年份和文种查找全市政策文件</span>
        </li>
        <li>
          <a href="/ysqgk">依申请公开</a>
          <span>在线申请政府信息，查询办理进度</span>
        </li>
        <li>
          <a href="/hdjl/yjzj">意见征集</a>
          <span>对政策草案提意见，查看意见采纳情况；重大行政决策事项目录，会议开放，问卷调查</span>
        </li>
        <li>
          <a href="/search">站内搜索</a>
          <span>用自己的话提问，找到相关信息</span>
        </li>
      </ul>
      <div class="portal-columns">
        <section aria-labelledby="h-policies">
          <h2 id="h-policies">最新政策文件</h2>
          <ItemList rows={props.policies} showUnit />
          <p>
            <a href="/zcwjk">更多政策文件</a>
          </p>
        </section>
        <section aria-labelledby="h-interp">
          <h2 id="h-interp">政策解读</h2>
          <ItemList rows={props.interpretations} showUnit />
        </section>
      </div>
      <h2>最新公开</h2>
      <ItemList rows={props.latest} showUnit />
      <h2>政府机构</h2>
      {g.top ? (
        <p>
          <a href={`/xxgk/${g.top.slug}`}>{g.top.name}</a>
        </p>
      ) : null}
      <UnitLinks title="市政府部门" units={g.departments} />
      <UnitLinks title="区县" units={g.counties} />
      <UnitLinks title="乡镇街道" units={g.townships} />
      {g.top ? (
        <section aria-labelledby="h-contact" class="contact-box">
          <h2 id="h-contact">联系我们</h2>
          <p>
            政府信息公开工作机构：{g.top.office_name || g.top.name}
            {g.top.phone ? `　咨询电话：${g.top.phone}` : ''}
            {g.top.address ? `　地址：${g.top.address}` : ''}
          </p>
          <p>政务服务便民热线：12345</p>
        </section>
      ) : null}
    </Layout>
  );
}

const FACETS: { key: 'topic' | 'organ' | 'year' | 'genre'; label: string; of: 'topics' | 'organs' | 'years' | 'genres' }[] = [
  { key: 'topic', label: '主题', of: 'topics' },
  { key: 'organ', label: '发文机关', of: 'organs' },
  { key: 'year', label: '年份', of: 'years' },
  { key: 'genre', label: '文种', of: 'genres' },
];

export function PolicyLibraryPage(props: {
  ctx: ViewContext;
  filters: PublicListFilters;
  facets: Record<'topics' | 'organs' | 'years' | 'genres', Facet[]>;
  rows: PublicListRow[];
  total: number;
  page: number;
  pageSize: number;
}) {
  const f = props.filters;
  const current: Record<string, string> = Object.fromEntries(
    [
      ['topic', f.topic],
      ['organ', f.organ],
      ['year', f.year ? String(f.year) : undefined],
      ['genre', f.genre],
    ].filter(([, v]) => v) as [string, string][],
  );
  const href = (over: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries({ ...current, ...over }).filter(([, v]) => v) as [string, string][]);
    return `/zcwjk${q.size ? `?${q}` : ''}`;
  };
  return (
    <Layout ctx={props.ctx} title="政策文件库" crumbs={[{ label: '首页', href: '/' }, { label: '政策文件库' }]}>
      <h1>政策文件库</h1>
      <p>全市各单位“法规文件”栏目发布的规章、规范性文件和其他政策文件，共 {props.total} 件。</p>
      {FACETS.map((facet) => (
        <nav class="facet" aria-label={`按${facet.label}筛选`}>
          <h2>{facet.label}</h2>
          <ul class="chips">
            <li>{current[facet.key] ? <a href={href({ [facet.key]: undefined })}>全部</a> : <strong aria-current="true">全部</strong>}</li>
            {props.facets[facet.of].map((x) => (
              <li>
                {current[facet.key] === x.value ? (
                  <strong aria-current="true">
                    {x.value}（{x.count}）
                  </strong>
                ) : (
                  <a href={href({ [facet.key]: x.value })}>
                    {x.value}（{x.count}）
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      ))}
      <h2>文件</h2>
      <ItemList rows={props.rows} showUnit />
      <Pagination base="/zcwjk" params={current} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}
