/** Staff screens of the decision catalogue: the list with what supervision would flag, the entry form, one entry. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { can } from '../../../lib/authz.ts';
import { chinaDate } from '../../../lib/clock.ts';
import type { DecisionEntryRow, RevisionRow } from '../decisionQueries.ts';
import { ALWAYS_REQUIRED, DECISION_STAGES, DECISION_STEPS, MIN_LEGALITY_REVIEW_WORKING_DAYS, stageAtLeast, type DecisionStep } from '../decisions.ts';
import { DecisionHistory, StepList } from './decisionParts.tsx';

const crumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '重大行政决策事项', href: '/staff/decisions' }, { label: last }] : [{ label: '重大行政决策事项' }]),
];

export interface DecisionListRow {
  e: DecisionEntryRow;
  problems: string[];
}

export function DecisionListPage(p: {
  ctx: ViewContext;
  rows: DecisionListRow[];
  units: { id: number; name: string }[];
  publishUnits: { id: number; name: string }[];
  sections: { value: string; label: string }[];
  year: number;
  values: Record<string, string>;
  errors: Record<string, string>;
  notice?: string;
}) {
  return (
    <Layout ctx={p.ctx} title="重大行政决策事项" staff crumbs={crumbs()}>
      <h1>重大行政决策事项目录</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} />
      {p.units.length ? (
        <p>
          <a class="button" href="/staff/decisions/new">
            新增决策事项
          </a>
        </p>
      ) : null}
      {p.rows.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">事项</th>
              <th scope="col">单位</th>
              <th scope="col">计划决策时间</th>
              <th scope="col">阶段</th>
              <th scope="col">目录</th>
              <th scope="col">需要注意</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map(({ e, problems }) => (
              <tr>
                <td>{e.code}</td>
                <td>
                  <a href={`/staff/decisions/${e.id}`}>{e.title}</a>
                </td>
                <td>{e.unit_name}</td>
                <td>{e.planned_on}</td>
                <td>{e.state === 'removed' ? '已移除' : DECISION_STAGES[e.stage]}</td>
                <td>{e.in_catalogue ? '已公布' : '未公布'}</td>
                <td>{problems.join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有决策事项。</p>
      )}
      {p.publishUnits.length ? (
        <form method="post" action="/staff/decisions/publish" aria-labelledby="publish-h">
          <h2 id="publish-h">公布目录</h2>
          <p class="hint">经同级党委（党组）同意后公布。公布后调整的，再次公布并写明调整说明，每一版都保留。</p>
          <CsrfField ctx={p.ctx} />
          <Select
            name="unitId"
            label="单位"
            options={p.publishUnits.map((u) => ({ value: String(u.id), label: u.name }))}
            value={p.values.unitId}
            error={p.errors.unitId}
            required
          />
          <Field name="year" label="年度" type="number" value={p.values.year ?? String(p.year)} error={p.errors.year} required />
          <Field name="note" label="调整说明（首次公布可不填）" textarea rows={3} value={p.values.note} error={p.errors.note} />
          <Select
            name="sectionCode"
            label="同时在政府信息公开栏目中发布（生成信息草稿，送审后公开）"
            options={p.sections}
            value={p.values.sectionCode}
            error={p.errors.sectionCode}
            blank="不在栏目中发布"
          />
          <button type="submit" class="button">
            公布目录
          </button>
        </form>
      ) : null}
    </Layout>
  );
}

export function DecisionFormPage(p: {
  ctx: ViewContext;
  id?: number;
  units: { id: number; name: string }[];
  consultations: { id: number; title: string }[];
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
}) {
  const v = p.values as Record<string, string>;
  const e = p.errors;
  const required = new Set(([] as string[]).concat(p.values.required ?? []));
  return (
    <Layout ctx={p.ctx} title={p.id ? '修改决策事项' : '新增决策事项'} staff crumbs={crumbs(p.id ? '修改' : '新增')}>
      <h1>{p.id ? '修改决策事项' : '新增决策事项'}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={p.id ? `/staff/decisions/${p.id}/edit` : '/staff/decisions/new'}>
        <CsrfField ctx={p.ctx} />
        {p.id ? null : (
          <>
            <Select name="unitId" label="决策机关" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />
            <Field name="year" label="目录年度" type="number" value={v.year} error={e.year} required hint="编号按年度顺序生成，如 JC-2026-001" />
          </>
        )}
        <Field name="title" label="决策事项名称" value={v.title} error={e.title} required />
        <Field name="leadUnit" label="承办单位" value={v.leadUnit} error={e.leadUnit} required />
        <Field name="plannedOn" label="计划决策时间" type="date" value={v.plannedOn} error={e.plannedOn} required />
        <Field name="summary" label="事项简要说明和依据" textarea rows={4} value={v.summary} error={e.summary} />
        <fieldset>
          <legend>法定程序（勾选本事项需要的，完成后填写日期）</legend>
          {(Object.keys(DECISION_STEPS) as DecisionStep[]).map((k) => {
            const always = ALWAYS_REQUIRED.includes(k);
            return (
              <div class="step-row">
                <div class="field checkbox">
                  <input id={`f-req-${k}`} type="checkbox" name="required" value={k} checked={always || required.has(k)} disabled={always} />
                  <label for={`f-req-${k}`}>
                    {DECISION_STEPS[k]}
                    {always ? '（必经程序）' : ''}
                  </label>
                </div>
                <Field name={`done_${k}`} label={`${DECISION_STEPS[k]}完成日期`} type="date" value={v[`done_${k}`]} error={e[`done_${k}`]} />
              </div>
            );
          })}
        </fieldset>
        <Field name="legalityFrom" label="送交合法性审查日期" type="date" value={v.legalityFrom} error={e.legalityFrom} />
        <Field
          name="legalityTo"
          label="出具合法性审查意见日期"
          type="date"
          value={v.legalityTo}
          error={e.legalityTo}
          hint={`审查时间一般不少于${MIN_LEGALITY_REVIEW_WORKING_DAYS}个工作日`}
        />
        <Field name="decidedOn" label="决策机关讨论决定日期" type="date" value={v.decidedOn} error={e.decidedOn} hint="决定早于意见采纳情况的反馈期限的，反馈期限提前到决定之日" />
        <Select
          name="consultationId"
          label="公开征求意见"
          options={p.consultations.map((c) => ({ value: String(c.id), label: c.title }))}
          value={v.consultationId}
          error={e.consultationId}
          blank="无"
        />
        <Field name="decisionItemRef" label="决策文件（已公开信息的索引号、文号或标题）" value={v.decisionItemRef} error={e.decisionItemRef} data={{ 'item-picker': 'single' }} />
        <Field
          name="interpretationItemRef"
          label="政策解读（已公开信息的索引号、文号或标题）"
          value={v.interpretationItemRef}
          error={e.interpretationItemRef}
          data={{ 'item-picker': 'single' }}
        />
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}

export function DecisionDetailPage(p: {
  ctx: ViewContext;
  e: DecisionEntryRow;
  problems: string[];
  hearings: { id: number; title: string; held_on: string }[];
  revisions: RevisionRow[];
  events: { kind: string; at: Date; actor_label: string; details: Record<string, unknown> }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { e } = p;
  const later = (Object.keys(DECISION_STAGES) as (keyof typeof DECISION_STAGES)[]).filter((s) => !stageAtLeast(e.stage, s));
  const mayEdit = can(p.ctx.actor, 'decision.edit', { unitPath: e.unit_path });
  return (
    <Layout ctx={p.ctx} title={e.title} staff crumbs={crumbs(e.code)}>
      <h1>
        {e.code} {e.title}
      </h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      {p.problems.length ? (
        <div class="banner-warning" role="note">
          <p>需要注意：</p>
          <ul>
            {p.problems.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <table class="data">
        <tbody>
          <tr>
            <th scope="row">决策机关</th>
            <td>{e.unit_name}</td>
          </tr>
          <tr>
            <th scope="row">承办单位</th>
            <td>{e.lead_unit}</td>
          </tr>
          <tr>
            <th scope="row">计划决策时间</th>
            <td>{e.planned_on}</td>
          </tr>
          <tr>
            <th scope="row">阶段</th>
            <td>{e.state === 'removed' ? `已移除：${e.removed_reason}` : DECISION_STAGES[e.stage]}</td>
          </tr>
          <tr>
            <th scope="row">目录</th>
            <td>{e.in_catalogue ? `已列入${e.year}年度公布的目录` : '尚未公布（公布目录后对外显示）'}</td>
          </tr>
          {e.consultation ? (
            <tr>
              <th scope="row">征求意见</th>
              <td>
                <a href={`/staff/consultations/${e.consultation_id}`}>{e.consultation.title}</a>（{e.consultation.opens_on} 至 {e.consultation.closes_on}）
              </td>
            </tr>
          ) : null}
          {p.hearings.map((h) => (
            <tr>
              <th scope="row">听证会</th>
              <td>
                <a href={`/staff/meetings/${h.id}`}>{h.title}</a>（{h.held_on}）
              </td>
            </tr>
          ))}
          {e.decision_item ? (
            <tr>
              <th scope="row">决策文件</th>
              <td>
                <a href={`/staff/items/${e.decision_item_id}`}>{e.decision_item.title}</a>
              </td>
            </tr>
          ) : null}
          {e.interpretation_item ? (
            <tr>
              <th scope="row">政策解读</th>
              <td>
                <a href={`/staff/items/${e.interpretation_item_id}`}>{e.interpretation_item.title}</a>
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      <h2>法定程序</h2>
      <StepList steps={e.steps} />
      <p class="button-row">
        {e.in_catalogue ? <a href={`/hdjl/jcml/sx/${e.id}`}>查看公众页面</a> : null}
        {e.state === 'listed' && mayEdit ? <a href={`/staff/decisions/${e.id}/edit`}>修改</a> : null}
      </p>
      {e.state === 'listed' && mayEdit && later.length ? (
        <form method="post" action={`/staff/decisions/${e.id}/stage`} aria-labelledby="stage-h">
          <h2 id="stage-h">推进阶段</h2>
          <CsrfField ctx={p.ctx} />
          <Select name="stage" label="推进到" options={later.map((s) => ({ value: s, label: DECISION_STAGES[s] }))} value={p.values.stage} error={p.errors.stage} required />
          <Field name="note" label="说明（可选）" value={p.values.note} error={p.errors.note} />
          <button type="submit" class="button">
            推进
          </button>
        </form>
      ) : null}
      {e.state === 'listed' && mayEdit ? (
        <details open={!!p.errors.removeReason}>
          <summary>从目录中移除</summary>
          <form method="post" action={`/staff/decisions/${e.id}/remove`}>
            <CsrfField ctx={p.ctx} />
            <Field name="removeReason" label="移除原因（公开）" value={p.values.removeReason} error={p.errors.removeReason} required />
            <button type="submit" class="button secondary">
              移除
            </button>
          </form>
        </details>
      ) : null}
      <h2>目录版本</h2>
      {p.revisions.length ? (
        <ul>
          {p.revisions.map((r) => (
            <li>
              第{r.revision}版，{chinaDate(r.published_at)}公布，{r.entries.length}项{r.note ? `：${r.note}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>本年度目录尚未公布。</p>
      )}
      <DecisionHistory events={p.events} />
    </Layout>
  );
}
