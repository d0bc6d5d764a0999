/** The officer's case lists and the registration screen. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { ApplicationFields } from './applicationFields.tsx';
import { CASE_VIEWS, DUE_SOON_WORKING_DAYS, type CaseListRow, type CaseView } from '../queries.ts';
import { CASE_STATE_LABELS, DUE_STATES, type CaseState } from '../states.ts';
import { CHANNELS } from '../forms.ts';
import { OUTCOME_BY_CODE } from '../outcomes.ts';
import { REMINDER_LABELS } from '../commands/remindDue.ts';

const crumbs = (label?: string) => [{ label: '工作台', href: '/staff' }, { label: '依申请公开', href: label ? '/staff/requests' : undefined }, ...(label ? [{ label }] : [])];

export function CaseListPage(props: {
  ctx: ViewContext;
  view: CaseView;
  rows: CaseListRow[];
  today: string;
  reminders: { case_id: number; case_no: string; kind: string; due_on: string; unit_name: string }[];
  canTemplates: boolean;
  q: string;
  sort: 'due' | 'received';
  /** Working days left until each open case's due date (negative: overdue by). */
  daysLeft: Map<number, number>;
}) {
  const here = (over: Record<string, string>) => `/staff/requests?${new URLSearchParams({ view: props.view, ...(props.q ? { q: props.q } : {}), sort: props.sort, ...over })}`;
  return (
    <Layout ctx={props.ctx} title="依申请公开" staff crumbs={crumbs()}>
      <h1>依申请公开办理</h1>
      <div class="button-row">
        <a class="button" href="/staff/requests/new">
          登记申请
        </a>
        <a class="button secondary" href={`/staff/requests.xlsx?view=${props.view}`}>
          导出登记簿（Excel）
        </a>
        <a class="button secondary" href={`/staff/requests.csv?view=${props.view}`}>
          导出登记簿（CSV）
        </a>
        {props.canTemplates ? (
          <a class="button secondary" href="/staff/requests/templates">
            文书模板
          </a>
        ) : null}
      </div>
      {props.reminders.length ? (
        <section class="notice" aria-labelledby="remind-h">
          <h2 id="remind-h">提醒</h2>
          <ul>
            {props.reminders.map((r) => (
              <li>
                <a href={`/staff/requests/${r.case_id}`}>{r.case_no}</a>（{r.unit_name}）：{REMINDER_LABELS[r.kind]}，{r.due_on}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <nav aria-label="案件筛选">
        <ul class="chips">
          {(Object.keys(CASE_VIEWS) as CaseView[]).map((v) => (
            <li>{v === props.view ? <strong aria-current="page">{CASE_VIEWS[v]}</strong> : <a href={here({ view: v })}>{CASE_VIEWS[v]}</a>}</li>
          ))}
        </ul>
      </nav>
      <form method="get" action="/staff/requests" class="inline-search" role="search" aria-label="查找申请">
        <input type="hidden" name="view" value={props.view} />
        <input type="hidden" name="sort" value={props.sort} />
        <label for="case-q">查找</label>
        <input id="case-q" name="q" type="search" value={props.q} maxLength={100} placeholder="申请编号、申请人或申请内容" />
        <button type="submit" class="button secondary">
          查找
        </button>
      </form>
      <p class="sort-links">
        <span>排序：</span>
        {props.sort === 'due' ? <strong aria-current="true">按答复期限</strong> : <a href={here({ sort: 'due' })}>按答复期限</a>}
        {props.sort === 'received' ? <strong aria-current="true">按收到日期（最新在前）</strong> : <a href={here({ sort: 'received' })}>按收到日期（最新在前）</a>}
      </p>
      {props.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">{CASE_VIEWS[props.view]}</caption>
          <thead>
            <tr>
              <th scope="col">申请编号</th>
              <th scope="col">申请人</th>
              <th scope="col">受理机关</th>
              <th scope="col">收到申请</th>
              <th scope="col">答复期限</th>
              <th scope="col">状态</th>
              <th scope="col">承办人</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => {
              const overdue = r.due_on && r.due_on < props.today && DUE_STATES.includes(r.state as CaseState);
              const left = props.daysLeft.get(r.id);
              // While a pause is open the due date does not run: say so rather than show a date that will move.
              const paused = r.state === 'awaiting_correction' || r.state === 'consulting' || r.state === 'awaiting_fee';
              return (
                <tr>
                  <td>
                    <a href={`/staff/requests/${r.id}`}>{r.case_no}</a>
                  </td>
                  <td>{r.applicant_name}</td>
                  <td>{r.unit_name}</td>
                  <td>{r.received_on ?? '待确认'}</td>
                  <td class={overdue ? 'status-overdue' : left !== undefined && left <= DUE_SOON_WORKING_DAYS ? 'status-due-soon' : undefined}>
                    {paused
                      ? `计时暂停（${CASE_STATE_LABELS[r.state as CaseState]}）`
                      : r.due_on
                        ? `${r.due_on}${r.due_provisional ? '（暂定）' : ''}${overdue ? `，已超期 ${-(left ?? 0)} 个工作日` : left !== undefined ? `，剩 ${left} 个工作日` : ''}`
                        : r.state === 'replied' || r.state === 'delivered' || r.state === 'archived'
                          ? `已于 ${r.replied_on} 答复`
                          : '—'}
                  </td>
                  <td>
                    {CASE_STATE_LABELS[r.state as CaseState]}
                    {r.outcome ? `：${OUTCOME_BY_CODE.get(r.outcome)?.label ?? r.outcome}` : ''}
                  </td>
                  <td>{r.officer_name ?? '未指定'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p>没有符合条件的申请。</p>
      )}
    </Layout>
  );
}

export function RegisterPage(props: {
  ctx: ViewContext;
  values: Record<string, string>;
  errors: Record<string, string>;
  units: { id: number; name: string; depth: number }[];
  today: string;
}) {
  const v = props.values;
  return (
    <Layout ctx={props.ctx} title="登记申请" staff crumbs={crumbs('登记申请')}>
      <h1>登记政府信息公开申请</h1>
      <p>当面、邮寄、传真、电子邮件和口头提出的申请在此登记；口头申请由工作人员代为填写（条例第二十九条）。收到申请之日按条例第三十一条确定。</p>
      <ErrorSummary errors={props.errors} />
      <form method="post" action="/staff/requests/new" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={props.ctx} />
        <fieldset>
          <legend>收到申请</legend>
          <Select
            name="channel"
            label="申请渠道"
            value={v.channel}
            error={props.errors.channel}
            required
            blank="请选择"
            options={Object.entries(CHANNELS)
              .filter(([k]) => k !== 'online')
              .map(([value, label]) => ({ value, label }))}
          />
          <Field name="arrivedOn" label="收到日期（当面提交之日、签收之日或收到之日）" type="date" value={v.arrivedOn ?? props.today} error={props.errors.arrivedOn} required />
          <Field
            name="confirmedOn"
            label="与申请人确认之日（平常信函、传真、电子邮件必填）"
            type="date"
            value={v.confirmedOn}
            error={props.errors.confirmedOn}
            hint="平常信函应在收到当日确认"
          />
        </fieldset>
        <ApplicationFields values={v} errors={props.errors} units={props.units} unitLabel="受理机关" />
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </Layout>
  );
}
