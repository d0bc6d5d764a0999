/** The offices' settings for messages on one page: mailboxes, dispatch catalogue, reply periods, review, templates. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import type { TemplateRow } from '../queries.ts';
import { CATEGORIES, CHANNELS, DEFAULT_WORKING_DAYS, MESSAGE_TYPES } from '../rules.ts';

const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
type Unit = { id: number; name: string };

export interface SettingsProps {
  ctx: ViewContext;
  /** Units whose settings the viewer keeps (office) and whose templates the viewer keeps (officers). */
  officeUnits: Unit[];
  handleUnits: Unit[];
  allUnits: Unit[];
  mayDispatch: boolean;
  mailboxes: { id: number; unit_name: string; kind: 'leader' | 'unit'; name: string; active: boolean }[];
  dispatch: { category: string; area: string; unit_name: string }[];
  clocks: { unit_name: string; type: string; channel: string; working_days: number }[];
  reviewing: Set<number>;
  templates: (TemplateRow & { unit_name: string })[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}

const PREFIX: Record<string, string> = { mailbox: 'mb', dispatch: 'dp', clock: 'ck', review: 'rv', template: 'tp' };

export function SettingsPage(p: SettingsProps) {
  // Several forms share field names: the values and errors belong to the one that was sent (its hidden "form").
  const sent = p.values.form ?? '';
  const of = (form: string) => (sent === form ? { v: p.values, e: p.errors } : { v: {} as Record<string, string>, e: {} as Record<string, string> });
  const mb = of('mailbox');
  const dp = of('dispatch');
  const ck = of('clock');
  const tp = of('template');
  const officeOpts = p.officeUnits.map((u) => ({ value: String(u.id), label: u.name }));
  const handleOpts = p.handleUnits.map((u) => ({ value: String(u.id), label: u.name }));
  const categoryOpts = CATEGORIES.map((c) => ({ value: c, label: c }));
  return (
    <Layout ctx={p.ctx} title="留言设置" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '留言办理', href: '/staff/messages' }, { label: '留言设置' }]}>
      <h1>留言设置</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} idPrefix={PREFIX[sent]} />

      {p.officeUnits.length ? (
        <section aria-labelledby="mb-h">
          <h2 id="mb-h">信箱</h2>
          <p class="hint">领导信箱和部门信箱出现在“我要留言”的“写给”中。关闭的信箱不再接收留言，已收到的留言不受影响。</p>
          <ul>
            {p.mailboxes.map((b) => (
              <li>
                {b.kind === 'leader' ? '领导信箱' : '部门信箱'}：{b.name}（{b.unit_name}）{b.active ? '' : '（已关闭）'}
                {b.active ? (
                  <form method="post" action={`/staff/messages/settings/mailboxes/${b.id}/close`} class="inline">
                    <CsrfField ctx={p.ctx} />
                    <button type="submit" class="button secondary small">
                      关闭
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
          <form method="post" action="/staff/messages/settings/mailboxes">
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="form" value="mailbox" />
            <Select name="unitId" idPrefix="mb" label="所属单位" options={officeOpts} value={mb.v.unitId} error={mb.e.unitId} required />
            <Select name="kind" idPrefix="mb" label="类别" options={opts({ leader: '领导信箱', unit: '部门信箱' })} value={mb.v.kind} error={mb.e.kind} required />
            <Field name="name" idPrefix="mb" label="信箱名称" value={mb.v.name} error={mb.e.name} required hint="如：市长信箱、住建局局长信箱" />
            <button type="submit" class="button">
              添加信箱
            </button>
          </form>
        </section>
      ) : null}

      {p.mayDispatch ? (
        <section aria-labelledby="dp-h">
          <h2 id="dp-h">派单目录</h2>
          <p class="hint">留言选了领域（和区域）的，直接交给这里指定的单位办理；区域留空表示所有区域。承办单位留空即删除该条。</p>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">领域</th>
                <th scope="col">区域</th>
                <th scope="col">承办单位</th>
              </tr>
            </thead>
            <tbody>
              {p.dispatch.map((d) => (
                <tr>
                  <td>{d.category}</td>
                  <td>{d.area || '所有区域'}</td>
                  <td>{d.unit_name}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <form method="post" action="/staff/messages/settings/dispatch">
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="form" value="dispatch" />
            <Select name="category" idPrefix="dp" label="领域" options={categoryOpts} value={dp.v.category} error={dp.e.category} required blank="请选择" />
            <Field name="area" idPrefix="dp" label="区域（可不填）" value={dp.v.area} error={dp.e.area} />
            <Select
              name="dispatchUnitId"
              idPrefix="dp"
              label="承办单位"
              options={p.allUnits.map((u) => ({ value: String(u.id), label: u.name }))}
              value={dp.v.dispatchUnitId}
              blank="（删除该条）"
            />
            <button type="submit" class="button">
              保存
            </button>
          </form>
        </section>
      ) : null}

      {p.officeUnits.length ? (
        <section aria-labelledby="ck-h">
          <h2 id="ck-h">答复期限和审核</h2>
          <p class="hint">
            默认期限：
            {Object.entries(DEFAULT_WORKING_DAYS)
              .map(([t, d]) => `${MESSAGE_TYPES[t as keyof typeof MESSAGE_TYPES]}${d}个工作日`)
              .join('，')}
            。单位可以按类型（和渠道）另定，只影响以后收到的留言。
          </p>
          <ul>
            {p.clocks.map((c) => (
              <li>
                {c.unit_name}：{MESSAGE_TYPES[c.type as keyof typeof MESSAGE_TYPES]}
                {c.channel ? `（${CHANNELS[c.channel as keyof typeof CHANNELS]}）` : ''} {c.working_days}个工作日
              </li>
            ))}
          </ul>
          <form method="post" action="/staff/messages/settings/clock">
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="form" value="clock" />
            <Select name="unitId" idPrefix="ck" label="单位" options={officeOpts} value={ck.v.unitId} error={ck.e.unitId} required />
            <Select name="type" idPrefix="ck" label="留言类型" options={opts(MESSAGE_TYPES)} value={ck.v.type} error={ck.e.type} required blank="请选择" />
            <Select name="channel" idPrefix="ck" label="渠道" options={opts(CHANNELS)} value={ck.v.channel} error={ck.e.channel} blank="所有渠道" />
            <Field name="workingDays" idPrefix="ck" label="答复期限（工作日，留空恢复默认）" value={ck.v.workingDays} error={ck.e.workingDays} inputmode="numeric" />
            <button type="submit" class="button">
              保存期限
            </button>
          </form>
          <form method="post" action="/staff/messages/settings/review">
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="form" value="review" />
            <fieldset>
              <legend>答复发出前须经审核的单位（由办公室或审核人审核，不能审核自己起草的答复）</legend>
              {p.officeUnits.map((u) => (
                <div class="field checkbox">
                  <input id={`rv-${u.id}`} type="checkbox" name="reviewUnits" value={String(u.id)} checked={p.reviewing.has(u.id)} />
                  <label for={`rv-${u.id}`}>{u.name}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" class="button">
              保存审核设置
            </button>
          </form>
        </section>
      ) : null}

      {p.handleUnits.length ? (
        <section aria-labelledby="tp-h">
          <h2 id="tp-h">答复模板</h2>
          <p class="hint">答复时可选用本单位的模板，发出前仍须按留言修改。</p>
          <ul>
            {p.templates.map((t) => (
              <li>
                {t.name}（{t.unit_name}，{t.category || '所有领域'}）
                <form method="post" action={`/staff/messages/settings/templates/${t.id}/retire`} class="inline">
                  <CsrfField ctx={p.ctx} />
                  <button type="submit" class="button secondary small">
                    停用
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <form method="post" action="/staff/messages/settings/templates">
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="form" value="template" />
            <Select name="unitId" idPrefix="tp" label="单位" options={handleOpts} value={tp.v.unitId} error={tp.e.unitId} required />
            <Select name="category" idPrefix="tp" label="领域" options={categoryOpts} value={tp.v.category} error={tp.e.category} blank="所有领域" />
            <Field name="name" idPrefix="tp" label="模板名称" value={tp.v.name} error={tp.e.name} required />
            <Field name="body" idPrefix="tp" label="模板内容" textarea rows={6} value={tp.v.body} error={tp.e.body} required />
            <button type="submit" class="button">
              添加模板
            </button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
