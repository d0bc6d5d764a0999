/** The office's compliance view: every unit's indicators on a date, and one unit's findings with their definitions. */
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../views/layout.tsx';
import type { Indicator } from './indicators.ts';

const crumbs = (label?: string) => [{ label: '工作台', href: '/staff' }, { label: '监督检查', href: label ? '/staff/supervision' : undefined }, ...(label ? [{ label }] : [])];

export function SupervisionPage(props: { ctx: ViewContext; asOf: string; rows: { unit: { id: number; name: string; depth: number }; indicators: Indicator[] }[] }) {
  const names = props.rows[0]?.indicators.map((i) => i.name) ?? [];
  return (
    <Layout ctx={props.ctx} title="监督检查" staff crumbs={crumbs()}>
      <h1>政务公开监督检查（截至 {props.asOf}）</h1>
      <p>
        各项指标按平台记录计算，点击单位查看每项问题的定义、依据和对应的信息或办件。<a href={`/staff/supervision.xlsx?asOf=${props.asOf}`}>导出工作台账（Excel）</a>　
        <a href="/staff/supervision/assessment">考核评分</a>　<a href="/staff/supervision/visits">网站访问情况</a>　<a href="/staff/supervision/training">业务培训</a>
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="各单位指标（可左右滚动）">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">单位</th>
              {names.map((n) => (
                <th scope="col">{n}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  {'　'.repeat(r.unit.depth)}
                  <a href={`/staff/supervision/${r.unit.id}?asOf=${props.asOf}`}>{r.unit.name}</a>
                </th>
                {r.indicators.map((i) => (
                  <td class={i.findings.length ? 'status-overdue' : undefined}>
                    {i.findings.length}
                    {i.share ? `（非文字 ${Math.round(i.share.value * 100)}%）` : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

export function UnitSupervisionPage(props: { ctx: ViewContext; asOf: string; unit: { name: string }; indicators: Indicator[] }) {
  return (
    <Layout ctx={props.ctx} title={`${props.unit.name} 监督检查`} staff crumbs={crumbs(props.unit.name)}>
      <h1>
        {props.unit.name}（截至 {props.asOf}）
      </h1>
      {props.indicators.map((i) => (
        <section aria-labelledby={`ind-${i.key}`}>
          <h2 id={`ind-${i.key}`}>
            {i.name}：{i.findings.length ? `${i.findings.length} 项问题` : '无问题'}
          </h2>
          <p class="muted">
            {i.definition}依据：{i.basis}。
            {i.share
              ? `非文字解读占 ${Math.round(i.share.value * 100)}%（要求不低于 ${Math.round(i.share.target * 100)}%）${i.share.value < i.share.target ? '，未达到' : ''}。`
              : ''}
          </p>
          {i.findings.length ? (
            <ul>
              {i.findings.map((f) => (
                <li>
                  <a href={f.href}>{f.label}</a>：{f.detail}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
    </Layout>
  );
}

export function AssessmentPage(props: {
  ctx: ViewContext;
  asOf: string;
  year: number;
  config: { key: string; name: string; weight: number; deduction: number; manual: boolean }[];
  rows: { unit: { id: number; name: string; depth: number }; total: number; complete: boolean; scores: { key: string; score: number | null }[] }[];
  canConfigure: boolean;
  errors: Record<string, string>;
  notice?: string;
}) {
  return (
    <Layout ctx={props.ctx} title="考核评分" staff crumbs={crumbs('考核评分')}>
      <h1>
        政务公开考核评分（{props.year}年，截至 {props.asOf}）
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>每项满分100分：平台计算的指标每发现一个问题扣相应分数，最低0分；社会评议、第三方评估由政务公开办录入。总分按权重折算为100分制。</p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="考核评分（可左右滚动）">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">单位</th>
              {props.config.map((c) => (
                <th scope="col">
                  {c.name}（权重{c.weight}）
                </th>
              ))}
              <th scope="col">总分</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  {'　'.repeat(r.unit.depth)}
                  {r.unit.name}
                </th>
                {r.scores.map((s) => (
                  <td>{s.score === null ? '待录入' : s.score}</td>
                ))}
                <td>
                  <strong>{r.total}</strong>
                  {r.complete ? '' : '（未完成）'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.canConfigure ? (
        <>
          <h2>录入社会评议、第三方评估得分</h2>
          <form method="post" action="/staff/supervision/assessment/manual" class="filters">
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="year" value={String(props.year)} />
            <div class="field">
              <label for="f-unit">单位</label>
              <select id="f-unit" name="unit">
                {props.rows.map((r) => (
                  <option value={String(r.unit.id)}>{r.unit.name}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-key">指标</label>
              <select id="f-key" name="key">
                {props.config
                  .filter((c) => c.manual)
                  .map((c) => (
                    <option value={c.key}>{c.name}</option>
                  ))}
              </select>
            </div>
            <div class="field">
              <label for="f-score">得分（0—100）</label>
              <input id="f-score" name="score" inputMode="decimal" size={6} aria-invalid={props.errors.score ? 'true' : undefined} />
            </div>
            <button type="submit" class="button secondary">
              录入
            </button>
          </form>
          <h2>指标、权重和扣分</h2>
          <form method="post" action="/staff/supervision/assessment/config">
            <CsrfField ctx={props.ctx} />
            <input type="hidden" name="year" value={String(props.year)} />
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">权重</th>
                  <th scope="col">每个问题扣分</th>
                </tr>
              </thead>
              <tbody>
                {props.config.map((c) => (
                  <tr>
                    <td>{c.name}</td>
                    <td>
                      <label for={`w-${c.key}`} class="visually-hidden">
                        {c.name}权重
                      </label>
                      <input id={`w-${c.key}`} name={`weight-${c.key}`} value={String(c.weight)} size={5} inputMode="decimal" />
                    </td>
                    <td>
                      {c.manual ? (
                        '录入'
                      ) : (
                        <>
                          <label for={`d-${c.key}`} class="visually-hidden">
                            {c.name}每个问题扣分
                          </label>
                          <input id={`d-${c.key}`} name={`deduction-${c.key}`} value={String(c.deduction)} size={5} inputMode="decimal" />
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="submit" class="button secondary">
              保存权重
            </button>
          </form>
        </>
      ) : null}
    </Layout>
  );
}
