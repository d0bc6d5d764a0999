import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { Pagination } from '../../../views/pagination.tsx';
import type { UnitRow } from '../../orgs/index.ts';
import type { UnitSection } from '../../publishing/index.ts';
import { GENRES, TOPICS, VALIDITY } from '../../publishing/index.ts';
import type { PublicListRow } from '../queries.ts';
import { ColumnFrame } from './frame.tsx';

export function ItemList(props: { rows: PublicListRow[]; showUnit?: boolean }) {
  if (!props.rows.length) return <p>暂无信息。</p>;
  return (
    <ul class="item-list">
      {props.rows.map((r) => (
        <li>
          <span>
            <a href={`/xxgk/${r.unit_slug}/items/${r.id}`}>{r.title}</a>
            {r.validity !== 'current' ? <span class="badge">{VALIDITY[r.validity as keyof typeof VALIDITY]}</span> : null}
            {props.showUnit ? <span class="muted">（{r.unit_name}）</span> : null}
          </span>
          <span class="date">{r.publish_date}</span>
        </li>
      ))}
    </ul>
  );
}

function UnitTree(props: { units: (UnitRow & { depth: number })[] }) {
  return (
    <ul class="unit-list">
      {props.units.map((u) => (
        <li class={`depth-${Math.min(u.depth, 3)}`}>
          <a href={`/xxgk/${u.slug}`}>{u.name}</a>
        </li>
      ))}
    </ul>
  );
}

/** The site map as a page (网站地图): every part of the site and every unit's column, for people, not crawlers. */
export function SiteMapPage(props: { ctx: ViewContext; units: (UnitRow & { depth: number })[] }) {
  return (
    <Layout ctx={props.ctx} title="网站地图" crumbs={[{ label: '首页', href: '/' }, { label: '网站地图' }]}>
      <h1>网站地图</h1>
      <h2>栏目</h2>
      <ul>
        <li>
          <a href="/">首页</a>
        </li>
        <li>
          <a href="/xxgk">政府信息公开</a>
        </li>
        <li>
          <a href="/ysqgk">依申请公开</a>：<a href="/ysqgk/apply">在线申请</a>、<a href="/ysqgk/status">查询办理进度</a>、<a href="/ysqgk/recover">找回查询码</a>
        </li>
        <li>
          <a href="/zcwjk">政策文件库</a>
        </li>
        <li>
          公众参与：<a href="/hdjl/yjzj">意见征集</a>、<a href="/hdjl/jcml">重大行政决策事项目录</a>、<a href="/hdjl/hy">会议开放</a>、<a href="/hdjl/wjdc">问卷调查</a>、
          <a href="/hdjl/ly">政民互动（留言）</a>
        </li>
        <li>
          <a href="/search">站内搜索</a>
        </li>
        <li>
          <a href="/api/openapi.json">数据接口说明（OpenAPI）</a>
        </li>
      </ul>
      <h2>各单位政府信息公开</h2>
      <UnitTree units={props.units} />
      <p>
        <a href="/sitemap.xml">供搜索引擎使用的 XML 网站地图</a>
      </p>
    </Layout>
  );
}

export function PlatformIndexPage(props: { ctx: ViewContext; units: (UnitRow & { depth: number })[] }) {
  return (
    <Layout ctx={props.ctx} title="政府信息公开" crumbs={[{ label: '首页', href: '/' }, { label: '政府信息公开' }]}>
      <h1>政府信息公开</h1>
      <p>请选择单位，查看其政府信息公开指南、制度、法定主动公开内容和年报。</p>
      <UnitTree units={props.units} />
    </Layout>
  );
}

