/** Staff screens of 行政执法公示: the units' overview with what is late, one unit's work, a decision, an entry, a draw. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { EventLog } from '../../../views/review.tsx';
import { chinaDate, chinaDateTime } from '../../../lib/clock.ts';
import type { DecisionRow, DrawRow, RegisterRow, StatsRow } from '../queries.ts';
import { FIELDS, KINDS, REGISTER_KINDS, REVOCATIONS, statsDueOn, type RegisterKind } from '../rules.ts';

const crumbs = (more: { label: string; href?: string }[] = []) => [{ label: '工作台', href: '/staff' }, { label: '行政执法公示', href: '/staff/enforcement' }, ...more];
const kindOptions = Object.entries(KINDS).map(([value, label]) => ({ value, label }));
const EVENTS: Record<string, string> = { published: '公示', corrected: '更正', withdrawn: '撤下', created: '新建', changed: '修改' };
type Form = { values: Record<string, string>; errors: Record<string, string>; message?: string };

function Problems(p: { text?: string }) {
  if (!p.text) return null;
  const lines = p.text.split('\n');
  return (
    <div class="error-summary" role="alert">
      <h2>文件中的问题（{lines.length} 条）</h2>
      <ul>
        {lines.map((l) => (
          <li>{l}</li>
        ))}
      </ul>
    </div>
  );
}

function LateList(p: { rows: DecisionRow[] }) {
  return p.rows.length ? (
    <table class="data">
      <thead>
        <tr>
          <th scope="col">决定</th>
          <th scope="col">决定日期</th>
          <th scope="col">问题</th>
        </tr>
      </thead>
      <tbody>
        {p.rows.map((d) => (
          <tr>
            <td>
              <a href={`/staff/enforcement/decisions/${d.id}`}>{d.doc_no}</a> {d.name}
            </td>
            <td>{d.decided_on}</td>
            <td class="status-overdue">
              {d.late ? `逾期公示（应在 ${d.due_on} 前，实际 ${chinaDate(d.published_at)}）` : ''}
              {d.withdrawal_late ? `撤下逾期（${d.revoked_on} 撤销，${chinaDate(d.withdrawn_at!)} 撤下）` : ''}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  ) : (
    <p>没有逾期的公示或撤下。</p>
  );
}

export function OverviewPage(p: {
  ctx: ViewContext;
  units: { id: number; name: string; counts: { published: number; late: number; withdrawn: number; withdrawal_late: number }; statsDue: number | null }[];
  late: DecisionRow[];
}) {
  return (
    <Layout ctx={p.ctx} staff title="行政执法公示" crumbs={crumbs().slice(0, 1).concat({ label: '行政执法公示' })}>
      <h1>行政执法公示</h1>
      <p>许可、处罚决定自作出之日起7个工作日内公示，其他执法决定20个工作日内；被撤销的决定3日内撤下并说明理由；上年度执法数据于1月31日前公布。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">公示中</th>
            <th scope="col">逾期公示</th>
            <th scope="col">已撤下</th>
            <th scope="col">撤下逾期</th>
            <th scope="col">年度数据</th>
          </tr>
        </thead>
        <tbody>
          {p.units.map((u) => (
            <tr>
              <td>
                <a href={`/staff/enforcement/units/${u.id}`}>{u.name}</a>
              </td>
              <td>{u.counts.published}</td>
              <td class={u.counts.late ? 'status-overdue' : ''}>{u.counts.late}</td>
              <td>{u.counts.withdrawn}</td>
              <td class={u.counts.withdrawal_late ? 'status-overdue' : ''}>{u.counts.withdrawal_late}</td>
              <td class={u.statsDue ? 'status-overdue' : ''}>{u.statsDue ? `${u.statsDue}年度未公布` : '已公布'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>逾期的公示和撤下</h2>
      <LateList rows={p.late} />
    </Layout>
  );
}

export function UnitWorkPage(
  p: Form & {
    ctx: ViewContext;
    unit: { id: number; name: string; slug: string };
    decisions: DecisionRow[];
    register: RegisterRow[];
    draws: DrawRow[];
    stats: StatsRow[];
    lastYear: number;
    today: string;
    notice?: string;
  },
) {
  const v = p.values;
  const e = p.errors;
  const base = `/staff/enforcement/units/${p.unit.id}`;
  const items = p.register.filter((r) => r.kind === 'inspection_item' && r.state === 'current');
  return (
    <Layout ctx={p.ctx} staff title={`${p.unit.name} 行政执法公示`} crumbs={crumbs([{ label: p.unit.name }])}>
      <h1>{p.unit.name} 行政执法公示</h1>
      {p.notice ? <p class="notice">{p.notice}</p> : null}
      <p>
        <a href={`/zfgs/${p.unit.slug}`}>查看公开页面</a>
      </p>
      <ErrorSummary errors={Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'file'))} message={e.file ? undefined : p.message} />
      <section aria-labelledby="import-h">
        <h2 id="import-h">导入执法决定</h2>
        <p class="hint">
          CSV 或 Excel，第一行为列名：可用双公示字段代码（如 CF_WSH、XK_XMMC）或中文列名（
          {FIELDS.filter((f) => f.required)
            .map((f) => f.label)
            .join('、')}
          为必填）。同一文号再次导入即为更正；有一行不对，整个文件都不导入。身份证号不保存，自然人姓名只公开姓氏。
        </p>
        {e.file ? <p class="error-message">{p.message}</p> : null}
        <Problems text={e.file} />
        <form method="post" action={`${base}/import`} enctype="multipart/form-data">
          <CsrfField ctx={p.ctx} />
          <Select name="kind" label="执法类别" options={kindOptions} value={v.kind} error={e.kind} blank="请选择" required idPrefix="imp" />
          <Field name="file" label="文件" type="file" error={e.file ? '请修改文件后重新上传' : undefined} required idPrefix="imp" />
          <button type="submit" class="button">
            导入并公示
          </button>
        </form>
        <p>
          <a href={`${base}/decisions/new`}>逐条录入一个决定</a>
        </p>
      </section>
      <section aria-labelledby="dec-h">
        <h2 id="dec-h">最近的决定</h2>
        <ul class="plain">
          {p.decisions.map((d) => (
            <li>
              <a href={`/staff/enforcement/decisions/${d.id}`}>{d.doc_no}</a> {KINDS[d.kind]} {d.name} <span class="muted">{d.decided_on}</span>
              {d.state === 'withdrawn' ? <span class="badge">已撤下</span> : null}
              {d.late ? <span class="badge">逾期公示</span> : null}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="reg-h">
        <h2 id="reg-h">事前公开</h2>
        <ul class="plain">
          {p.register.map((r) => (
            <li>
              {REGISTER_KINDS[r.kind as RegisterKind].label}：<a href={`/staff/enforcement/register/${r.id}`}>{r.title}</a>{' '}
              <span class={r.state === 'current' && r.review_on < p.today ? 'status-overdue' : 'muted'}>{r.state === 'current' ? `下次核对 ${r.review_on}` : '已撤下'}</span>
            </li>
          ))}
        </ul>
        <p>
          新增：
          {(Object.keys(REGISTER_KINDS) as RegisterKind[]).map((k) => (
            <>
              {' '}
              <a href={`${base}/register/new?kind=${k}`}>{REGISTER_KINDS[k].label}</a>
            </>
          ))}
        </p>
      </section>
      <section aria-labelledby="draw-h">
        <h2 id="draw-h">双随机抽查</h2>
        <ul class="plain">
          {p.draws.map((d) => (
            <li>
              <a href={`/staff/enforcement/draws/${d.id}`}>{d.title}</a>{' '}
              <span class={!d.results_published_at && d.results_due_on < p.today ? 'status-overdue' : 'muted'}>
                {d.results_published_at ? '结果已公开' : `结果应在 ${d.results_due_on} 前公开`}
              </span>
            </li>
          ))}
        </ul>
        {items.length ? (
          <form method="post" action={`${base}/draws`}>
            <CsrfField ctx={p.ctx} />
            <Select
              name="itemId"
              label="随机抽查事项"
              options={items.map((i) => ({ value: String(i.id), label: i.title }))}
              value={v.itemId}
              error={e.itemId}
              required
              idPrefix="dr"
            />
            <Field name="title" label="本次抽查名称" value={v.title} error={e.title} required idPrefix="dr" />
            <Field
              name="entities"
              label="检查对象名录"
              textarea
              rows={8}
              hint="每行一户：编号（可用统一社会信用代码）和名称，以空格分开"
              value={v.entities}
              error={e.entities}
              required
              idPrefix="dr"
            />
            <Field name="exclusions" label="回避" textarea rows={3} hint="每行一项：执法证号 对象编号 理由" value={v.exclusions} error={e.exclusions} idPrefix="dr" />
            <Field name="entityCount" label="抽取户数" value={v.entityCount} error={e.entityCount} required inputmode="numeric" idPrefix="dr" />
            <Field
              name="inspectorsPerEntity"
              label="每户执法人员数"
              value={v.inspectorsPerEntity ?? '2'}
              error={e.inspectorsPerEntity}
              required
              inputmode="numeric"
              idPrefix="dr"
            />
            <Field name="inspectionEndsOn" label="检查结束日期" type="date" value={v.inspectionEndsOn} error={e.inspectionEndsOn} required idPrefix="dr" />
            <button type="submit" class="button">
              抽取并公开
            </button>
          </form>
        ) : (
          <p>请先在事前公开中登记随机抽查事项和执法人员。</p>
        )}
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">年度行政执法数据</h2>
        <ul class="plain">
          {p.stats.map((s) => (
            <li>
              {s.year}年度：{chinaDate(s.published_at)} 公布{s.late ? <span class="badge">逾期</span> : null}
            </li>
          ))}
        </ul>
        {p.stats.some((s) => s.year === p.lastYear) ? null : (
          <form method="post" action={`${base}/stats`}>
            <CsrfField ctx={p.ctx} />
            <p>
              {p.lastYear}年度数据应于 {statsDueOn(p.lastYear)} 前公布，将按本平台的执法决定和抽查记录统计。
            </p>
            <input type="hidden" name="year" value={String(p.lastYear)} />
            <Field name="note" label="说明（可选）" textarea rows={3} value={v.note} error={e.note ?? e.year} idPrefix="st" />
            <button type="submit" class="button">
              公布{p.lastYear}年度数据
            </button>
          </form>
        )}
      </section>
    </Layout>
  );
}

export function NewDecisionPage(p: Form & { ctx: ViewContext; unit: { id: number; name: string } }) {
  const base = `/staff/enforcement/units/${p.unit.id}`;
  return (
    <Layout ctx={p.ctx} staff title="录入执法决定" crumbs={crumbs([{ label: p.unit.name, href: base }, { label: '录入决定' }])}>
      <h1>录入执法决定</h1>
      <ErrorSummary errors={p.errors} message={p.message} />
      <form method="post" action={`${base}/decisions/new`}>
        <CsrfField ctx={p.ctx} />
        <Select name="kind" label="执法类别" options={kindOptions} value={p.values.kind} error={p.errors.kind} required />
        {FIELDS.filter((f) => f.key !== 'idNumber').map((f) =>
          f.key === 'subjectType' ? (
            <Select
              name="subjectType"
              label="相对人类别"
              options={['法人及非法人组织', '个体工商户', '自然人'].map((x) => ({ value: x, label: x }))}
              value={p.values.subjectType}
              error={p.errors.subjectType}
              required
            />
          ) : (
            <Field
              name={f.key}
              label={f.label}
              type={f.key === 'decidedOn' || f.key === 'validUntil' ? 'date' : 'text'}
              textarea={f.max > 200}
              rows={3}
              value={p.values[f.key]}
              error={p.errors[f.key]}
              required={f.required}
              hint={f.key === 'subjectName' ? '自然人只公开姓氏，如“张某”' : undefined}
            />
          ),
        )}
        <button type="submit" class="button">
          公示
        </button>
      </form>
    </Layout>
  );
}

export function StaffDecisionPage(
  p: Form & { ctx: ViewContext; d: DecisionRow; events: { kind: string; at: Date; actor_label: string }[]; withdrawDays: number; notice?: string },
) {
  const d = p.d;
  return (
    <Layout
      ctx={p.ctx}
      staff
      title={`${KINDS[d.kind]}决定 ${d.doc_no}`}
      crumbs={crumbs([{ label: d.unit_name, href: `/staff/enforcement/units/${d.unit_id}` }, { label: d.doc_no }])}
    >
      <h1>
        {KINDS[d.kind]}决定 {d.doc_no}
      </h1>
      {p.notice ? <p class="notice">{p.notice}</p> : null}
      <dl class="facts">
        <dt>名称</dt>
        <dd>{d.name}</dd>
        <dt>行政相对人</dt>
        <dd>{d.subject_name}</dd>
        <dt>决定日期</dt>
        <dd>{d.decided_on}</dd>
        <dt>公示</dt>
        <dd>
          {chinaDateTime(d.published_at)}
          {d.import_id ? `（第 ${d.import_id} 批导入）` : ''}，期限 {d.due_on}
          {d.late ? <strong class="status-overdue"> 逾期</strong> : null}
        </dd>
        {d.state === 'withdrawn' ? (
          <>
            <dt>撤下</dt>
            <dd>
              {REVOCATIONS[d.revocation!]}（{d.revoked_on}），{chinaDateTime(d.withdrawn_at!)} 撤下{d.withdrawal_late ? <strong class="status-overdue"> 逾期</strong> : null}
            </dd>
            <dt>公开说明</dt>
            <dd class="prewrap">{d.explanation}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/zfgs/${d.unit_slug}/decisions/${d.id}`}>查看公开页面</a>
      </p>
      {d.state === 'published' ? (
        <section aria-labelledby="rev-h">
          <h2 id="rev-h">撤下这个决定</h2>
          <p>决定被依法撤销、确认违法、要求重新作出或变更的，应在{p.withdrawDays}日内从公示中撤下，并向公众说明理由。</p>
          <ErrorSummary errors={p.errors} message={p.message} />
          <form method="post" action={`/staff/enforcement/decisions/${d.id}/withdraw`}>
            <CsrfField ctx={p.ctx} />
            <Select
              name="revocation"
              label="原因"
              options={Object.entries(REVOCATIONS).map(([value, label]) => ({ value, label }))}
              value={p.values.revocation}
              error={p.errors.revocation}
              blank="请选择"
              required
            />
            <Field name="revokedOn" label="撤销（确认违法、变更）日期" type="date" value={p.values.revokedOn} error={p.errors.revokedOn} required />
            <Field name="explanation" label="向公众的说明" textarea rows={4} value={p.values.explanation} error={p.errors.explanation} required />
            <button type="submit" class="button warning">
              撤下
            </button>
          </form>
        </section>
      ) : null}
      <h2>记录</h2>
      <EventLog events={p.events} labels={EVENTS} />
    </Layout>
  );
}

export function RegisterEntryPage(
  p: Form & { ctx: ViewContext; unit: { id: number; name: string }; kind: RegisterKind; entry?: RegisterRow; events: { kind: string; at: Date; actor_label: string }[] },
) {
  const spec = REGISTER_KINDS[p.kind];
  const action = p.entry ? `/staff/enforcement/register/${p.entry.id}` : `/staff/enforcement/units/${p.unit.id}/register/new?kind=${p.kind}`;
  const title = p.entry ? `${spec.label}：${p.entry.title}` : `新增${spec.label}`;
  return (
    <Layout ctx={p.ctx} staff title={title} crumbs={crumbs([{ label: p.unit.name, href: `/staff/enforcement/units/${p.unit.id}` }, { label: title }])}>
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors} message={p.message} />
      {p.entry?.state === 'withdrawn' ? (
        <p class="notice">已撤下：{p.entry.reason}</p>
      ) : (
        <form method="post" action={action}>
          <CsrfField ctx={p.ctx} />
          <Field name="title" label={spec.titleLabel} value={p.values.title} error={p.errors.title} required />
          {Object.entries(spec.fields).map(([k, label]) => (
            <Field
              name={k}
              label={label}
              type={k === 'validUntil' ? 'date' : 'text'}
              textarea={['duties', 'basis', 'steps', 'how', 'objects'].includes(k)}
              rows={4}
              value={p.values[k]}
              error={p.errors[k]}
              required={k === 'certificate'}
            />
          ))}
          <Field
            name="reviewOn"
            label="下次核对日期"
            type="date"
            hint="法律法规或机构职能变化时应及时调整；到期提醒核对"
            value={p.values.reviewOn}
            error={p.errors.reviewOn}
            required
          />
          <button type="submit" class="button">
            保存并公开
          </button>
        </form>
      )}
      {p.entry && p.entry.state === 'current' ? (
        <form method="post" action={`/staff/enforcement/register/${p.entry.id}/withdraw`}>
          <CsrfField ctx={p.ctx} />
          <Field name="reason" label="撤下原因" value={p.values.reason} error={p.errors.reason} idPrefix="wd" />
          <button type="submit" class="button warning">
            撤下这一项
          </button>
        </form>
      ) : null}
      {p.entry ? (
        <>
          <h2>变更记录</h2>
          <EventLog events={p.events} labels={EVENTS} />
        </>
      ) : null}
    </Layout>
  );
}

export function StaffDrawPage(p: Form & { ctx: ViewContext; d: DrawRow; unitName: string; notice?: string }) {
  const d = p.d;
  return (
    <Layout ctx={p.ctx} staff title={d.title} crumbs={crumbs([{ label: p.unitName, href: `/staff/enforcement/units/${d.unit_id}` }, { label: d.title }])}>
      <h1>{d.title}</h1>
      {p.notice ? <p class="notice">{p.notice}</p> : null}
      <p>
        {chinaDateTime(d.drawn_at)} 由 {d.actor_label} 抽取 {d.entity_count} 户。<a href={`/zfgs/${d.unit_slug}/draws/${d.id}`}>查看公开页面（名录、种子和结果）</a>
      </p>
      {d.results_published_at ? (
        <p>
          检查结果已于 {chinaDate(d.results_published_at)} 公开{d.results_late ? '（逾期）' : ''}。
        </p>
      ) : (
        <form method="post" action={`/staff/enforcement/draws/${d.id}/results`}>
          <CsrfField ctx={p.ctx} />
          <ErrorSummary errors={p.errors} message={p.message} />
          <Field
            name="findings"
            label="检查结果"
            textarea
            rows={8}
            hint={`检查结束后20个工作日内公开，即 ${d.results_due_on} 前`}
            value={p.values.findings}
            error={p.errors.findings}
            required
          />
          <button type="submit" class="button">
            公开检查结果
          </button>
        </form>
      )}
    </Layout>
  );
}
