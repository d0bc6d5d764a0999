/** Staff screens of 政务舆情回应: the incidents with their hour clocks, registering one, and one with its responses. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { chinaDateTime } from '../../../lib/clock.ts';
import type { ClockState } from '../opinion.ts';
import { RESPONSE_KINDS, SEVERITY } from '../opinion.ts';
import type { IncidentRow, ResponseRow } from '../opinionStore.ts';

const crumbs = (last?: string) => [
  { label: '工作台', href: '/staff' },
  ...(last ? [{ label: '政务舆情回应', href: '/staff/opinion' }, { label: last }] : [{ label: '政务舆情回应' }]),
];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const STATUS: Record<ClockState['status'], string> = { met: '按时', late: '超时', pending: '未到期', overdue: '已超时未回应' };

function Clocks({ clocks }: { clocks: ClockState[] }) {
  return (
    <>
      {clocks.map((c, i) => (
        <>
          {i ? '；' : ''}
          {c.label}（{c.hours}小时内，{chinaDateTime(c.due)}前）：
          {c.status === 'overdue' || c.status === 'late' ? <strong>{STATUS[c.status]}</strong> : STATUS[c.status]}
          {c.metAt ? `，${chinaDateTime(c.metAt)}` : ''}
        </>
      ))}
    </>
  );
}

export function IncidentListPage(p: { ctx: ViewContext; rows: (IncidentRow & { clocks: ClockState[] })[]; mayRegister: boolean }) {
  return (
    <Layout ctx={p.ctx} title="政务舆情回应" staff crumbs={crumbs()}>
      <h1>政务舆情回应</h1>
      <p class="hint">特别重大、重大突发事件：5小时内发布权威信息，24小时内召开新闻发布会；其他政务舆情：48小时内回应。时限自舆情出现时起算。</p>
      {p.mayRegister ? (
        <p>
          <a class="button" href="/staff/opinion/new">
            登记舆情
          </a>
        </p>
      ) : null}
      {p.rows.length ? (
        <ul class="item-list">
          {p.rows.map((r) => (
            <li>
              <a href={`/staff/opinion/${r.id}`}>{r.title}</a>
              <span class="muted">
                {' '}
                {SEVERITY[r.severity]} · {chinaDateTime(r.surfaced_at)} · {r.state === 'closed' ? '已办结' : '处置中'}
              </span>
              <br />
              <Clocks clocks={r.clocks} />
            </li>
          ))}
        </ul>
      ) : (
        <p>没有登记的舆情。</p>
      )}
    </Layout>
  );
}

export function IncidentNewPage(p: {
  ctx: ViewContext;
  units: { id: number; name: string }[];
  allUnits: { id: number; name: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  responsible: string[];
}) {
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title="登记舆情" staff crumbs={crumbs('登记')}>
      <h1>登记舆情</h1>
      <ErrorSummary errors={e} />
      <form method="post" action="/staff/opinion/new">
        <CsrfField ctx={p.ctx} />
        <Select name="unitId" label="登记单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />
        <Field name="title" label="舆情事项" value={v.title} error={e.title} required />
        <Field name="description" label="情况（可不填）" textarea rows={4} value={v.description} error={e.description} />
        <Select name="severity" label="级别" options={opts(SEVERITY)} value={v.severity} error={e.severity} required blank="请选择" />
        <Field name="surfacedAt" label="舆情出现时间" type="datetime-local" value={v.surfacedAt} error={e.surfacedAt} required hint="回应时限从这时起算" />
        <fieldset class={e.responsibleUnitIds ? 'field-error' : undefined} id="f-responsibleUnitIds">
          <legend>负责回应的单位</legend>
          {e.responsibleUnitIds ? <p class="error-message">{e.responsibleUnitIds}</p> : null}
          {p.allUnits.map((u) => (
            <div class="field checkbox">
              <input id={`ru-${u.id}`} type="checkbox" name="responsibleUnitIds" value={String(u.id)} checked={p.responsible.includes(String(u.id))} />
              <label for={`ru-${u.id}`}>{u.name}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </Layout>
  );
}

export function IncidentPage(p: {
  ctx: ViewContext;
  r: IncidentRow;
  clocks: ClockState[];
  responses: ResponseRow[];
  mayManage: boolean;
  events: { kind: string; at: Date; actor_label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { r } = p;
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title={r.title} staff crumbs={crumbs('舆情')}>
      <h1>{r.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={e} message={p.message} />
      <dl class="facts">
        <dt>级别</dt>
        <dd>{SEVERITY[r.severity]}</dd>
        <dt>出现时间</dt>
        <dd>{chinaDateTime(r.surfaced_at)}</dd>
        <dt>负责单位</dt>
        <dd>{r.responsible_names.join('、')}</dd>
        <dt>回应时限</dt>
        <dd>
          <Clocks clocks={p.clocks} />
        </dd>
        <dt>状态</dt>
        <dd>{r.state === 'closed' ? `已办结：${r.summary}` : '处置中'}</dd>
      </dl>
      {r.description ? <p>{r.description}</p> : null}
      <h2>回应</h2>
      {p.responses.length ? (
        <ul>
          {p.responses.map((x) => (
            <li>
              {chinaDateTime(x.given_at)} {RESPONSE_KINDS[x.kind]}
              {x.item_id ? (
                <>
                  ：<a href={`/xxgk/${x.unit_slug}/items/${x.item_id}`}>{x.item_title}</a>
                </>
              ) : null}
              {x.note ? `（${x.note}）` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>还没有回应。</p>
      )}
      {p.mayManage && r.state === 'open' ? (
        <>
          <form method="post" action={`/staff/opinion/${r.id}/respond`} aria-labelledby="resp-h">
            <h2 id="resp-h">记录回应</h2>
            <CsrfField ctx={p.ctx} />
            <Select name="kind" label="回应方式" options={opts(RESPONSE_KINDS)} value={v.kind} error={e.kind} required blank="请选择" />
            <Field name="givenAt" label="回应时间" type="datetime-local" value={v.givenAt} error={e.givenAt} required />
            <Field name="itemRef" label="发布回应的信息（索引号、文号、标题全文或链接）" value={v.itemRef} error={e.itemRef} hint="新闻发布会可不填" />
            <Field name="note" label="说明（可不填）" value={v.note} error={e.note} />
            <button type="submit" class="button">
              记录
            </button>
          </form>
          <details open={!!e.summary}>
            <summary>办结</summary>
            <form method="post" action={`/staff/opinion/${r.id}/close`}>
              <CsrfField ctx={p.ctx} />
              <Field name="summary" label="回应和处置小结" textarea rows={4} value={v.summary} error={e.summary} required />
              <button type="submit" class="button secondary">
                办结
              </button>
            </form>
          </details>
        </>
      ) : null}
      <h2>办理记录</h2>
      <ul>
        {p.events.map((ev) => (
          <li>
            {chinaDateTime(ev.at)} {ev.actor_label} {({ registered: '登记', responded: '记录回应', closed: '办结' } as Record<string, string>)[ev.kind] ?? ev.kind}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
