import type { AppError } from '../../lib/errors.ts';
import { ROLE_LABELS } from '../../lib/authz.ts';
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../views/layout.tsx';
import { API_SCOPES } from './commands/createApiToken.ts';
import type { UnitRow } from './queries.ts';
import { UNIT_KINDS, UNIT_LEVELS } from './schema.ts';
import { PASSWORD_RULES } from './passwordPolicy.ts';

export function LoginPage(props: { ctx: ViewContext; next: string; values: { username?: string }; error?: AppError; ticket?: string }) {
  const fields = props.error?.fields ?? {};
  // The second step asks only for the code; the first step's result travels in the signed ticket.
  const second = !!props.ticket;
  return (
    <Layout ctx={props.ctx} title="工作人员登录">
      <h1>工作人员登录</h1>
      {second && props.error?.code === 'TOTP_REQUIRED' && !/不正确/.test(props.error.message) ? (
        <p class="notice">{props.error.message}</p>
      ) : (
        <ErrorSummary errors={fields} message={props.error?.message} />
      )}
      <form method="post" action="/login" class="narrow">
        <CsrfField ctx={props.ctx} />
        <input type="hidden" name="next" value={props.next} />
        {second ? (
          <>
            <input type="hidden" name="username" value={props.values.username} />
            <input type="hidden" name="ticket" value={props.ticket} />
            <Field name="code" label="动态验证码（6位数字）" autocomplete="one-time-code" required />
          </>
        ) : (
          <>
            <Field name="username" label="用户名" value={props.values.username} error={fields.username} autocomplete="username" />
            <Field name="password" label="密码" type="password" error={fields.password} autocomplete="current-password" />
          </>
        )}
        <button type="submit" class="button">
          登录
        </button>
      </form>
    </Layout>
  );
}

