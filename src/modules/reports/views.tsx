/** The office's annual report screen: computed tables with every number linked to what it counts, entered figures, narrative, checks, steps. */
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../views/layout.tsx';
import type { BuiltReport } from './build.ts';
import { APPLICANT_COLUMNS, APPLICANT_COLUMN_LABELS, RESULT_COLUMNS, REVIEW_BLOCKS, TABLE3_ROWS } from './tables.ts';
import { TABLE2_FIELDS } from './table2.ts';
import { REPORT_STATE_LABELS, REPORT_STEPS, type ReportStep } from './commands/transitionReport.ts';

const crumbs = (label?: string) => [{ label: '工作台', href: '/staff' }, { label: '年度报告', href: label ? '/staff/reports' : undefined }, ...(label ? [{ label }] : [])];

export function ReportsHome(props: { ctx: ViewContext; units: { id: number; name: string }[]; year: number; states: Map<number, string> }) {
  return (
    <Layout ctx={props.ctx} title="年度报告" staff crumbs={crumbs()}>
      <h1>政府信息公开工作年度报告（{props.year}年）</h1>
      <p>各单位应于次年1月31日前公布上一年度报告。报告中的申请和复议诉讼数据由平台按办件记录自动统计，每个数字都可以查看对应的办件。</p>
      <form method="get" action="/staff/reports" class="filters" aria-label="年度">
        <div class="field">
          <label for="f-year">年度</label>
          <input id="f-year" name="year" type="number" value={String(props.year)} min="2008" max="2100" />
        </div>
        <button type="submit" class="button secondary">
          查看
        </button>
      </form>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td>
                <a href={`/staff/reports/${u.id}/${props.year}`}>{u.name}</a>
              </td>
              <td>{REPORT_STATE_LABELS[props.states.get(u.id) ?? ''] ?? '未编写'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function ReportPage(props: {
  ctx: ViewContext;
  b: BuiltReport;
  values: Record<string, string>;
  narrative: { overall: string; problems: string; other: string };
  can: { edit: boolean; file: boolean; cases: boolean };
  errors: Record<string, string>;
  notice?: string;
  message?: string;
}) {
  const { b } = props;
  const state = b.report?.state ?? 'draft';
  const editable = props.can.edit && (state === 'draft' || state === 'returned');
  const base = `/staff/reports/${b.unit.id}/${b.year}`;
  const cell = (table: string, row: string, col: string, c: { value: number; ids: number[] }) =>
    // The cases behind a number are shown only to those who may open the cases themselves.
    c.value ? props.can.cases ? <a href={`${base}/cells/${table}/${encodeURIComponent(row)}/${col}`}>{c.value}</a> : String(c.value) : '0';
  const steps = (Object.keys(REPORT_STEPS) as ReportStep[]).filter(
    (s) => REPORT_STEPS[s].from.includes(state) && (s === 'file' || s === 'return' ? props.can.file : props.can.edit) && (s !== 'submit' || b.report),
  );
  const failed = b.checks.filter((c) => !c.ok);
  return (
    <Layout ctx={props.ctx} title={`${b.unit.name}${b.year}年度报告`} staff crumbs={crumbs(`${b.unit.name} ${b.year}`)}>
      <h1>
        {b.unit.name}
        {b.year}年政府信息公开工作年度报告
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <p>
        状态：{REPORT_STATE_LABELS[state]}
        {b.report?.remarks ? `（意见：${b.report.remarks}）` : ''}　<a href={`${base}.docx`}>下载 Word</a>　<a href={`${base}.xlsx`}>下载 Excel</a>
      </p>
      <div class="button-row">
        {steps.map((s) => (
          <form method="post" action={`${base}/${s}`} class="inline">
            <CsrfField ctx={props.ctx} />
            {s === 'return' ? (
              <>
                <label for="f-remarks" class="visually-hidden">
                  退回意见
                </label>
                <input id="f-remarks" name="remarks" placeholder="退回意见" maxLength={500} />
              </>
            ) : null}
            <button type="submit" class="button secondary">
              {REPORT_STEPS[s].label}
            </button>
          </form>
        ))}
      </div>
      <section aria-labelledby="checks-h" class={failed.length ? 'error-summary' : 'notice'}>
        <h2 id="checks-h">勾稽关系检查</h2>
        {failed.length ? (
          <ul>
            {failed.map((c) => (
              <li>
                {c.rule}：{c.detail}
              </li>
            ))}
          </ul>
        ) : (
          <p>全部成立（{b.checks.length} 项）。</p>
        )}
      </section>
      <form method="post" action={`${base}/save`}>
        <CsrfField ctx={props.ctx} />
        <h2>一、总体情况</h2>
        <Field
          name="overall"
          label="总体情况（主动公开、依申请公开、政府信息管理、平台建设、监督保障）"
          textarea
          rows={8}
          value={props.narrative.overall}
          error={props.errors.overall}
        />
        <h2>二、主动公开政府信息情况</h2>
        <p class="muted">
          以下数字由本单位填报（平台不掌握规章与规范性文件的区分和处理决定数量），报告中标注为填报数据。参考：本单位“法规文件”栏目本年发布 {b.hints.published} 件，本年标注废止{' '}
          {b.hints.repealed} 件，现行有效 {b.hints.current} 件。
        </p>
        <p>每一项都须填写：有的填数字，本年没有的填“无”。表二有空项的，年度报告不能报送。</p>
        <table class="data">
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">信息内容</th>
              <th scope="col">指标</th>
              <th scope="col">填报数</th>
            </tr>
          </thead>
          <tbody>
            {TABLE2_FIELDS.map((f) => (
              <tr>
                <td>{f.group}</td>
                <td>{f.row}</td>
                <td>{f.col}</td>
                <td>
                  <label for={`f-${f.key}`} class="visually-hidden">
                    {f.row}
                    {f.col}
                  </label>
                  <input id={`f-${f.key}`} name={f.key} value={props.values[f.key] ?? ''} size={8} disabled={!editable} aria-invalid={props.errors[f.key] ? 'true' : undefined} />
                  {props.errors[f.key] ? <p class="error-message">{props.errors[f.key]}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>三、收到和处理政府信息公开申请情况</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-label="表三（可左右滚动）">
          <table class="data">
            <caption>（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</caption>
            <thead>
              <tr>
                <th scope="col">申请人情况</th>
                {APPLICANT_COLUMNS.map((c) => (
                  <th scope="col">{APPLICANT_COLUMN_LABELS[c]}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {TABLE3_ROWS.map((r) => (
                <tr>
                  <th scope="row">
                    {r.group && r.group.startsWith('（') ? `${r.group} ` : ''}
                    {r.label}
                  </th>
                  {APPLICANT_COLUMNS.map((c) => (
                    <td>{cell('t3', r.key, c, b.table3[r.key][c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>四、政府信息公开行政复议、行政诉讼情况</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-label="表四（可左右滚动）">
          <table class="data">
            <thead>
              <tr>
                <th scope="colgroup" colSpan={5}>
                  行政复议
                </th>
                <th scope="colgroup" colSpan={5}>
                  行政诉讼（未经复议直接起诉）
                </th>
                <th scope="colgroup" colSpan={5}>
                  行政诉讼（复议后起诉）
                </th>
              </tr>
              <tr>
                {REVIEW_BLOCKS.flatMap(() =>
                  RESULT_COLUMNS.map((c) => <th scope="col">{{ upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结', total: '总计' }[c]}</th>),
                )}
              </tr>
            </thead>
            <tbody>
              <tr>{REVIEW_BLOCKS.flatMap((k) => RESULT_COLUMNS.map((c) => <td>{cell('t4', k, c, b.table4[k][c])}</td>))}</tr>
            </tbody>
          </table>
        </div>
        <h2>五、存在的主要问题及改进情况</h2>
        <Field name="problems" label="存在的主要问题及改进情况" textarea rows={6} value={props.narrative.problems} error={props.errors.problems} />
        <h2>六、其他需要报告的事项</h2>
        <Field name="other" label="其他需要报告的事项（含信息处理费收取情况）" textarea rows={4} value={props.narrative.other} error={props.errors.other} />
        {editable ? (
          <button type="submit" class="button">
            保存
          </button>
        ) : null}
      </form>
    </Layout>
  );
}

export function CellCasesPage(props: { ctx: ViewContext; title: string; back: string; rows: { id: number; label: string; href: string; detail: string }[] }) {
  return (
    <Layout
      ctx={props.ctx}
      title={props.title}
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '年度报告', href: '/staff/reports' }, { label: '报告', href: props.back }, { label: props.title }]}
    >
      <h1>{props.title}</h1>
      <p>共 {props.rows.length} 件。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">办件</th>
            <th scope="col">情况</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={r.href}>{r.label}</a>
              </td>
              <td>{r.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
