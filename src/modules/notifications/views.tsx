/** The staff inbox and each person's notification settings. */
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../views/layout.tsx';
import { chinaDateTime } from '../../lib/clock.ts';
import { STAFF_KINDS, type InboxEntry } from './inbox.ts';

export function InboxPage(props: { ctx: ViewContext; entries: InboxEntry[]; unread: number }) {
  return (
    <Layout ctx={props.ctx} title="通知" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '通知' }]}>
      <h1>通知{props.unread ? `（${props.unread} 条未读）` : ''}</h1>
      <p>
        <a href="/staff/account/notifications">通知设置</a>：选择哪些通知同时发到您的电子邮箱。
      </p>
      {props.entries.length ? (
        <>
          {props.unread ? (
            <form method="post" action="/staff/inbox/read">
              <CsrfField ctx={props.ctx} />
              <button type="submit" class="button secondary">
                全部标为已读
              </button>
            </form>
          ) : null}
          <ul class="inbox">
            {props.entries.map((e) => (
              <li class={e.read_at ? 'read' : 'unread'}>
                <form method="post" action="/staff/inbox/read" class="inline">
                  <CsrfField ctx={props.ctx} />
                  <input type="hidden" name="id" value={String(e.id)} />
                  <button type="submit" class="link-button">
                    {e.read_at ? '' : <strong>未读 </strong>}
                    {STAFF_KINDS[e.kind as keyof typeof STAFF_KINDS] ?? e.kind}：{e.title}
                  </button>
                </form>
                <span class="meta">{chinaDateTime(e.created_at)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>暂无通知。</p>
      )}
    </Layout>
  );
}

export function NotificationSettingsPage(props: {
  ctx: ViewContext;
  values: { email: string; kinds: string[] };
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const chosen = new Set(props.values.kinds);
  return (
    <Layout ctx={props.ctx} title="通知设置" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '通知', href: '/staff/inbox' }, { label: '通知设置' }]}>
      <h1>通知设置</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <p>所有通知都会出现在工作台的“通知”中。勾选的种类还会发到下面的电子邮箱。</p>
      <form method="post" action="/staff/account/notifications">
        <CsrfField ctx={props.ctx} />
        <Field name="email" label="接收通知的电子邮箱" type="email" value={props.values.email} error={props.errors.email} autocomplete="email" />
        <fieldset class="field">
          <legend>同时发邮件的通知</legend>
          {Object.entries(STAFF_KINDS).map(([k, label]) => (
            <label class="check">
              <input type="checkbox" name="kinds" value={k} checked={chosen.has(k)} /> {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}
