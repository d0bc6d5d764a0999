/** Finding a lost query code again: the case and the contact, then the code sent there, then the new query code. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../../views/layout.tsx';
import { RECOVERY_MINUTES } from '../commands/recoverQueryCode.ts';

const crumbs = [{ label: '首页', href: '/' }, { label: '依申请公开', href: '/ysqgk' }, { label: '找回查询码' }];

export function RecoverPage(props: {
  ctx: ViewContext;
  step: 'contact' | 'code';
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const v = props.values;
  return (
    <Layout ctx={props.ctx} title="找回查询码" crumbs={crumbs}>
      <h1>找回查询码</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      {props.step === 'contact' ? (
        <>
          <p>填写申请编号和申请时留下的电子邮箱或手机号码，我们会把验证码发到那里。验证后，原查询码作废，您将得到一个新的查询码。</p>
          <form method="post" action="/ysqgk/recover" class="narrow">
            <CsrfField ctx={props.ctx} />
            <Field name="caseNo" label="申请编号" value={v.caseNo} error={props.errors.caseNo} required hint="如：YSQ2026000012" />
            <Field name="contact" label="申请时留下的电子邮箱或手机号码" value={v.contact} error={props.errors.contact} required autocomplete="email" />
            <button type="submit" class="button">
              发送验证码
            </button>
          </form>
          <p>没有留电子邮箱，手机也收不到短信？请带身份证件联系受理机关，或拨打政府信息公开指南上的电话。</p>
        </>
      ) : (
        <form method="post" action="/ysqgk/recover/verify" class="narrow">
          <CsrfField ctx={props.ctx} />
          <Field name="caseNo" label="申请编号" value={v.caseNo} error={props.errors.caseNo} required />
          <Field name="code" label={`6 位验证码（${RECOVERY_MINUTES} 分钟内有效）`} value="" error={props.errors.code} required autocomplete="one-time-code" inputmode="numeric" />
          <button type="submit" class="button">
            验证并设置新查询码
          </button>
          <p>
            <a href="/ysqgk/recover">重新获取验证码</a>
          </p>
        </form>
      )}
    </Layout>
  );
}

export function NewQueryCodePage(props: { ctx: ViewContext; caseNo: string; queryCode: string }) {
  return (
    <Layout ctx={props.ctx} title="新的查询码" crumbs={crumbs}>
      <h1>已设置新的查询码</h1>
      <div class="receipt">
        <p>
          申请编号：<strong>{props.caseNo}</strong>
        </p>
        <p>
          新查询码：<strong>{props.queryCode}</strong>
        </p>
        <p>原查询码已作废。新查询码只显示这一次，请记下或截图保存。</p>
      </div>
      <p>
        <a class="button" href="/ysqgk/case">
          查看办理进度
        </a>
      </p>
    </Layout>
  );
}
