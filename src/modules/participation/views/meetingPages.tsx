/** Staff screens of meetings open to the public and hearings: the list with the half-year rule, the form, one meeting. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { chinaDateTime } from '../../../lib/clock.ts';
import type { MeetingApplicationRow, MeetingRow } from '../meetingQueries.ts';
import { attendance, ATTENDEE_ROLES, HEARING_MATERIALS_DAYS, MEETING_KINDS } from '../meetings.ts';

const crumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '会议开放和听证', href: '/staff/meetings' }, { label: last }] : [{ label: '会议开放和听证' }]),
];
const MEETING_EVENTS: Record<string, string> = {
  created: '新建',
  edited: '修改',
  published: '发布',
  withdrawn: '撤回（取消）',
  applied: '收到列席报名',
  applications_decided: '处理列席报名',
};
const STATE_LABELS = { draft: '草稿', published: '已发布', withdrawn: '已撤回（取消）' } as const;
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function MeetingListPage(p: {
  ctx: ViewContext;
  rows: MeetingRow[];
  halfYears: { unit: string; label: string; count: number; ended: boolean; short: boolean }[];
  minimum: number;
  canCreate: boolean;
  notice?: string;
}) {
  return (
    <Layout ctx={p.ctx} title="会议开放和听证" staff crumbs={crumbs()}>
      <h1>会议开放和听证</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {p.canCreate ? (
        <p>
          <a class="button" href="/staff/meetings/new">
            新建会议
          </a>
        </p>
      ) : null}
      <h2>每半年邀请列席情况</h2>
      <p class="hint">每个单位每半年至少{p.minimum}次邀请利益相关方、公众代表、专家或媒体列席会议（按已发布且有列席人数的会议计）。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">半年</th>
            <th scope="col">有列席的会议</th>
            <th scope="col">情况</th>
          </tr>
        </thead>
        <tbody>
          {p.halfYears.map((h) => (
            <tr>
              <td>{h.unit}</td>
              <td>{h.label}</td>
              <td>{h.count}</td>
              <td>{h.short ? (h.ended ? '未达到要求' : '尚未达到，请安排') : '已达到'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>会议</h2>
      {p.rows.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">会议</th>
              <th scope="col">类型</th>
              <th scope="col">单位</th>
              <th scope="col">列席人数</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((m) => (
              <tr>
                <td>{m.held_on}</td>
                <td>
                  <a href={`/staff/meetings/${m.id}`}>{m.title}</a>
                </td>
                <td>{MEETING_KINDS[m.kind]}</td>
                <td>{m.unit_name}</td>
                <td>{attendance(m)}</td>
                <td>{STATE_LABELS[m.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有会议记录。</p>
      )}
    </Layout>
  );
}

export function MeetingFormPage(p: {
  ctx: ViewContext;
  id?: number;
  units: { id: number; name: string }[];
  decisions: { id: number; label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title={p.id ? '修改会议' : '新建会议'} staff crumbs={crumbs(p.id ? '修改' : '新建')}>
      <h1>{p.id ? '修改会议' : '新建会议'}</h1>
      <ErrorSummary errors={e} />
      <form method="post" action={p.id ? `/staff/meetings/${p.id}/edit` : '/staff/meetings/new'}>
        <CsrfField ctx={p.ctx} />
        {p.id ? null : <Select name="unitId" label="单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />}
        <Select name="kind" label="类型" options={opts(MEETING_KINDS)} value={v.kind} error={e.kind} required />
        <Field name="title" label="会议名称" value={v.title} error={e.title} required hint="如：市政府第12次常务会议" />
        <Field name="heldOn" label="会议日期" type="date" value={v.heldOn} error={e.heldOn} required />
        <Field name="startsAt" label="开始时间" value={v.startsAt} error={e.startsAt} hint="如 09:30" />
        <Field name="place" label="地点" value={v.place} error={e.place} />
        <Field name="agenda" label="涉及公众利益的议题" textarea rows={4} value={v.agenda} error={e.agenda} />
        <Select
          name="decisionEntryId"
          label="相关的重大行政决策事项"
          options={p.decisions.map((d) => ({ value: String(d.id), label: d.label }))}
          value={v.decisionEntryId}
          error={e.decisionEntryId}
          blank="无"
        />
        <fieldset>
          <legend>公众报名列席</legend>
          <Field name="howToApply" label="报名办法（留空则不接受网上报名）" textarea rows={3} value={v.howToApply} error={e.howToApply} />
          <Field name="applyUntil" label="报名截止日期" type="date" value={v.applyUntil} error={e.applyUntil} />
          <Field name="seats" label="列席名额" type="number" value={v.seats} error={e.seats} />
        </fieldset>
        <fieldset>
          <legend>听证会</legend>
          <Field
            name="materialsSentOn"
            label="听证材料送达参加人日期"
            type="date"
            value={v.materialsSentOn}
            error={e.materialsSentOn}
            hint={`应当于听证会${HEARING_MATERIALS_DAYS}日前送达`}
          />
          <Field name="participants" label="听证参加人名单（公开）" textarea rows={4} value={v.participants} error={e.participants} hint="应当提前向社会公布" />
        </fieldset>
        <fieldset>
          <legend>会后：列席情况和会议记录</legend>
          <Field name="stakeholders" label="利益相关方（人）" type="number" value={v.stakeholders} error={e.stakeholders} />
          <Field name="publicReps" label="公众代表（人）" type="number" value={v.publicReps} error={e.publicReps} />
          <Field name="experts" label="专家（人）" type="number" value={v.experts} error={e.experts} />
          <Field name="media" label="媒体（家）" type="number" value={v.media} error={e.media} />
          <Field name="attendingOrgs" label="列席单位和代表" textarea rows={3} value={v.attendingOrgs} error={e.attendingOrgs} />
          <Field name="minutesHtml" label="会议纪要或主要内容" textarea rows={6} value={v.minutesHtml} error={e.minutesHtml} data={{ 'rich-editor': '1' }} />
          <Field name="videoUrl" label="视频地址" value={v.videoUrl} error={e.videoUrl} />
        </fieldset>
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}

export function MeetingDetailPage(p: {
  ctx: ViewContext;
  m: MeetingRow;
  problems: string[];
  applications: MeetingApplicationRow[];
  events: { kind: string; at: Date; actor_label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { m } = p;
  return (
    <Layout ctx={p.ctx} title={m.title} staff crumbs={crumbs(m.title)}>
      <h1>{m.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      {p.problems.length ? (
        <div class="banner-warning" role="note">
          <ul>
            {p.problems.map((x) => (
              <li>{x}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <p>
        {MEETING_KINDS[m.kind]} · {m.unit_name} · {m.held_on} {m.starts_at} {m.place} · {STATE_LABELS[m.state]}
        {m.decision_code ? ` · 决策事项 ${m.decision_code}` : ''}
      </p>
      <p class="button-row">
        {m.state !== 'draft' ? <a href={`/hdjl/hy/${m.id}`}>查看公众页面</a> : null}
        {m.state !== 'withdrawn' ? <a href={`/staff/meetings/${m.id}/edit`}>修改、登记列席情况</a> : null}
      </p>
      {m.state === 'draft' ? (
        <form method="post" action={`/staff/meetings/${m.id}/publish`}>
          <CsrfField ctx={p.ctx} />
          <button type="submit" class="button">
            发布会议预告
          </button>
        </form>
      ) : null}
      <h2>列席报名</h2>
      {p.applications.length ? (
        <form method="post" action={`/staff/meetings/${m.id}/applications`}>
          <CsrfField ctx={p.ctx} />
          <table class="data">
            <thead>
              <tr>
                <th scope="col">选择</th>
                <th scope="col">姓名</th>
                <th scope="col">单位</th>
                <th scope="col">身份</th>
                <th scope="col">联系方式</th>
                <th scope="col">理由</th>
                <th scope="col">处理</th>
              </tr>
            </thead>
            <tbody>
              {p.applications.map((a) => (
                <tr>
                  <td>
                    <input type="checkbox" name="ids" value={String(a.id)} aria-label={`选择${a.name}的报名`} />
                  </td>
                  <td>{a.name}</td>
                  <td>{a.organisation}</td>
                  <td>{ATTENDEE_ROLES[a.role]}</td>
                  <td>{a.contact}</td>
                  <td>{a.reason}</td>
                  <td>{a.status === 'pending' ? '待处理' : `${a.status === 'accepted' ? '安排列席' : '不予安排'}${a.answer ? `：${a.answer}` : ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.errors.ids ? <p class="error-message">{p.errors.ids}</p> : null}
          <Select
            name="status"
            label="对勾选的报名"
            options={[
              { value: 'accepted', label: '安排列席' },
              { value: 'declined', label: '不予安排' },
            ]}
            value={p.values.status}
            error={p.errors.status}
            required
          />
          <Field name="answer" label="答复（不予安排的写明理由）" value={p.values.answer} error={p.errors.answer} />
          <button type="submit" class="button">
            保存
          </button>
        </form>
      ) : (
        <p>没有报名。</p>
      )}
      {m.state === 'published' ? (
        <details open={!!p.errors.withdrawReason}>
          <summary>撤回（取消）会议</summary>
          <form method="post" action={`/staff/meetings/${m.id}/withdraw`}>
            <CsrfField ctx={p.ctx} />
            <Field name="withdrawReason" label="原因（公开）" value={p.values.withdrawReason} error={p.errors.withdrawReason} required />
            <button type="submit" class="button secondary">
              撤回
            </button>
          </form>
        </details>
      ) : null}
      <h2>处理记录</h2>
      <ul>
        {p.events.map((e) => (
          <li>
            {chinaDateTime(e.at)} {e.actor_label} {MEETING_EVENTS[e.kind] ?? e.kind}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
