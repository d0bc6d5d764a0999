/** The public gazette: the years and issues, one issue as the web edition of the print one, and the search of entries. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import type { EntryRow, FoundEntry, IssueRow } from '../queries.ts';
import { issueLabel, pagesLabel, printOrder, SECTIONS, type Section } from '../rules.ts';

const crumbs = (name: string, more: { label: string; href?: string }[] = []) => [{ label: '首页', href: '/' }, { label: name, href: '/zfgb' }, ...more];
const issueHref = (i: { year: number; number: number }) => `/zfgb/${i.year}/${i.number}`;
const itemHref = (e: EntryRow) => (e.item_id && e.item_public && e.unit_slug ? `/xxgk/${e.unit_slug}/items/${e.item_id}` : undefined);

export function GazetteHomePage(p: {
  ctx: ViewContext;
  name: string;
  years: { year: number; issues: number }[];
  issues: IssueRow[];
  year?: number;
  q: string;
  found?: FoundEntry[];
  /** Archive issues whose printed text holds the words. */
  foundIssues?: IssueRow[];
}) {
  const title = p.year ? `${p.name}（${p.year}年）` : p.name;
  return (
    <Layout ctx={p.ctx} title={title} crumbs={crumbs(p.name, p.year ? [{ label: `${p.year}年` }] : [])}>
      <h1>{title}</h1>
      <p>
        政府公报刊登的规章和规范性文件文本为标准文本。
        <a href="/zfgb/feed.atom">订阅新出版的公报（Atom）</a>
      </p>
      <form method="get" action="/zfgb" role="search">
        <div class="inline-search">
          <label for="gq">查找公报刊登的文件</label>
          <input id="gq" name="q" type="search" value={p.q} maxLength={100} aria-describedby="gq-hint" />
          <button type="submit" class="button">
            查找
          </button>
        </div>
        <p id="gq-hint" class="hint muted">
          可输入标题、发文字号（如“示府〔2026〕8号”）或发文机关；全文检索请用<a href="/search">站内搜索</a>。
        </p>
      </form>
      {p.found ? (
        <section aria-labelledby="found-h">
          <h2 id="found-h">
            与“{p.q}”有关的刊登文件：{p.found.length} 篇{p.found.length >= 100 ? '（只列出前100篇）' : ''}
          </h2>
          <ul class="plain">
            {p.found.map((f) => (
              <li>
                <a href={issueHref(f)}>{f.title}</a>
                <span class="muted">
                  {' '}
                  {[f.issuer, f.doc_no].filter(Boolean).join('　')}　{issueLabel(f)}
                  {pagesLabel(f.page_from, f.page_to)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.foundIssues?.length ? (
        <section aria-labelledby="found-text-h">
          <h2 id="found-text-h">
            全文中含“{p.q}”的存档公报：{p.foundIssues.length} 期
          </h2>
          <ul class="plain">
            {p.foundIssues.map((i) => (
              <li>
                <a href={issueHref(i)}>{issueLabel(i)}</a> <span class="muted">{i.publish_date} 出版</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label="按年份浏览">
        <h2>按年份浏览</h2>
        {p.years.length ? (
          <ul class="inline-list">
            {p.years.map((y) => (
              <li>
                {y.year === p.year ? <strong aria-current="page">{y.year}年</strong> : <a href={`/zfgb/${y.year}`}>{y.year}年</a>} <span class="muted">({y.issues})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>还没有出版的公报。</p>
        )}
      </nav>
      {p.issues.length ? (
        <section aria-labelledby="issues-h">
          <h2 id="issues-h">{p.year ? `${p.year}年各期` : '最近出版'}</h2>
          <ul class="plain">
            {p.issues.map((i) => (
              <li>
                <a href={issueHref(i)}>{issueLabel(i)}</a>{' '}
                <span class="muted">
                  {i.publish_date} 出版，{i.entries} 篇
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function IssuePage(p: { ctx: ViewContext; name: string; issue: IssueRow; entries: EntryRow[]; texts: Map<number, string> }) {
  const i = p.issue;
  const order = printOrder(p.entries);
  const sections = [...new Set(order.map((e) => e.section))] as Section[];
  const pdf = `${issueHref(i)}/gazette.pdf`;
  return (
    <Layout ctx={p.ctx} title={`${p.name} ${issueLabel(i)}`} crumbs={crumbs(p.name, [{ label: `${i.year}年`, href: `/zfgb/${i.year}` }, { label: `第${i.number}期` }])}>
      <h1>
        {p.name}
        <br />
        <small>{issueLabel(i)}</small>
      </h1>
      <p>
        {i.publish_date} 出版。<a href={pdf}>下载印刷版（PDF，{i.page_count} 页）</a>
      </p>
      {i.source === 'imported' ? (
        <p class="notice">本期为存档公报，全文见印刷版（PDF）；下列目录据存档整理。</p>
      ) : (
        <p class="notice">本页为电子版，与印刷版内容一致；刊登的规章和规范性文件以公报文本为标准文本。</p>
      )}
      <nav aria-labelledby="toc-h">
        <h2 id="toc-h">目录</h2>
        {sections.map((s) => (
          <>
            <h3>{SECTIONS[s]}</h3>
            <ol class="plain toc">
              {order
                .filter((e) => e.section === s)
                .map((e) => (
                  <li>
                    {i.source === 'imported' ? itemHref(e) ? <a href={itemHref(e)}>{e.title}</a> : e.title : <a href={`#e${e.id}`}>{e.title}</a>}{' '}
                    <span class="muted">
                      {[e.issuer, e.doc_no].filter(Boolean).join('　')} {pagesLabel(e.page_from, e.page_to)}
                    </span>
                  </li>
                ))}
            </ol>
          </>
        ))}
      </nav>
      {(i.source === 'imported' ? [] : order).map((e) => (
        <article id={`e${e.id}`} aria-labelledby={`e${e.id}-h`} class="gazette-entry">
          <p class="muted">
            【{SECTIONS[e.section]}】{pagesLabel(e.page_from, e.page_to)}
          </p>
          <h2 id={`e${e.id}-h`}>{e.title}</h2>
          {e.doc_no || e.issuer ? <p class="muted">{[e.issuer, e.doc_no].filter(Boolean).join('　')}</p> : null}
          {(p.texts.get(e.id) ?? '')
            .split(/\r?\n/)
            .map((t) => t.trim())
            .filter(Boolean)
            .map((t) => (
              <p>{t}</p>
            ))}
          {itemHref(e) ? (
            <p>
              <a href={itemHref(e)}>在政府信息公开中查看（索引号 {e.index_no}）</a>
            </p>
          ) : null}
        </article>
      ))}
    </Layout>
  );
}
