/** The public yearly page of 建议提案办理结果: the counts with the published share, and every entry's outcome. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import type { ProposalRow } from '../queries.ts';
import { KINDS, PUBLICATION, RESULTS, type YearSummary } from '../rules.ts';

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

export function YearPage(p: { ctx: ViewContext; year: number; years: number[]; rows: ProposalRow[]; summary: YearSummary }) {
  // Entries withdrawn (merged, withdrawn by the proposer) stay listed with their reason.
  const live = p.rows;
  return (
    <Layout ctx={p.ctx} title={`${p.year}年建议提案办理结果`} crumbs={[{ label: '首页', href: '/' }, { label: '政民互动', href: '/hdjl/ly' }, { label: '建议提案办理结果' }]}>
      <h1>{p.year}年人大代表建议和政协委员提案办理结果</h1>
      {p.years.length > 1 ? (
        <nav aria-label="年度">
          <ul class="pagination">
            {p.years.map((y) => (
              <li>{y === p.year ? <span aria-current="page">{y}年</span> : <a href={`/hdjl/jyta/${y}`}>{y}年</a>}</li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div class="table-scroll" tabIndex={0} role="region" aria-label="办理和公开情况">
        <table class="data">
          <caption>办理和公开情况</caption>
          <thead>
            <tr>
              <th scope="col">类别</th>
              <th scope="col">承办</th>
              <th scope="col">已答复</th>
              <th scope="col">按期答复</th>
              <th scope="col">全文公开</th>
              <th scope="col">摘要公开</th>
              <th scope="col">不公开</th>
              <th scope="col">公开率</th>
            </tr>
          </thead>
          <tbody>
            {(['suggestion', 'proposal'] as const).map((k) => {
              const s = p.summary[k];
              return (
                <tr>
                  <th scope="row">{KINDS[k]}</th>
                  <td class="num">{s.assigned}</td>
                  <td class="num">{s.replied}</td>
                  <td class="num">{s.onTime}</td>
                  <td class="num">{s.full}</td>
                  <td class="num">{s.summary}</td>
                  <td class="num">{s.none}</td>
                  <td class="num">{pct(s.publishedShare)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p class="hint">公开率 = 答复已在“建议提案办理结果”栏目发布的件数 ÷ 已答复件数；决定公开、尚在审核发布中的不计入。</p>
      <h2>逐件情况</h2>
      {live.length ? (
        <ul class="item-list">
          {live.map((r) => (
            <li>
              <strong>
                {KINDS[r.kind]} {r.session}第{r.number}号：{r.title}
              </strong>
              <span class="muted">
                {' '}
                {r.proposer} · 主办：{r.unit_name}
                {r.co_unit_names.length ? `，协办：${r.co_unit_names.join('、')}` : ''}
              </span>
              <br />
              {r.state === 'withdrawn'
                ? `已撤销：${r.withdrawn_reason}`
                : r.replied_on
                  ? `${r.replied_on}答复${r.replied_on > r.reply_due_on ? `（超过${r.reply_due_on}的答复期限）` : ''}，${RESULTS[r.result as keyof typeof RESULTS] ?? ''}。`
                  : `办理中，${r.reply_due_on}前答复。`}
              {r.published_on && r.item_id ? (
                <a href={`/xxgk/${r.unit_slug}/items/${r.item_id}`}>查看答复（{PUBLICATION[r.publication as keyof typeof PUBLICATION]}）</a>
              ) : r.publication === 'none' ? (
                `不公开：${r.publication_reason}`
              ) : r.publication ? (
                '答复待发布。'
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>这一年没有登记的建议提案。</p>
      )}
    </Layout>
  );
}
