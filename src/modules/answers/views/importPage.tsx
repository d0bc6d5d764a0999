/** Staff importing Q&A entries from Excel, and what became of each row. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../../views/layout.tsx';

export interface ImportRowResult {
  row: number;
  question: string;
  id: number | null;
  error: string | null;
}

export function ImportPage(p: { ctx: ViewContext; errors: Record<string, string>; problems: { row: number; message: string }[]; results?: ImportRowResult[] }) {
  return (
    <Layout ctx={p.ctx} title="导入问答" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '政策问答库', href: '/staff/answers' }, { label: '导入' }]}>
      <h1>导入问答</h1>
      <p>
        每行一条问答，格式同<a href="/staff/answers/export.xlsx">导出的文件</a>（单位填网址名）。导入的问答是草稿，经审核后发布；有问题的行不导入，其余照常导入。
      </p>
      <ErrorSummary errors={p.errors} />
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
              导入结果：{p.results.filter((r) => r.id).length} 条成为草稿，{p.results.filter((r) => !r.id).length} 条未导入
            </caption>
            <thead>
              <tr>
                <th scope="col">行</th>
                <th scope="col">问题</th>
                <th scope="col">结果</th>
              </tr>
            </thead>
            <tbody>
              {p.results.map((r) => (
                <tr>
                  <td>{r.row}</td>
                  <td>{r.id ? <a href={`/staff/answers/${r.id}`}>{r.question}</a> : r.question}</td>
                  <td>{r.id ? '草稿' : `未导入：${r.error}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form method="post" action="/staff/answers/import" enctype="multipart/form-data">
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
