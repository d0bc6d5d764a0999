/** Staff registering a letter, a call or a visit as a message, and the receipt to give the writer. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { CATEGORIES, MESSAGE_TYPES } from '../rules.ts';

const crumbs = (last: string) => [{ label: '工作台', href: '/staff' }, { label: '留言办理', href: '/staff/messages' }, { label: last }];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const STAFF_CHANNELS = { letter: '来信', phone: '来电', visit: '来访' };

export function RegisterPage(p: { ctx: ViewContext; units: { id: number; name: string }[]; values: Record<string, string>; errors: Record<string, string>; message?: string }) {
  const v = p.values;
  const e = p.errors;
  return (
    <Layout ctx={p.ctx} title="登记来信、来电、来访" staff crumbs={crumbs('登记')}>
      <h1>登记来信、来电、来访</h1>
      <p>登记后得到留言编号和查询码，请告诉来信来电人，凭它们在网上查询办理进度和答复。</p>
      <ErrorSummary errors={e} message={p.message} />
      <form method="post" action="/staff/messages/new">
        <CsrfField ctx={p.ctx} />
        <Select name="channel" label="渠道" options={opts(STAFF_CHANNELS)} value={v.channel} error={e.channel} required blank="请选择" />
        <Field name="receivedOn" label="收到日期" type="date" value={v.receivedOn} error={e.receivedOn} required />
        <Select name="unitId" label="收到的单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={e.unitId} required />
        <Select name="type" label="类型" options={opts(MESSAGE_TYPES)} value={v.type} error={e.type} required blank="请选择" />
        <Select name="category" label="领域（可不选）" options={CATEGORIES.map((c) => ({ value: c, label: c }))} value={v.category} error={e.category} blank="不清楚" />
        <Field name="area" label="区域（可不填）" value={v.area} error={e.area} />
        <Field name="title" label="标题" value={v.title} error={e.title} required />
        <Field name="body" label="内容" textarea rows={8} value={v.body} error={e.body} required hint="来电、来访的，记录诉求要点" />
        <Field name="writerName" label="姓名（可不填）" value={v.writerName} error={e.writerName} />
        <Field name="contact" label="手机号或电子邮箱（可不填）" value={v.contact} error={e.contact} hint="填了的，留言编号、查询码和答复会发给对方" />
        <div class="field checkbox">
          <input id="f-consentPublish" type="checkbox" name="consentPublish" value="1" checked={v.consentPublish === '1'} />
          <label for="f-consentPublish">对方同意答复后公开（隐去个人信息）</label>
        </div>
        <button type="submit" class="button">
          登记
        </button>
      </form>
    </Layout>
  );
}

export function RegisteredPage(p: { ctx: ViewContext; id: number; caseNo: string; queryCode: string; unitName: string; dueOn: string }) {
  return (
    <Layout ctx={p.ctx} title="已登记" staff crumbs={crumbs('已登记')}>
      <h1>已登记</h1>
      <div class="notice" role="status">
        <p>
          留言编号：<strong>{p.caseNo}</strong>
        </p>
        <p>
          查询码：<strong>{p.queryCode}</strong>
        </p>
      </div>
      <p>
        请把留言编号和查询码告诉对方（查询码只显示这一次）。由{p.unitName}办理，{p.dueOn}前答复。
      </p>
      <p class="button-row">
        <a href={`/staff/messages/${p.id}`}>打开这条留言</a>
        <a href="/staff/messages/new">再登记一条</a>
      </p>
    </Layout>
  );
}
