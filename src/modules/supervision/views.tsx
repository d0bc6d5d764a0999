/** The office's compliance view: every unit's indicators on a date, and one unit's findings with their definitions. */
import type { ViewContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { Indicator } from './indicators.ts';

const crumbs = (label?: string) => [{ label: '工作台', href: '/staff' }, { label: '监督检查', href: label ? '/staff/supervision' : undefined }, ...(label ? [{ label }] : [])];

export function SupervisionPage(props: { ctx: ViewContext; asOf: string; rows: { unit: { id: number; name: string; depth: number }; indicators: Indicator[] }[] }) {
  const names = props.rows[0]?.indicators.map((i) => i.name) ?? [];
  return (
    <Layout ctx={props.ctx} title="监督检查" staff crumbs={crumbs()}>
      <h1>政务公开监督检查（截至 {props.asOf}）</h1>
      <p>各项指标按平台记录计算，点击单位查看每项问题的定义、依据和对应的信息或办件。<a href={`/staff/supervision.xlsx?asOf=${props.asOf}`}>导出工作台账（Excel）</a></p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="各单位指标（可左右滚动）">
        <table class="data">
          <thead><tr><th scope="col">单位</th>{names.map((n) => <th scope="col">{n}</th>)}</tr></thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">{'　'.repeat(r.unit.depth)}<a href={`/staff/supervision/${r.unit.id}?asOf=${props.asOf}`}>{r.unit.name}</a></th>
                {r.indicators.map((i) => <td class={i.findings.length ? 'status-overdue' : undefined}>{i.findings.length}{i.share ? `（非文字 ${Math.round(i.share.value * 100)}%）` : ''}</td>)}
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
      <h1>{props.unit.name}（截至 {props.asOf}）</h1>
      {props.indicators.map((i) => (
        <section aria-labelledby={`ind-${i.key}`}>
          <h2 id={`ind-${i.key}`}>{i.name}：{i.findings.length ? `${i.findings.length} 项问题` : '无问题'}</h2>
          <p class="muted">{i.definition}依据：{i.basis}。{i.share ? `非文字解读占 ${Math.round(i.share.value * 100)}%（要求不低于 ${Math.round(i.share.target * 100)}%）${i.share.value < i.share.target ? '，未达到' : ''}。` : ''}</p>
          {i.findings.length ? <ul>{i.findings.map((f) => <li><a href={f.href}>{f.label}</a>：{f.detail}</li>)}</ul> : null}
        </section>
      ))}
    </Layout>
  );
}
