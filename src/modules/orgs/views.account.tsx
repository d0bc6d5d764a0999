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

export function TotpPage(props: { ctx: ViewContext; enabled: boolean; required: boolean; svg?: string; secret?: string; errors: Record<string, string>; message?: string }) {
  const e = props.errors;
  return (
    <Layout ctx={props.ctx} title="动态验证码" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '动态验证码' }]}>
      <h1>动态验证码（双因素登录）</h1>
      {props.enabled ? (
        <p class="notice" role="status">
          已启用：登录时在密码之后输入验证器上的6位动态验证码。手机丢失时请联系管理员重置。
        </p>
      ) : (
        <>
          {props.required ? <p class="notice">管理员账号须启用动态验证码后才能继续工作。</p> : null}
          <ol>
            <li>在手机上安装身份验证器应用（支持 TOTP 的均可）。</li>
            <li>用它扫描下面的二维码；不能扫码时，手动输入密钥。</li>
            <li>输入应用上显示的6位数字，完成设置。</li>
          </ol>
          {/* The QR code is an SVG made on the server from our own text: no script, nothing the user supplied. */}
          <div class="qr" role="img" aria-label="用于身份验证器应用的二维码" dangerouslySetInnerHTML={{ __html: props.svg ?? '' }} />
          <p>
            密钥：<code>{props.secret}</code>
          </p>
          <ErrorSummary errors={e} message={props.message} />
          <form method="post" action="/staff/account/totp">
            <CsrfField ctx={props.ctx} />
            <Field name="code" label="动态验证码（6位数字）" error={e.code} required autocomplete="one-time-code" />
            <button type="submit" class="button">
              启用
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
