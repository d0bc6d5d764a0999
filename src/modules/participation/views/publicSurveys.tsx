/** Public survey pages: the list, one survey's form (works without JavaScript, every question on the page), results. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import type { SurveyRow } from '../surveyQueries.ts';
import type { Question, QuestionResult } from '../surveys.ts';
import { QuestionResultView } from './surveyResults.tsx';

const crumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '问卷调查', href: '/hdjl/wjdc' }, { label: last }] : [{ label: '问卷调查' }])];

export function surveyStatus(s: SurveyRow, today: string): string {
  if (s.state === 'withdrawn') return '已撤回';
  if (s.results_published_at) return '已公布结果';
  if (today < s.opens_on) return '未开始';
  if (today <= s.closes_on) return '进行中';
  return '已结束';
}

export function SurveyListPage(p: { ctx: ViewContext; rows: SurveyRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title="问卷调查" crumbs={crumbs()}>
      <h1>问卷调查</h1>
      <p>就政策制定和公共服务听取群众意见。调查结束后公布结果、参与人数和调查方法。</p>
      {p.rows.length ? (
        <ul class="item-list">
          {p.rows.map((s) => (
            <li>
              <a href={`/hdjl/wjdc/${s.id}`}>{s.title}</a>
              <span class="muted">
                {' '}
                {s.unit_name} · {s.opens_on} 至 {s.closes_on}
              </span>{' '}
              <span class="tag">{surveyStatus(s, p.today)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
    </Layout>
  );
}

export interface SurveyPageProps {
  ctx: ViewContext;
  s: SurveyRow;
  questions: Question[];
  open: boolean;
  today: string;
  results?: { q: Question; r: QuestionResult }[];
  values: Record<string, string>;
  lists: Record<string, string[]>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}

export function SurveyPage(p: SurveyPageProps) {
  const { s } = p;
  return (
    <Layout ctx={p.ctx} title={s.title} crumbs={crumbs(s.title)}>
      <h1>{s.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {!p.open && p.message ? <ErrorSummary errors={{}} message={p.message} /> : null}
      {s.state === 'withdrawn' ? (
        <div class="banner-warning" role="note">
          本调查已撤回：{s.withdrawn_reason}
        </div>
      ) : null}
      <dl class="facts">
        <dt>调查单位</dt>
        <dd>{s.unit_name}</dd>
        <dt>时间</dt>
        <dd>
          {s.opens_on} 至 {s.closes_on}（{surveyStatus(s, p.today)}）
        </dd>
        <dt>方式</dt>
        <dd>
          {s.anonymous ? '匿名' : '实名'}
          {s.one_per_person ? '，每人限答一次' : ''}
        </dd>
      </dl>
      {s.intro ? s.intro.split('\n').map((t) => <p>{t}</p>) : null}
      {p.results ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h">调查结果</h2>
          <p>
            共收到有效问卷<strong>{s.responses}</strong>份。调查方法：{s.method_note}
          </p>
          {s.results_note ? s.results_note.split('\n').map((t) => <p>{t}</p>) : null}
          {p.results.map(({ q, r }) => (
            <QuestionResultView q={q} r={r} total={s.responses} />
          ))}
        </section>
      ) : null}
      {p.open ? <SurveyForm p={p} /> : null}
    </Layout>
  );
}

function conditionText(q: Question, questions: Question[]): string | null {
  const c = q.config.showIf;
  if (!c) return null;
  const dep = questions.find((x) => x.id === c.questionId);
  return dep ? `（第${dep.position}题选择“${c.values.join('”或“')}”的请回答本题，否则不必回答）` : null;
}

function SurveyForm({ p }: { p: SurveyPageProps }) {
  const hasFile = p.questions.some((q) => q.kind === 'file');
  const e = p.errors;
  // The summary names the question of each error (q12 → 第3题); the message beside the question says it alone.
  const position = (key: string) => p.questions.find((q) => key === `q${q.id}` || key.startsWith(`q${q.id}_`))?.position;
  const summary = Object.fromEntries(Object.entries(e).map(([k, v]) => [k, position(k) ? `第${position(k)}题：${v}` : v]));
  return (
    <section aria-labelledby="form-h" id="survey-form">
      <h2 id="form-h">填写问卷</h2>
      <ErrorSummary errors={summary} message={p.message} />
      <form method="post" action={`/hdjl/wjdc/${p.s.id}/answers`} enctype={hasFile ? 'multipart/form-data' : undefined}>
        <CsrfField ctx={p.ctx} />
        {p.questions.map((q) => (
          <QuestionField q={q} p={p} />
        ))}
        {!p.s.anonymous ? <Field name="name" label="姓名" value={p.values.name} error={e.name} required autocomplete="name" /> : null}
        {p.s.one_per_person || !p.s.anonymous ? (
          <Field
            name="contact"
            label="手机号或电子邮箱"
            value={p.values.contact}
            error={e.contact}
            required
            hint={p.s.anonymous ? '只用于确认每人回答一次：保存的是不可还原的校验值，不保存号码本身' : '用于核实身份，不公开'}
          />
        ) : null}
        <button type="submit" class="button">
          提交
        </button>
      </form>
    </section>
  );
}

function QuestionField({ q, p }: { q: Question; p: SurveyPageProps }) {
  const key = `q${q.id}`;
  const err = p.errors[key];
  const v = p.values[key] ?? '';
  const cond = conditionText(q, p.questions);
  const options = q.config.options ?? [];
  const picked = new Set(p.lists[key] ?? []);
  return (
    <fieldset class={`survey-question${err ? ' field-error' : ''}`} id={`f-${key}`}>
      <legend>
        {q.position}. {q.label}
        {q.required ? <span class="req">（必答）</span> : null}
      </legend>
      {cond ? <p class="condition">{cond}</p> : null}
      {err ? <p class="error-message">{err}</p> : null}
      {q.kind === 'single' || q.kind === 'multiple'
        ? options.map((o, i) => (
            <div class={`field ${q.kind === 'single' ? 'radio' : 'checkbox'}`}>
              <input id={`${key}-${i}`} type={q.kind === 'single' ? 'radio' : 'checkbox'} name={key} value={o} checked={q.kind === 'single' ? v === o : picked.has(o)} />
              <label for={`${key}-${i}`}>{o}</label>
            </div>
          ))
        : null}
      {q.kind === 'scale'
        ? Array.from({ length: q.config.scaleMax ?? 5 }, (_, i) => (
            <div class="field radio inline">
              <input id={`${key}-${i}`} type="radio" name={key} value={String(i + 1)} checked={v === String(i + 1)} />
              <label for={`${key}-${i}`}>
                {i + 1}
                {i === 0 ? `（${q.config.scaleLabels?.[0] ?? ''}）` : i + 1 === (q.config.scaleMax ?? 5) ? `（${q.config.scaleLabels?.[1] ?? ''}）` : ''}
              </label>
            </div>
          ))
        : null}
      {q.kind === 'text' ? (
        <div class="field">
          <label for={`${key}-t`} class="visually-hidden">
            {q.label}
          </label>
          <textarea id={`${key}-t`} name={key} rows={4} maxLength={2000}>
            {v}
          </textarea>
        </div>
      ) : null}
      {q.kind === 'number' ? (
        <div class="field">
          <label for={`${key}-n`} class="visually-hidden">
            {q.label}
          </label>
          <input id={`${key}-n`} name={key} type="number" inputMode="decimal" value={v} min={q.config.min} max={q.config.max} step="any" />
        </div>
      ) : null}
      {q.kind === 'matrix'
        ? (q.config.rows ?? []).map((row, r) => (
            <fieldset class="matrix-row" id={`f-${key}_r${r}`}>
              <legend>{row}</legend>
              {p.errors[`${key}_r${r}`] ? <p class="error-message">{p.errors[`${key}_r${r}`]}</p> : null}
              {options.map((o, i) => (
                <div class="field radio inline">
                  <input id={`${key}-r${r}-${i}`} type="radio" name={`${key}_r${r}`} value={o} checked={p.values[`${key}_r${r}`] === o} />
                  <label for={`${key}-r${r}-${i}`}>{o}</label>
                </div>
              ))}
            </fieldset>
          ))
        : null}
      {q.kind === 'ranking' ? (
        <>
          <p class="hint">给每一项选一个名次，1为最重要，名次不能重复。</p>
          {options.map((o, i) => (
            <div class="field">
              <label for={`${key}-o${i}`}>{o}</label>
              <select id={`${key}-o${i}`} name={`${key}_o${i}`}>
                <option value="">名次</option>
                {options.map((_, r) => (
                  <option value={String(r + 1)} selected={p.values[`${key}_o${i}`] === String(r + 1)}>
                    第{r + 1}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </>
      ) : null}
      {q.kind === 'file' ? (
        <div class="field">
          <label for={`${key}-f`}>选择文件（PDF、Word 或 JPG、PNG 图片）</label>
          <input id={`${key}-f`} name={key} type="file" accept=".pdf,.docx,.jpg,.jpeg,.png" />
        </div>
      ) : null}
    </fieldset>
  );
}
