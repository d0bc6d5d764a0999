import type { ViewContext } from '../../views/context.ts';
import { ErrorSummary, Field, Layout } from '../../views/layout.tsx';
import { Pagination, pageHref } from '../../views/pagination.tsx';
import type { ChainReport } from '../../lib/auditChain.ts';
import type { AuditFilter, AuditRow } from './queries.ts';

const time = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

export function AuditPage(props: { ctx: ViewContext; rows: AuditRow[]; total: number; page: number; filter: AuditFilter; errors: Record<string, string>; chain?: ChainReport }) {
  const f = props.filter;
  const params = { q: f.q, action: f.action, from: f.from, to: f.to };
  return (
    <Layout ctx={props.ctx} title="审计日志" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '审计日志' }]}>
      <h1>审计日志</h1>
      {props.chain ? (
        <p class={props.chain.ok ? 'notice' : 'error-message'} role="status">
          {props.chain.ok
            ? `哈希链完整：共 ${props.chain.entries} 条记录，链尾 ${props.chain.head.slice(0, 16)}…`
            : `哈希链在第 ${props.chain.broken!.seq} 条处断开：${props.chain.broken!.reason}。请立即报告系统管理员。`}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <form method="get" action="/staff/audit" class="filters">
        <Field name="q" label="操作人、对象或内容" value={f.q} />
        <Field name="action" label="操作（前缀，如 user. 或 item.）" value={f.action} />
        <Field name="from" label="起始日期" type="date" value={f.from} error={props.errors.from} />
        <Field name="to" label="截止日期" type="date" value={f.to} error={props.errors.to} />
        <button type="submit" class="button secondary">
          查询
        </button>
      </form>
      <p>
        共 {props.total} 条。<a href={pageHref('/staff/audit.csv', params, 1)}>导出为 CSV</a>
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-label="审计记录（可左右滚动）">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">时间</th>
              <th scope="col">操作人</th>
              <th scope="col">操作</th>
              <th scope="col">对象</th>
              <th scope="col">单位</th>
              <th scope="col">IP</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <td>{time(r.at)}</td>
                <td>{r.actor_label}</td>
                <td>{r.action}</td>
                <td>
                  {r.subject_type} {r.subject_id}
                </td>
                <td>{r.unit_name ?? '（全市）'}</td>
                <td>{r.ip}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination base="/staff/audit" params={params} page={props.page} pageSize={100} total={props.total} />
    </Layout>
  );
}