export function UnitsPage(props: { ctx: ViewContext; units: (UnitRow & { depth: number })[]; canEdit: (path: string) => boolean }) {
  return (
    <Layout ctx={props.ctx} title="单位与指南" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '单位与指南' }]}>
      <h1>单位与指南</h1>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">机构代码</th>
            <th scope="col">层级</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td style={undefined} class={`depth-${Math.min(u.depth, 3)}`}>
                {u.name}
              </td>
              <td>{u.code}</td>
              <td>
                {UNIT_LEVELS[u.level]}
                {UNIT_KINDS[u.kind]}
              </td>
              <td>
                <a href={`/xxgk/${u.slug}`}>公开专栏</a>
                {props.canEdit(u.path) ? (
                  <>
                    {' '}
                    <a href={`/staff/units/${u.id}/edit`}>编辑</a> <a href={`/staff/units/${u.id}/sections`}>栏目设置</a>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function UnitEditPage(props: {
  ctx: ViewContext;
  unit: UnitRow;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  officials: { values: Record<string, string>; errors: Record<string, string>; message?: string; changedOn?: string };
  notice?: string;
}) {
  const o = props.officials;
  const v = props.values;
  const e = props.errors;
  return (
    <Layout
      ctx={props.ctx}
      title={`编辑 ${props.unit.name}`}
      staff
      crumbs={[{ label: '工作台', href: '/staff' }, { label: '单位与指南', href: '/staff/units' }, { label: props.unit.name }]}
    >
      <h1>编辑单位信息</h1>
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action={`/staff/units/${props.unit.id}/edit`}>
        <CsrfField ctx={props.ctx} />
        <Field name="name" label="机构全称" value={v.name} error={e.name} required />
        <Field name="shortName" label="简称" value={v.short_name} error={e.shortName} required />
        <Field name="code" label="机构代码（用于索引号）" value={v.code} error={e.code} hint="8至9位组织机构代码或18位统一社会信用代码" required />
        <Field name="creditCode" label="统一社会信用代码" value={v.credit_code} error={e.creditCode} />
        <fieldset>
          <legend>政府信息公开工作机构（条例第十二条）</legend>
          <Field name="officeName" label="机构名称" value={v.office_name} error={e.officeName} />
          <Field name="address" label="办公地址" value={v.address} error={e.address} />
          <Field name="officeHours" label="办公时间" value={v.office_hours} error={e.officeHours} />
          <Field name="phone" label="联系电话" value={v.phone} error={e.phone} />
          <Field name="fax" label="传真号码" value={v.fax} error={e.fax} />
          <Field name="webContact" label="互联网联系方式" value={v.web_contact} error={e.webContact} />
          <Field name="email" label="电子邮箱" value={v.email} error={e.email} />
          <Field name="postcode" label="邮政编码" value={v.postcode} error={e.postcode} />
        </fieldset>
        <Field name="guideText" label="指南正文（信息分类、编排体系、获取方式）" value={v.guide_text} error={e.guideText} textarea rows={10} />
        <button type="submit" class="button">
          保存
        </button>
      </form>
      <h2 id="officials">政务公开工作人员</h2>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <p>分管负责人在政府信息公开指南中公布；公开办负责人和联络员仅供内部联系。{o.changedOn ? `最近一次变更：${o.changedOn}。` : '尚未填写。'}</p>
      <ErrorSummary errors={o.errors} message={o.message} idPrefix="o" />
      <form method="post" action={`/staff/units/${props.unit.id}/officials`}>
        <CsrfField ctx={props.ctx} />
        <fieldset>
          <legend>分管政务公开工作的负责人（公开）</legend>
          <Field idPrefix="o" name="leaderName" label="姓名" value={o.values.leaderName} error={o.errors.leaderName} />
          <Field idPrefix="o" name="leaderPost" label="职务" value={o.values.leaderPost} error={o.errors.leaderPost} />
        </fieldset>
        <fieldset>
          <legend>政务公开办公室负责人（内部）</legend>
          <Field idPrefix="o" name="headName" label="姓名" value={o.values.headName} error={o.errors.headName} />
          <Field idPrefix="o" name="headPost" label="职务" value={o.values.headPost} error={o.errors.headPost} />
          <Field idPrefix="o" name="headPhone" label="联系电话" type="tel" value={o.values.headPhone} error={o.errors.headPhone} />
        </fieldset>
        <Field idPrefix="o" name="liaisons" label="联络员（内部；每行一人：姓名 职务 电话）" textarea rows={4} value={o.values.liaisons} error={o.errors.liaisons} />
        <button type="submit" class="button">
          保存工作人员
        </button>
      </form>
    </Layout>
  );
}

export function UsersPage(props: {
  ctx: ViewContext;
  users: { id: number; username: string; display_name: string; unit_name: string; active: boolean; roles: string | null }[];
  units: (UnitRow & { depth: number })[];
  values: Record<string, unknown>;
  errors: Record<string, string>;
  message?: string;
}) {
  const v = props.values as Record<string, string>;
  const e = props.errors;
  const unitOptions = props.units.map((u) => ({ value: String(u.id), label: `${'　'.repeat(u.depth)}${u.name}` }));
  const chosen = new Set(Array.isArray(props.values.roles) ? (props.values.roles as string[]) : props.values.roles ? [String(props.values.roles)] : []);
  return (
    <Layout ctx={props.ctx} title="用户与角色" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '用户与角色' }]}>
      <h1>用户与角色</h1>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">用户名</th>
            <th scope="col">姓名</th>
            <th scope="col">单位</th>
            <th scope="col">角色@范围</th>
          </tr>
        </thead>
        <tbody>
          {props.users.map((u) => (
            <tr>
              <td>
                <a href={`/staff/users/${u.id}`}>{u.username}</a>
                {u.active ? '' : '（已停用）'}
              </td>
              <td>{u.display_name}</td>
              <td>{u.unit_name}</td>
              <td>
                {(u.roles ?? '').replace(/system_admin|office_admin|publisher|secrecy_reviewer|reviewer|request_officer/g, (r) => ROLE_LABELS[r as keyof typeof ROLE_LABELS])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>新建用户</h2>
      <ErrorSummary errors={e} message={props.message} />
      <form method="post" action="/staff/users">
        <CsrfField ctx={props.ctx} />
        <Field name="username" label="用户名" value={v.username} error={e.username} required />
        <Field name="displayName" label="姓名" value={v.displayName} error={e.displayName} required />
        <Select name="unitId" label="所属单位" options={unitOptions} value={v.unitId} error={e.unitId} required blank="请选择" />
        <Field name="password" label="初始密码" type="password" error={e.password} hint={`${PASSWORD_RULES}本人首次登录时须修改。`} required autocomplete="new-password" />
        <fieldset id="f-grants">
          <legend>角色</legend>
          {e.grants ? <p class="error-message">{e.grants}</p> : null}
          {Object.entries(ROLE_LABELS).map(([role, label]) => (
            <label class="checkbox">
              <input type="checkbox" name="roles" value={role} checked={chosen.has(role)} /> {label}
            </label>
          ))}
        </fieldset>
        <Select name="roleUnitId" label="角色适用范围（该单位及其下级）" options={unitOptions} value={v.roleUnitId} blank="与所属单位相同" />
        <button type="submit" class="button">
          创建用户
        </button>
      </form>
    </Layout>
  );
}

export function TokensPage(props: {
  ctx: ViewContext;
  tokens: { id: number; name: string; unit_name: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }[];
  units: (UnitRow & { depth: number })[];
  errors: Record<string, string>;
  message?: string;
  created?: string;
  values?: Record<string, unknown>;
}) {
  const v = (props.values ?? {}) as Record<string, string>;
  return (
    <Layout ctx={props.ctx} title="接口令牌" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '接口令牌' }]}>
      <h1>接口令牌</h1>
      {props.created ? (
        <div class="notice" role="status">
          <p>令牌已创建。请立即复制保存，此页面关闭后将无法再次查看：</p>
          <p>
            <code class="token">{props.created}</code>
          </p>
          <p>
            <a href="/staff/tokens">返回令牌列表</a>
          </p>
        </div>
      ) : null}
      {props.tokens.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">名称</th>
              <th scope="col">单位</th>
              <th scope="col">权限</th>
              <th scope="col">最后使用</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((t) => (
              <tr>
                <td>{t.name}</td>
                <td>{t.unit_name}</td>
                <td>{t.scopes.join('，')}</td>
                <td>{t.last_used_at ? t.last_used_at.toISOString().slice(0, 16).replace('T', ' ') : '从未'}</td>
                <td>
                  {t.revoked_at ? (
                    '已吊销'
                  ) : (
                    <form method="post" action={`/staff/tokens/${t.id}/revoke`} class="inline">
                      <CsrfField ctx={props.ctx} />
                      <button type="submit" class="link-button">
                        吊销
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {props.created ? null : (
        <>
          <h2>新建令牌</h2>
          <ErrorSummary errors={props.errors} message={props.message} />
          <form method="post" action="/staff/tokens">
            <CsrfField ctx={props.ctx} />
            <Field name="name" label="名称（如：某局OA系统）" value={v.name} error={props.errors.name} required />
            <Select
              name="unitId"
              label="单位"
              options={props.units.map((u) => ({ value: String(u.id), label: `${'　'.repeat(u.depth)}${u.name}` }))}
              value={v.unitId}
              error={props.errors.unitId}
              required
              blank="请选择"
            />
            <fieldset id="f-scopes">
              <legend>权限</legend>
              {props.errors.scopes ? <p class="error-message">{props.errors.scopes}</p> : null}
              {Object.entries(API_SCOPES).map(([s, label]) => (
                <label class="checkbox">
                  <input type="checkbox" name="scopes" value={s} /> {label}
                </label>
              ))}
            </fieldset>
            <button type="submit" class="button">
              创建令牌
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}
