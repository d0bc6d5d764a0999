/** The public statistics of messages: one month per page, units ranked only above the minimum, definitions shown. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { STAT_DEFINITIONS, type RankedUnit } from '../statistics.ts';

const pct = (r: number | null) => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

export interface StatisticsProps {
  ctx: ViewContext;
  month: string;
  months: string[];
  rows: RankedUnit[];
  total: RankedUnit;
  minCases: number;
  suggestions: Record<string, number>;
}

function Row({ r, head }: { r: RankedUnit; head?: boolean }) {
  return (
    <tr>
      <td>{head ? '' : (r.rank ?? '不排名')}</td>
      <th scope="row">{r.unitName}</th>
      <td class="num">{r.received}</td>
      <td class="num">{r.replied}</td>
      <td class="num">{pct(r.replyRate)}</td>
      <td class="num">{pct(r.onTimeRate)}</td>
      <td class="num">{r.avgWorkingDays ?? '—'}</td>
      <td class="num">
        {pct(r.satisfactionRate)}
        {r.rated ? `（${r.rated}件评价）` : ''}
      </td>
    </tr>
  );
}

export function StatisticsPage(p: StatisticsProps) {
  const [y, m] = p.month.split('-');
  const s = p.suggestions;
  return (
    <Layout ctx={p.ctx} title="留言办理统计" crumbs={[{ label: '首页', href: '/' }, { label: '政民互动', href: '/hdjl/ly' }, { label: '留言办理统计' }]}>
      <h1>
        留言办理统计（{y}年{Number(m)}月）
      </h1>
      <form method="get" action="/hdjl/ly/tj" class="filters">
        <div class="field">
          <label for="f-month">月份</label>
          <select id="f-month" name="month">
            {p.months.map((x) => (
              <option value={x} selected={x === p.month}>
                {x.slice(0, 4)}年{Number(x.slice(5))}月
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="各单位留言办理情况">
        <table class="data">
          <caption>各单位留言办理情况（收到{p.minCases}件以上的单位参加排名）</caption>
          <thead>
            <tr>
              <th scope="col">排名</th>
              <th scope="col">单位</th>
              <th scope="col">收到</th>
              <th scope="col">已答复</th>
              <th scope="col">答复率</th>
              <th scope="col">按期答复率</th>
              <th scope="col">平均用时（工作日）</th>
              <th scope="col">满意率</th>
            </tr>
          </thead>
          <tbody>
            <Row r={p.total} head />
            {p.rows.map((r) => (
              <Row r={r} />
            ))}
          </tbody>
        </table>
      </div>
      {p.rows.length ? null : <p>这个月没有收到留言。</p>}
      <p>
        写留言时看到类似问题的答复：{s.shown ?? 0}次；打开看了：{s.opened ?? 0}次；因已有答复不再留言：{s.resolved ?? 0}次。
      </p>
      <p class="hint">统计数每分钟更新一次。</p>
      <h2>统计口径</h2>
      <dl class="facts">
        {STAT_DEFINITIONS.map(([term, def]) => (
          <>
            <dt>{term}</dt>
            <dd>{def}</dd>
          </>
        ))}
        <dt>排名</dt>
        <dd>按按期答复率排，相同的再依次比答复率、满意率和平均用时；当月收到不足{p.minCases}件的单位列出数字，不参加排名，避免个别留言决定名次。留言按现在的承办单位统计。</dd>
      </dl>
    </Layout>
  );
}
