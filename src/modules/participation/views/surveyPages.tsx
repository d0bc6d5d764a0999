/** Staff screens of surveys: the list, the survey form, and one survey with its questions, answers and results. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { can } from '../../../lib/authz.ts';
import type { SurveyRow } from '../surveyQueries.ts';
import { QUESTION_KINDS, type Question, type QuestionResult } from '../surveys.ts';
import { surveyStatus } from './publicSurveys.tsx';
import { QuestionResultView } from './surveyResults.tsx';

const crumbs = (last?: string) => [{ label: '工作台', href: '/staff' }, ...(last ? [{ label: '问卷调查', href: '/staff/surveys' }, { label: last }] : [{ label: '问卷调查' }])];

export function SurveyStaffListPage(p: { ctx: ViewContext; rows: SurveyRow[]; today: string; canCreate: boolean }) {
  return (
    <Layout ctx={p.ctx} title="问卷调查" staff crumbs={crumbs()}>
      <h1>问卷调查</h1>
      {p.canCreate ? (
        <p>
          <a class="button" href="/staff/surveys/new">
            新建调查
          </a>
        </p>
      ) : null}
      {p.rows.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">单位</th>
              <th scope="col">时间</th>
              <th scope="col">状态</th>
              <th scope="col">答卷</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((s) => (
              <tr>
                <td>
                  <a href={`/staff/surveys/${s.id}`}>{s.title}</a>
                </td>
                <td>{s.unit_name}</td>
                <td>
                  {s.opens_on} 至 {s.closes_on}
                </td>
                <td>{s.state === 'draft' ? '草稿' : surveyStatus(s, p.today)}</td>
                <td>{s.responses}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有调查。</p>
      )}
    </Layout>
  );
}

export function SurveyFormPage(p: { ctx: ViewContext; id?: number; units: { id: number; name: string }[]; values: Record<string, string>; errors: Record<string, string> }) {
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title={p.id ? '修改调查' : '新建调查'} staff crumbs={crumbs(p.id ? '修改' : '新建')}>
      <h1>{p.id ? '修改调查' : '新建调查'}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={p.id ? `/staff/surveys/${p.id}/edit` : '/staff/surveys/new'}>
        <CsrfField ctx={p.ctx} />
        {p.id ? null : <Select name="unitId" label="调查单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />}
        <Field name="title" label="标题" value={v.title} error={e.title} required />
        <Field name="intro" label="说明" textarea rows={4} value={v.intro} error={e.intro} />
        <Field name="opensOn" label="开始日期" type="date" value={v.opensOn} error={e.opensOn} required />
        <Field name="closesOn" label="截止日期" type="date" value={v.closesOn} error={e.closesOn} required />
        <div class="field checkbox">
          <input id="f-anonymous" type="checkbox" name="anonymous" value="1" checked={v.anonymous === '1'} />
          <label for="f-anonymous">匿名调查（不收集姓名和联系方式）</label>
        </div>
        <div class="field checkbox">
          <input id="f-onePerPerson" type="checkbox" name="onePerPerson" value="1" checked={v.onePerPerson === '1'} />
          <label for="f-onePerPerson">每人限答一次（以手机号或电子邮箱的校验值判断，不保存号码本身）</label>
        </div>
        <Field
          name="methodNote"
          label="调查方法（公开）"
          textarea
          rows={2}
          value={v.methodNote}
          error={e.methodNote}
          required
          hint="如：网上公开调查，自愿参与，结果不代表全体市民"
        />
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}

export function SurveyDetailPage(p: {
  ctx: ViewContext;
  s: SurveyRow;
  questions: Question[];
  results: { q: Question; r: QuestionResult }[];
  texts: { question: string; answers: { id: number; text: string }[] }[];
  files: { id: number; filename: string; question: string }[];
  today: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { s } = p;
  const draft = s.state === 'draft';
  const mayPublish = can(p.ctx.actor, 'survey.publish', { unitPath: s.unit_path });
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title={s.title} staff crumbs={crumbs(s.title)}>
      <h1>{s.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={e} message={p.message} />
      <p>
        {s.unit_name} · {s.opens_on} 至 {s.closes_on} · {draft ? '草稿' : surveyStatus(s, p.today)} · {s.anonymous ? '匿名' : '实名'}
        {s.one_per_person ? '，每人限答一次' : ''} · 答卷{s.responses}份
      </p>
      <p class="button-row">
        {!draft ? <a href={`/hdjl/wjdc/${s.id}`}>查看公众页面</a> : null}
        {draft ? <a href={`/staff/surveys/${s.id}/edit`}>修改</a> : null}
        {s.responses ? <a href={`/staff/surveys/${s.id}/answers.xlsx`}>导出全部答卷（Excel）</a> : null}
      </p>
      {draft && mayPublish ? (
        <form method="post" action={`/staff/surveys/${s.id}/publish`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class="button">
            发布调查
          </button>
        </form>
      ) : null}
      <h2>题目</h2>
      {p.questions.length ? (
        <ol>
          {p.questions.map((q) => (
            <li>
              {q.label}
              <span class="muted">
                （{QUESTION_KINDS[q.kind]}
                {q.required ? '，必答' : ''}
                {q.config.options ? `：${q.config.options.join('、')}` : ''}
                {q.config.showIf ? `；条件：第${p.questions.find((x) => x.id === q.config.showIf?.questionId)?.position}题为“${q.config.showIf.values.join('”或“')}”` : ''}）
              </span>
              {draft ? (
                <form method="post" action={`/staff/surveys/${s.id}/questions/${q.id}/remove`} class="inline">
                  <CsrfField ctx={p.ctx} />
                  <button type="submit" class="link-button">
                    删除
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      ) : (
        <p>还没有题目。</p>
      )}
      {draft ? (
        <form method="post" action={`/staff/surveys/${s.id}/questions`} aria-labelledby="addq-h">
          <h3 id="addq-h">添加题目</h3>
          <CsrfField ctx={p.ctx} />
          <Select name="kind" label="题型" options={Object.entries(QUESTION_KINDS).map(([value, label]) => ({ value, label }))} value={v.kind} error={e.kind} required />
          <Field name="label" label="题目" value={v.label} error={e.label} required />
          <div class="field checkbox">
            <input id="f-required" type="checkbox" name="required" value="1" checked={v.required === '1'} />
            <label for="f-required">必答</label>
          </div>
          <Field name="options" label="选项（每行一个；矩阵题为列；量表题为两端的文字）" textarea rows={4} value={v.options} error={e.options} />
          <Field name="rows" label="矩阵题的行（每行一个小题）" textarea rows={3} value={v.rows} error={e.rows} />
          <Field name="scaleMax" label="量表分值（2到10，默认5）" type="number" value={v.scaleMax} error={e.scaleMax} />
          <Field name="min" label="数字题最小值" value={v.min} error={e.min} />
          <Field name="max" label="数字题最大值" value={v.max} error={e.max} />
          <Select
            name="showIfQuestion"
            label="仅在前面某题选择特定选项时显示"
            options={p.questions.filter((q) => q.kind === 'single' || q.kind === 'multiple').map((q) => ({ value: String(q.id), label: `第${q.position}题：${q.label}` }))}
            value={v.showIfQuestion}
            error={e.showIfQuestion}
            blank="总是显示"
          />
          <Field name="showIfValues" label="条件选项（每行一个，照抄前题选项）" textarea rows={2} value={v.showIfValues} error={e.showIfValues} />
          <button type="submit" class="button">
            添加
          </button>
        </form>
      ) : null}
      {p.results.length && s.responses ? (
        <section aria-labelledby="res-h">
          <h2 id="res-h">结果（{s.responses}份）</h2>
          {p.results.map(({ q, r }) => (
            <QuestionResultView q={q} r={r} total={s.responses} />
          ))}
          {p.texts.map((t) => (
            <details>
              <summary>
                文字回答：{t.question}（{t.answers.length}条）
              </summary>
              <ul>
                {t.answers.map((a) => (
                  <li>
                    第{a.id}份：{a.text}
                  </li>
                ))}
              </ul>
            </details>
          ))}
          {p.files.length ? (
            <details>
              <summary>上传的文件（{p.files.length}个）</summary>
              <ul>
                {p.files.map((f) => (
                  <li>
                    <a href={`/staff/surveys/${s.id}/files/${f.id}`}>{f.filename}</a>（{f.question}）
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
      ) : null}
      {s.state === 'published' && mayPublish && p.today > s.closes_on ? (
        <form method="post" action={`/staff/surveys/${s.id}/results`} aria-labelledby="pubres-h">
          <h2 id="pubres-h">{s.results_published_at ? '更新公布的结果说明' : '公布结果'}</h2>
          <CsrfField ctx={p.ctx} />
          <Field name="resultsNote" label="结果说明（公开，可不填）" textarea rows={4} value={v.resultsNote ?? s.results_note} error={e.resultsNote} />
          <button type="submit" class="button">
            公布结果
          </button>
        </form>
      ) : null}
      {s.state === 'published' && mayPublish ? (
        <details open={!!e.withdrawReason}>
          <summary>撤回调查</summary>
          <form method="post" action={`/staff/surveys/${s.id}/withdraw`}>
            <CsrfField ctx={p.ctx} />
            <Field name="withdrawReason" label="撤回原因（公开）" value={v.withdrawReason} error={e.withdrawReason} required />
            <button type="submit" class="button secondary">
              撤回
            </button>
          </form>
        </details>
      ) : null}
    </Layout>
  );
}