export function ColumnHomePage(props: { ctx: ViewContext; unit: UnitRow; sections: UnitSection[]; counts: Map<string, number>; latest: PublicListRow[] }) {
  const proactive = props.sections.filter((s) => s.group === 'proactive' && s.enabled);
  return (
    <ColumnFrame ctx={props.ctx} unit={props.unit} sections={props.sections} current="" title={`${props.unit.name}政府信息公开`}>
      <h1>{props.unit.name}政府信息公开</h1>
      <p>
        <a href={`/xxgk/${props.unit.slug}/guide`}>政府信息公开指南</a>说明本单位公开的信息分类、获取方式和联系方式。
      </p>
      <p>
        <a href={`/xxgk/${props.unit.slug}/feed.atom`}>订阅本单位更新</a>：把这个链接添加到阅读器（RSS/Atom）或浏览器的订阅中，本单位新公开的信息会自动出现在那里。
      </p>
      <h2>最新公开</h2>
      <ItemList rows={props.latest} />
      <h2>法定主动公开内容</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">栏目</th>
            <th scope="col">依据</th>
            <th scope="col">条数</th>
          </tr>
        </thead>
        <tbody>
          {proactive.map((s) => (
            <tr>
              <td>
                <a href={`/xxgk/${props.unit.slug}/s/${s.code}`}>{s.label}</a>
              </td>
              <td>{s.basis}</td>
              <td>{props.counts.get(s.code) ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ColumnFrame>
  );
}

export interface ListFilterValues {
  topic: string;
  genre: string;
  year: string;
  validity: string;
}

export function SectionListPage(props: {
  ctx: ViewContext;
  unit: UnitRow;
  sections: UnitSection[];
  code: string;
  label: string;
  basis?: string;
  rows: PublicListRow[];
  total: number;
  page: number;
  pageSize: number;
  filters: ListFilterValues;
  years: number[];
  basePath: string;
}) {
  const f = props.filters;
  return (
    <ColumnFrame
      ctx={props.ctx}
      unit={props.unit}
      sections={props.sections}
      current={props.code}
      title={`${props.label} - ${props.unit.short_name}`}
      crumbs={[{ label: props.label }]}
    >
      <h1>{props.label}</h1>
      {props.basis ? <p class="muted">依据：{props.basis}</p> : null}
      <form method="get" action={props.basePath} class="filters" aria-label="筛选">
        <div class="field">
          <label for="f-topic">主题分类</label>
          <select id="f-topic" name="topic">
            <option value="">全部</option>
            {TOPICS.map(([l1, l2s]) => (
              <optgroup label={l1}>
                <option value={l1} selected={f.topic === l1}>
                  {l1}（全部）
                </option>
                {l2s.map((l2) => (
                  <option value={`${l1}\\${l2}`} selected={f.topic === `${l1}\\${l2}`}>
                    {l2}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-genre">文种</label>
          <select id="f-genre" name="genre">
            <option value="">全部</option>
            {GENRES.map((g) => (
              <option value={g} selected={f.genre === g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-year">年份</label>
          <select id="f-year" name="year">
            <option value="">全部</option>
            {props.years.map((y) => (
              <option value={String(y)} selected={f.year === String(y)}>
                {y}年
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-validity">有效性</label>
          <select id="f-validity" name="validity">
            <option value="">全部</option>
            {Object.entries(VALIDITY).map(([k, l]) => (
              <option value={k} selected={f.validity === k}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          筛选
        </button>
      </form>
      <p>
        共 {props.total} 条
        {props.code !== 'interpretations' ? (
          <>
            　<a href={`${props.basePath}/feed.atom`}>订阅本栏目</a>
          </>
        ) : null}
      </p>
      <ItemList rows={props.rows} />
      <Pagination base={props.basePath} params={{ ...f }} page={props.page} pageSize={props.pageSize} total={props.total} />
    </ColumnFrame>
  );
}

export function GuidePage(props: { ctx: ViewContext; unit: UnitRow; sections: UnitSection[]; leader?: { name: string; post: string } }) {
  const u = props.unit;
  const enabled = props.sections.filter((s) => s.enabled && s.group === 'proactive');
  const updated = new Date(u.guide_updated_at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <ColumnFrame ctx={props.ctx} unit={u} sections={props.sections} current="guide" title={`政府信息公开指南 - ${u.short_name}`} crumbs={[{ label: '政府信息公开指南' }]}>
      <h1>{u.name}政府信息公开指南</h1>
      <p class="muted">最后更新：{updated}</p>
      {u.guide_text ? u.guide_text.split(/\n+/).map((p) => <p>{p}</p>) : null}
      <h2>一、信息分类与编排体系</h2>
      <p>
        本单位主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条{u.level === 'township' || u.level === 'county' || u.level === 'city' ? '、第二十一条' : ''}
        分为以下栏目，每条信息标注索引号、主题分类、发文字号、成文日期和发布日期：
      </p>
      <ul>
        {enabled.map((s) => (
          <li>
            <a href={`/xxgk/${u.slug}/s/${s.code}`}>{s.label}</a>（{s.basis}）
          </li>
        ))}
      </ul>
      <h2>二、获取方式</h2>
      <p>主动公开的政府信息可在本平台查阅、检索和下载。需要获取本单位未主动公开的政府信息的，可以向本单位政府信息公开工作机构提出申请（条例第二十七条）。</p>
      <h2>三、政府信息公开工作机构</h2>
      <table class="meta-table">
        <tbody>
          <tr>
            <th scope="row">名称</th>
            <td>{u.office_name || '—'}</td>
          </tr>
          {props.leader?.name ? (
            <tr>
              <th scope="row">分管负责人</th>
              <td>
                {props.leader.name}
                {props.leader.post ? `（${props.leader.post}）` : ''}
              </td>
            </tr>
          ) : null}
          <tr>
            <th scope="row">办公地址</th>
            <td>{u.address || '—'}</td>
          </tr>
          <tr>
            <th scope="row">办公时间</th>
            <td>{u.office_hours || '—'}</td>
          </tr>
          <tr>
            <th scope="row">联系电话</th>
            <td>{u.phone || '—'}</td>
          </tr>
          <tr>
            <th scope="row">传真号码</th>
            <td>{u.fax || '—'}</td>
          </tr>
          <tr>
            <th scope="row">互联网联系方式</th>
            <td>{u.web_contact || '—'}</td>
          </tr>
          <tr>
            <th scope="row">电子邮箱</th>
            <td>{u.email || '—'}</td>
          </tr>
          <tr>
            <th scope="row">邮政编码</th>
            <td>{u.postcode || '—'}</td>
          </tr>
        </tbody>
      </table>
      <h2>四、监督和救济</h2>
      <p>
        公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。
      </p>
    </ColumnFrame>
  );
}
