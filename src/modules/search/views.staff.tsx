import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../views/layout.tsx';
import type { QueryCount } from './queryLog.ts';
import type { SynonymEntry } from './synonyms.ts';

const crumbs = (label: string) => [{ label: '工作台', href: '/staff' }, { label: '站内搜索', href: '/staff/search' }, { label }];

function SearchNav(props: { current: 'queries' | 'zero' | 'synonyms' }) {
  const links = [
    { key: 'queries', href: '/staff/search', label: '常用搜索' },
    { key: 'zero', href: '/staff/search?zero=1', label: '无结果的搜索' },
    { key: 'synonyms', href: '/staff/search/synonyms', label: '同义词表' },
  ];
  return (
    <nav aria-label="站内搜索管理">
      <ul class="chips">
        {links.map((l) => (
          <li>{l.key === props.current ? <strong aria-current="page">{l.label}</strong> : <a href={l.href}>{l.label}</a>}</li>
        ))}
      </ul>
    </nav>
  );
}

export function QueryReportPage(props: { ctx: ViewContext; rows: QueryCount[]; zero: boolean; days: number; minSearches: number; notice?: string }) {
  const title = props.zero ? '无结果的搜索' : '常用搜索';
  return (
    <Layout ctx={props.ctx} title={title} staff crumbs={crumbs(title)}>
      <h1>站内搜索：{title}</h1>
      <SearchNav current={props.zero ? 'zero' : 'queries'} />
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <form method="get" action="/staff/search" class="filters" aria-label="统计期间">
        {props.zero ? <input type="hidden" name="zero" value="1" /> : null}
        <div class="field">
          <label for="f-days">统计最近</label>
          <select id="f-days" name="days">
            {[7, 30, 90, 365].map((d) => (
              <option value={String(d)} selected={d === props.days}>
                {d} 天
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      <p class="muted">
        {props.zero
          ? '群众搜了却没有找到信息的问题，按搜索次数排列。可据此补充同义词、完善信息标题，或主动公开群众关心的信息。'
          : `搜索次数最多的问题。搜索次数达到 ${props.minSearches} 次、有结果且未隐藏的，显示在搜索页“大家都在搜”中。`}
        记录不含 IP 地址和账号，身份证号、手机号等已打码。
      </p>
      {props.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">搜索内容</th>
              <th scope="col">次数</th>
              <th scope="col">最近结果数</th>
              <th scope="col">最近一次</th>
              <th scope="col">公开列表</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/search?q=${encodeURIComponent(r.query)}`}>{r.query}</a>
                </td>
                <td>{r.searches}</td>
                <td>{r.results}</td>
                <td>{r.last}</td>
                <td>
                  <form method="post" action="/staff/search/flags" class="inline">
                    <CsrfField ctx={props.ctx} />
                    <input type="hidden" name="query" value={r.query} />
                    <input type="hidden" name="hidden" value={r.hidden ? '0' : '1'} />
                    <input type="hidden" name="back" value={props.zero ? 'zero' : ''} />
                    {r.hidden ? '已隐藏 ' : ''}
                    <button type="submit" class="link-button" aria-label={`${r.hidden ? '恢复显示' : '不在公开列表显示'}：${r.query}`}>
                      {r.hidden ? '恢复显示' : '不显示'}
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>这段时间没有{props.zero ? '无结果的' : ''}搜索。</p>
      )}
    </Layout>
  );
}

export function SynonymsPage(props: {
  ctx: ViewContext;
  rows: (SynonymEntry & { updated_at: string })[];
  errors: Record<string, string>;
  values?: Record<string, string>;
  editing?: string;
  notice?: string;
}) {
  const v = props.values ?? {};
  return (
    <Layout ctx={props.ctx} title="同义词表" staff crumbs={crumbs('同义词表')}>
      <h1>站内搜索：同义词表</h1>
      <SearchNav current="synonyms" />
      <p>群众常用的说法和文件中的规范说法。搜索内容含有左边的词时，同时查找右边的词（权重略低），例如搜“社保断缴”也能找到写“社会保险”的文件。修改几秒钟后在各服务器生效。</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <h2>{props.editing ? `修改“${props.editing}”` : '添加'}</h2>
      <form method="post" action="/staff/search/synonyms">
        <CsrfField ctx={props.ctx} />
        {props.editing ? <input type="hidden" name="replacing" value={props.editing} /> : null}
        <Field name="term" label="群众常用说法" value={v.term} error={props.errors.term} hint="一个词，如：社保" required />
        <Field name="synonyms" label="规范说法" value={v.synonyms} error={props.errors.synonyms} hint="一个或多个，用顿号、逗号或空格分开，如：社会保险" required />
        <button type="submit" class="button">
          保存
        </button>
        {props.editing ? (
          <a href="/staff/search/synonyms" class="button secondary">
            取消
          </a>
        ) : null}
      </form>
      <h2>已有 {props.rows.length} 组</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">常用说法</th>
            <th scope="col">规范说法</th>
            <th scope="col">更新时间</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.term}</td>
              <td>{r.synonyms.join('、')}</td>
              <td>{r.updated_at}</td>
              <td>
                <a href={`/staff/search/synonyms?edit=${encodeURIComponent(r.term)}`} aria-label={`修改：${r.term}`}>
                  修改
                </a>{' '}
                <form method="post" action="/staff/search/synonyms/remove" class="inline">
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="term" value={r.term} />
                  <button type="submit" class="link-button" aria-label={`删除：${r.term}`}>
                    删除
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
