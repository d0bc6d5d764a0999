/** Account screens: changing one's password, and an administrator's actions on a user. */
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../views/layout.tsx';
import { PASSWORD_RULES } from './passwordPolicy.ts';

export function PasswordPage(props: { ctx: ViewContext; required: boolean; errors: Record<string, string>; message?: string; notice?: string }) {
  const e = props.errors;
  return (
    <Layout ctx={props.ctx} title="修改密码" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '修改密码' }]}>
      <h1>修改密码</h1>
      {props.required ? <p class="notice">您的密码是临时或公开的演示密码，请先设置新密码，再继续工作。</p> : null}
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action="/staff/account/password">
        <CsrfField ctx={props.ctx} />
        <Field name="current" label="当前密码" type="password" error={e.current} required autocomplete="current-password" />
        <Field name="next" label="新密码" type="password" error={e.next} hint={PASSWORD_RULES} required autocomplete="new-password" />
        <Field name="confirm" label="再次输入新密码" type="password" error={e.confirm} required autocomplete="new-password" />
        <button type="submit" class="button">
          保存新密码
        </button>
      </form>
      <p>保存后，您在其他设备上的登录会全部退出。</p>
    </Layout>
  );
}

export function UserActionsPage(props: {
  ctx: ViewContext;
  user: { id: number; username: string; display_name: string; active: boolean; disabled_reason: string; must_change_password: boolean };
  temporaryPassword?: string;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const u = props.user;
  const e = props.errors;
  return (
    <Layout
      ctx={props.ctx}
      title={`账号：${u.display_name}`}
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '用户与角色', href: '/staff/users' }, { label: u.display_name }]}
    >
      <h1>
        账号：{u.display_name}（{u.username}）
      </h1>
      <p>
        状态：{u.active ? '正常' : `已停用（${u.disabled_reason}）`}
        {u.must_change_password ? '；下次登录须修改密码' : ''}
      </p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.temporaryPassword ? (
        <p class="notice" role="status">
          临时密码：<code>{props.temporaryPassword}</code>（只显示这一次，请当面或通过安全渠道交给本人；本人登录后须立即修改）
        </p>
      ) : null}
      <ErrorSummary errors={e} message={props.message} />
      <h2>重置密码</h2>
      <form method="post" action={`/staff/users/${u.id}/reset`}>
        <CsrfField ctx={props.ctx} />
        <p>生成一个临时密码，并结束该用户的全部登录。</p>
        <button type="submit" class="button secondary">
          重置密码
        </button>
      </form>
      <h2>{u.active ? '停用账号' : '启用账号'}</h2>
      <form method="post" action={`/staff/users/${u.id}/${u.active ? 'disable' : 'enable'}`}>
        <CsrfField ctx={props.ctx} />
        {u.active ? <Field name="reason" label="停用原因" error={e.reason} hint="如调离、离职；账号不会删除，其操作记录保留" required /> : null}
        <button type="submit" class="button secondary">
          {u.active ? '停用' : '启用'}
        </button>
      </form>
    </Layout>
  );
}
