/** Staff importing 12345 work orders from Excel, and what became of each row. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../../views/layout.tsx';
import type { WorkOrderResult } from '../commands/workOrders.ts';

const STATUS = { created: '已登记', existing: '已登记过（同一工单号）', rejected: '未登记' };

export function ImportPage(p: {
  ctx: ViewContext;
  errors: Record<string, string>;
  message?: string;
  problems: { row: number; message: string }[];
  results?: (WorkOrderResult & { row: number })[];
}) {
  return (
    <Layout ctx={p.ctx} title="导入12345工单" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '留言办理', href: '/staff/messages' }, { label: '导入12345工单' }]}>
      <h1>导入12345工单</h1>
      <p>
        每行一张工单，格式见<a href="/staff/messages/import/template.xlsx">模板</a>。同一工单号只登记一次，重复导入是安全的；有问题的行不登记，其余照常登记。
      </p>
      <ErrorSummary errors={p.errors} message={p.message} />
      {p.problems.length ? (
        <ul class="error-list">
          {p.problems.map((x) => (
            <li>{x.row ? `第${x.row}行：${x.message}` : x.message}</li>
          ))}
        </ul>
      ) : null}
      {p.results ? (
        <div class="table-scroll" tabIndex={0} role="region" aria-label="导入结果">
          <table class="data">
            <caption>
              导入结果：登记 {p.results.filter((r) => r.status === 'created').length} 张，已登记过 {p.results.filter((r) => r.status === 'existing').length} 张，未登记{' '}
              {p.results.filter((r) => r.status === 'rejected').length} 张
            </caption>
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">工单号</th>
                <th scope="col">结果</th>
                <th scope="col">留言编号或原因</th>
              </tr>
            </thead>
            <tbody>
              {p.results.map((r) => (
                <tr>
                  <td>{r.row}</td>
                  <td>{r.workOrderNo}</td>
                  <td>{STATUS[r.status]}</td>
                  <td>{r.caseNo ?? `${r.error?.message ?? ''}${r.error ? Object.values(r.error.fields).join('；') : ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form method="post" action="/staff/messages/import" enctype="multipart/form-data">
        <CsrfField ctx={p.ctx} />
        <div class={`field${p.errors.file ? ' field-error' : ''}`}>
          <label for="f-file">Excel 文件（.xlsx）</label>
          {p.errors.file ? <p class="error-message">{p.errors.file}</p> : null}
          <input id="f-file" type="file" name="file" accept=".xlsx" />
        </div>
        <button type="submit" class="button">
          导入
        </button>
      </form>
    </Layout>
  );
}
