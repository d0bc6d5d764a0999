/** Public pages of 有条件开放 applications and data demands: apply, receipt, follow and download, demands and answers. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { Pagination } from '../../../views/pagination.tsx';
import { ACCESS_STATE_LABELS, COMMITMENTS, DEMAND_KINDS, mayDownload } from '../access.ts';
import type { ApplicationRow } from '../applications.ts';
import type { DemandRow } from '../demands.ts';
import type { PublishedDataset, ResourceRow } from '../queries.ts';
import { CaseLookupForm } from '../../../views/caseLookupForm.tsx';

const crumbs = (...rest: { label: string; href?: string }[]) => [{ label: '首页', href: '/' }, { label: '数据开放', href: '/sjkf' }, ...rest];

interface FormProps {
  ctx: ViewContext;
  values: Record<string, string>;
  lists?: Record<string, string[]>;
  errors: Record<string, string>;
  message?: string;
}

export function ApplyPage(p: FormProps & { d: PublishedDataset; workingDays: number }) {
  const ticked = new Set(p.lists?.commitments ?? []);
  return (
    <Layout ctx={p.ctx} title={`申请获取：${p.d.metadata.title}`} crumbs={crumbs({ label: p.d.metadata.title, href: `/dataset/${p.d.name}` }, { label: '申请获取' })}>
      <h1>申请获取有条件开放数据</h1>
      <p>
        数据集：<a href={`/dataset/${p.d.name}`}>{p.d.metadata.title}</a>（{p.d.unit_name}提供）
      </p>
      <p>开放条件：{p.d.metadata.opennessReason || '须经提供单位审核同意'}</p>
      <p>
        {p.d.unit_name}自收到申请的次日起 {p.workingDays} 个工作日内作出决定。同意的，数据仅向您开放，凭申请编号和查询码下载。
      </p>
      <ErrorSummary errors={p.errors} message={p.message} />
      <form method="post" action={`/dataset/${p.d.name}/apply`} novalidate>
        <CsrfField ctx={p.ctx} />
        <Field name="applicantName" label="申请人（姓名或名称）" value={p.values.applicantName} error={p.errors.applicantName} required autocomplete="name" />
        <Field name="organisation" label="所在单位" value={p.values.organisation} error={p.errors.organisation} autocomplete="organization" />
        <Field name="creditCode" label="统一社会信用代码" value={p.values.creditCode} error={p.errors.creditCode} hint="以单位名义申请的填写，18位" autocomplete="off" />
        <Field
          name="contact"
          label="电子邮箱或手机号码"
          value={p.values.contact}
          error={p.errors.contact}
          required
          hint="决定和下载方式会发到这里；不会公开"
          autocomplete="email"
        />
        <Field name="purpose" label="数据用途和使用场景" textarea rows={5} value={p.values.purpose} error={p.errors.purpose} required />
        <Field
          name="securityMeasures"
          label="数据安全保障措施"
          textarea
          rows={4}
          value={p.values.securityMeasures}
          error={p.errors.securityMeasures}
          required
          hint="如存放环境、访问权限、使用人员范围、使用后删除的办法"
        />
        <fieldset class={p.errors.commitments ? 'field-error' : undefined} id="f-commitments">
          <legend>申请人承诺（须全部勾选）</legend>
          {p.errors.commitments ? <p class="error-message">{p.errors.commitments}</p> : null}
          {Object.entries(COMMITMENTS).map(([k, label]) => (
            <div class="field checkbox">
              <input id={`f-c-${k}`} type="checkbox" name="commitments" value={k} checked={ticked.has(k)} />
              <label for={`f-c-${k}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" class="button">
          提交申请
        </button>
      </form>
    </Layout>
  );
}

export function ApplyReceiptPage(p: { ctx: ViewContext; caseNo: string; queryCode: string; unitName: string; dueOn: string }) {
  return (
    <Layout ctx={p.ctx} title="申请已提交" crumbs={crumbs({ label: '申请已提交' })}>
      <h1>申请已提交</h1>
      <div class="notice" role="status">
        <p>
          申请编号：<strong>{p.caseNo}</strong>
        </p>
        <p>
          查询码：<strong>{p.queryCode}</strong>
        </p>
      </div>
      <p>
        请记下申请编号和查询码，凭它们在“<a href="/sjkf/sq/cx">有条件开放申请查询</a>”查看进度、取得答复书和下载数据。查询码只显示这一次。
      </p>
      <p>
        {p.unitName}将在{p.dueOn}前作出决定。
      </p>
    </Layout>
  );
}

function Hidden(p: { ctx: ViewContext; a: ApplicationRow; code: string }) {
  return (
    <>
      <CsrfField ctx={p.ctx} />
      <input type="hidden" name="caseNo" value={p.a.case_no} />
      <input type="hidden" name="queryCode" value={p.code} />
    </>
  );
}

export function FollowApplicationPage(p: FormProps & { a?: ApplicationRow; resources: ResourceRow[]; today: string; notice?: string }) {
  const { a } = p;
  const code = p.values.queryCode ?? '';
  return (
    <Layout ctx={p.ctx} title="有条件开放申请查询" crumbs={crumbs({ label: '有条件开放申请查询' })}>
      <h1>有条件开放申请查询</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {a ? (
        <>
          <dl class="facts">
            <dt>申请编号</dt>
            <dd>{a.case_no}</dd>
            <dt>数据集</dt>
            <dd>
              <a href={`/dataset/${a.dataset_name}`}>{a.dataset_title}</a>
            </dd>
            <dt>状态</dt>
            <dd>{ACCESS_STATE_LABELS[a.state]}</dd>
            <dt>审核单位</dt>
            <dd>{a.unit_name}</dd>
            <dt>收到申请</dt>
            <dd>{a.received_on}</dd>
            {a.state === 'received' ? (
              <>
                <dt>决定期限</dt>
                <dd>{a.due_on}</dd>
              </>
            ) : null}
            {a.decided_on ? (
              <>
                <dt>决定日期</dt>
                <dd>{a.decided_on}</dd>
              </>
            ) : null}
            {a.state === 'granted' ? (
              <>
                <dt>使用期限</dt>
                <dd>至 {a.granted_until}</dd>
                {a.conditions ? (
                  <>
                    <dt>使用条件</dt>
                    <dd>{a.conditions}</dd>
                  </>
                ) : null}
              </>
            ) : null}
            {a.state === 'refused' ? (
              <>
                <dt>不予开放的理由</dt>
                <dd>{a.decision_reason}</dd>
              </>
            ) : null}
          </dl>
          {a.decided_on ? (
            <form method="post" action="/sjkf/sq/letter">
              <Hidden ctx={p.ctx} a={a} code={code} />
              <button type="submit" class="button secondary">
                下载答复书（PDF）
              </button>
            </form>
          ) : null}
          {mayDownload(a, p.today) ? (
            <section aria-labelledby="dl-h">
              <h2 id="dl-h">下载数据</h2>
              <p>数据仅向您开放，请遵守承诺和使用条件，勿转发。</p>
              <ul class="plain">
                {p.resources
                  .filter((r) => r.row_count !== null)
                  .map((r) => (
                    <li>
                      {r.name}（{r.row_count} 行）
                      {(['csv', 'xlsx', 'json'] as const).map((f) => (
                        <form method="post" action="/sjkf/sq/download" class="inline">
                          <Hidden ctx={p.ctx} a={a} code={code} />
                          <input type="hidden" name="resourceId" value={r.id} />
                          <input type="hidden" name="format" value={f} />
                          <button type="submit" class="button secondary" aria-label={`下载${r.name}（${f.toUpperCase()}）`}>
                            {f.toUpperCase()}
                          </button>
                        </form>
                      ))}
                    </li>
                  ))}
              </ul>
            </section>
          ) : a.state === 'granted' ? (
            <p>使用期限已过，如需继续使用请重新申请。</p>
          ) : null}
          {a.state === 'received' ? (
            <form method="post" action="/sjkf/sq/withdraw">
              <Hidden ctx={p.ctx} a={a} code={code} />
              <button type="submit" class="button secondary">
                撤回申请
              </button>
            </form>
          ) : null}
        </>
      ) : (
        <>
          <ErrorSummary errors={p.errors} message={p.message} />
          <CaseLookupForm ctx={p.ctx} action="/sjkf/sq/cx" caseLabel="申请编号" example="SJSQ2026000001" values={p.values} errors={p.errors} />
        </>
      )}
    </Layout>
  );
}

export function DemandsPage(p: { ctx: ViewContext; rows: DemandRow[]; answered: number; open: number; page: number; pageSize: number }) {
  return (
    <Layout ctx={p.ctx} title="数据需求和意见" crumbs={crumbs({ label: '需求反馈' })}>
      <h1>数据需求和意见</h1>
      <p>
        需要尚未开放的数据，或对已开放的数据集有意见，可以<a href="/sjkf/xqfk/new">提出需求</a>
        ，提供单位在规定的工作日内答复，答复在这里公开（不公开您的姓名和联系方式）。
      </p>
      <p>
        已公开答复 {p.answered} 件，办理中 {p.open} 件。
      </p>
      {p.rows.map((m) => (
        <article class="demand" id={m.case_no}>
          <h2>{m.title}</h2>
          <p class="meta">
            {m.case_no} · {DEMAND_KINDS[m.kind]} · {m.received_on} 提出 · {m.unit_name} {m.answered_on} 答复
            {m.dataset_name ? (
              <>
                {' '}
                · 数据集 <a href={`/dataset/${m.dataset_name}`}>{m.dataset_title}</a>
              </>
            ) : null}
          </p>
          {m.body.split('\n').map((t) => (
            <p>{t}</p>
          ))}
          <h3>答复</h3>
          {m.answer.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </article>
      ))}
      <Pagination base="/sjkf/xqfk" params={{}} page={p.page} pageSize={p.pageSize} total={p.answered} />
    </Layout>
  );
}

export function DemandFormPage(p: FormProps & { units: { id: number; name: string }[]; dataset?: PublishedDataset; workingDays: number }) {
  return (
    <Layout ctx={p.ctx} title="提出数据需求" crumbs={crumbs({ label: '需求反馈', href: '/sjkf/xqfk' }, { label: '提出需求' })}>
      <h1>{p.dataset ? `对「${p.dataset.metadata.title}」提意见或需求` : '提出数据需求'}</h1>
      <p>提供单位自收到的次日起 {p.workingDays} 个工作日内答复。标题、内容和答复会公开，请不要写入身份证号、电话等个人信息。</p>
      <ErrorSummary errors={p.errors} message={p.message} />
      <form method="post" action="/sjkf/xqfk/new" novalidate>
        <CsrfField ctx={p.ctx} />
        {p.dataset ? (
          <>
            <input type="hidden" name="datasetName" value={p.dataset.name} />
            <Select
              name="kind"
              label="类型"
              options={Object.entries(DEMAND_KINDS).map(([value, label]) => ({ value, label }))}
              value={p.values.kind ?? 'comment'}
              error={p.errors.kind}
              required
            />
          </>
        ) : (
          <>
            <input type="hidden" name="kind" value="new_data" />
            <Select
              name="unitId"
              label="向哪个单位提出"
              options={p.units.map((u) => ({ value: String(u.id), label: u.name }))}
              value={p.values.unitId}
              error={p.errors.unitId}
              blank="请选择"
              required
            />
          </>
        )}
        <Field name="title" label="标题" value={p.values.title} error={p.errors.title} required />
        <Field name="body" label="需要什么数据、用来做什么" textarea rows={6} value={p.values.body} error={p.errors.body} required />
        <Field name="writerName" label="您的称呼" value={p.values.writerName} error={p.errors.writerName} hint="不公开" autocomplete="name" />
        <Field name="contact" label="电子邮箱或手机号码" value={p.values.contact} error={p.errors.contact} hint="答复会发到这里；不公开" autocomplete="email" />
        <button type="submit" class="button">
          提交
        </button>
      </form>
    </Layout>
  );
}

export function DemandReceiptPage(p: { ctx: ViewContext; caseNo: string; unitName: string; dueOn: string }) {
  return (
    <Layout ctx={p.ctx} title="需求已提交" crumbs={crumbs({ label: '需求反馈', href: '/sjkf/xqfk' }, { label: '已提交' })}>
      <h1>需求已提交</h1>
      <div class="notice" role="status">
        <p>
          编号：<strong>{p.caseNo}</strong>
        </p>
      </div>
      <p>
        {p.unitName}将在{p.dueOn}前答复，答复公开在<a href="/sjkf/xqfk">数据需求和意见</a>。
      </p>
    </Layout>
  );
}
