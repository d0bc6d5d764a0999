/** A survey's results: a table per question with a bar drawn in SVG (no script, no inline style, so CSP holds). */
import type { Question, QuestionResult } from '../surveys.ts';

const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 1000) / 10}%` : '0%');

function Bar({ n, of }: { n: number; of: number }) {
  const w = of ? Math.round((n / of) * 200) : 0;
  return (
    <svg width="200" height="14" viewBox="0 0 200 14" aria-hidden="true" focusable="false" class="bar">
      <rect x="0" y="0" width="200" height="14" class="bar-bg" />
      <rect x="0" y="0" width={String(w)} height="14" class="bar-fg" />
    </svg>
  );
}

export function QuestionResultView({ q, r, total }: { q: Question; r: QuestionResult; total: number }) {
  const head = (
    <h3>
      {q.position}. {q.label}
      <span class="muted">（{r.answered}人作答）</span>
    </h3>
  );
  switch (r.kind) {
    case 'choices':
      return (
        <section class="survey-result">
          {head}
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{q.kind === 'scale' ? '分值' : '选项'}</th>
                <th scope="col">人数</th>
                <th scope="col">占比</th>
                <th scope="col">
                  <span class="visually-hidden">图示</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.counts.map((c) => (
                <tr>
                  <th scope="row">{c.label}</th>
                  <td>{c.n}</td>
                  <td>{pct(c.n, r.answered)}</td>
                  <td>
                    <Bar n={c.n} of={r.answered} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.mean !== undefined ? <p>平均分：{r.mean}</p> : null}
          {q.kind === 'multiple' ? <p class="hint">多选题，占比为选择该项的人数占作答人数的比例，合计可超过100%。</p> : null}
        </section>
      );
    case 'matrix':
      return (
        <section class="survey-result">
          {head}
          <div class="table-scroll" tabIndex={0} role="region" aria-label={`${q.label}（可左右滚动）`}>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">小题</th>
                  {r.columns.map((c) => (
                    <th scope="col">{c}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {r.rows.map((row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    {row.counts.map((n) => (
                      <td>
                        {n}（{pct(n, r.answered)}）
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      );
    case 'ranking':
      return (
        <section class="survey-result">
          {head}
          <ol>
            {r.order.map((o) => (
              <li>
                {o.label}
                <span class="muted">（平均名次 {o.meanRank}）</span>
              </li>
            ))}
          </ol>
        </section>
      );
    case 'number':
      return (
        <section class="survey-result">
          {head}
          <p>
            平均 {r.mean}，中位数 {r.median}，最小 {r.min}，最大 {r.max}
          </p>
        </section>
      );
    default:
      return (
        <section class="survey-result">
          {head}
          <p>
            {q.kind === 'file' ? '上传文件' : '文字回答'}
            {r.answered}份{total ? `，占${pct(r.answered, total)}` : ''}；内容由工作人员整理，不逐条公开。
          </p>
        </section>
      );
  }
}
