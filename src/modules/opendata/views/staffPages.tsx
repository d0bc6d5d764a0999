/** Staff screens of the data catalogue: the datasets of one's units, and one dataset's form, resources and review. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { EventLog, ReviewControls } from '../../../views/review.tsx';
import type { CatalogueItemRow, DatasetRow, ResourceRow } from '../queries.ts';
import { CatalogueItemSelect } from '../../../views/catalogueItemSelect.tsx';
import { FREQUENCIES, LICENCES, OPENNESS, STATE_LABELS } from '../rules.ts';

const crumbs = (last?: string) => [{ label: '工作台', href: '/staff' }, ...(last ? [{ label: '开放数据', href: '/staff/data' }, { label: last }] : [{ label: '开放数据' }])];
const EVENTS: Record<string, string> = {
  created: '新建',
  saved: '修改',
  resource_added: '添加资源',
  resource_removed: '移出资源',
  submitted: '送审',
  published: '审核发布',
  returned: '退回修改',
  withdrawn: '撤回',
};

export function DatasetsPage(p: { ctx: ViewContext; rows: DatasetRow[] }) {
  return (
    <Layout ctx={p.ctx} title="开放数据" staff crumbs={crumbs()}>
      <h1>开放数据</h1>
      <p class="button-row">
        <a class="button" href="/staff/data/new">
          新建数据集
        </a>
        <a href="/staff/data/applications">有条件开放申请</a>
        <a href="/staff/data/demands">数据需求和意见</a>
        <a href="/staff/data/assessment">数据开放自评</a>
        <a href="/sjkf">公开页面</a>
      </p>
      {p.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">本单位的数据集</caption>
          <thead>
            <tr>
              <th scope="col">数据集</th>
              <th scope="col">提供单位</th>
              <th scope="col">开放属性</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((d) => (
              <tr>
                <td>
                  <a href={`/staff/data/${d.id}`}>{d.metadata.title}</a>
                </td>
                <td>{d.unit_name}</td>
                <td>{OPENNESS[d.metadata.openness]}</td>
                <td>
                  {STATE_LABELS[d.state]}
                  {d.state !== 'published' && d.published_version && d.state !== 'withdrawn' ? `（第${d.published_version}版仍公开）` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有数据集。</p>
      )}
    </Layout>
  );
}

export function DatasetEditPage(p: {
  ctx: ViewContext;
  d?: DatasetRow;
  units: { id: number; name: string }[];
  areas: { code: string; name: string }[];
  resources: ResourceRow[];
  catalogueChoices: CatalogueItemRow[];
  catalogueKeys: string[];
  events: { kind: string; at: Date; actor_label: string }[];
  mayEdit: boolean;
  mayReview: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { d } = p;
  const m = d?.metadata;
  const v = p.values;
  const er = p.errors;
  const val = (k: string, fallback: string | undefined) => v[k] ?? fallback ?? '';
  const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
  const title = m?.title ?? '新建数据集';
  return (
    <Layout ctx={p.ctx} title={title} staff crumbs={crumbs(d ? m!.title : '新建')}>
      <h1>{title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      <ErrorSummary errors={er} message={p.message} />
      {d ? (
        <p>
          状态：{STATE_LABELS[d.state]}
          {d.published_version ? `；已发布第${d.published_version}版（` : ''}
          {d.published_version ? <a href={`/dataset/${d.name}`}>公开页面</a> : null}
          {d.published_version ? '）' : ''}
          {d.withdrawn_reason ? `；撤回理由：${d.withdrawn_reason}` : ''}
        </p>
      ) : null}
      {p.mayEdit && d?.state !== 'withdrawn' ? (
        <form method="post" action={d ? `/staff/data/${d.id}` : '/staff/data/new'} aria-labelledby="meta-h">
          <h2 id="meta-h">元数据</h2>
          <CsrfField ctx={p.ctx} />
          {d ? (
            <input type="hidden" name="unitId" value={String(d.unit_id)} />
          ) : (
            <Select name="unitId" label="提供单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={er.unitId} />
          )}
          {d?.published_version ? (
            <input type="hidden" name="name" value={d.name} />
          ) : (
            <Field
              name="name"
              label="标识符"
              value={val('name', d?.name)}
              error={er.name}
              required
              hint="小写字母、数字、连字符，如 dibao-monthly；用于网址和接口，发布后不能更改"
            />
          )}
          <Field name="title" label="数据集名称" value={val('title', m?.title)} error={er.title} required />
          <Field name="summary" label="摘要" textarea rows={4} value={val('summary', m?.summary)} error={er.summary} required />
          <Select
            name="areaCode"
            label="数据领域"
            options={p.areas.map((a) => ({ value: a.code, label: a.name }))}
            value={val('areaCode', m?.areaCode)}
            error={er.areaCode}
            blank="请选择"
          />
          <Field name="topic" label="主题（可不填）" value={val('topic', m?.topic)} error={er.topic} />
          <Field name="keywords" label="关键词（用逗号或顿号分隔）" value={val('keywords', m?.keywords.join('、'))} error={er.keywords} />
          <Select
            name="frequency"
            label="更新频率"
            options={Object.entries(FREQUENCIES).map(([value, f]) => ({ value, label: f.label }))}
            value={val('frequency', m?.frequency)}
            error={er.frequency}
            blank="请选择"
          />
          <Select name="openness" label="开放属性" options={opts(OPENNESS)} value={val('openness', m?.openness)} error={er.openness} blank="请选择" />
          <Field name="opennessReason" label="有条件开放或不予开放的理由和依据" value={val('opennessReason', m?.opennessReason)} error={er.opennessReason} />
          <Select
            name="licenceId"
            label="许可协议"
            options={LICENCES.map((l) => ({ value: l.id, label: l.title }))}
            value={val('licenceId', m?.licenceId ?? LICENCES[0].id)}
            error={er.licenceId}
          />
          <Field name="terms" label="使用条件（可不填）" textarea rows={2} value={val('terms', m?.terms)} error={er.terms} />
          <Field name="temporalStart" label="时间范围：起" type="date" value={val('temporalStart', m?.temporalStart)} error={er.temporalStart} />
          <Field name="temporalEnd" label="时间范围：止（持续更新的不填）" type="date" value={val('temporalEnd', m?.temporalEnd)} error={er.temporalEnd} />
          <Field name="spatial" label="空间范围" value={val('spatial', m?.spatial)} error={er.spatial} />
          <Field name="contactName" label="联系人或科室" value={val('contactName', m?.contactName)} error={er.contactName} required />
          <Field name="contactPhone" label="联系电话" value={val('contactPhone', m?.contactPhone)} error={er.contactPhone} />
          <Field name="contactEmail" label="联系邮箱" value={val('contactEmail', m?.contactEmail)} error={er.contactEmail} />
          <Field name="maintainer" label="元数据维护方" value={val('maintainer', m?.maintainer)} error={er.maintainer} required />
          <CatalogueItemSelect
            choices={p.catalogueChoices}
            selected={p.catalogueKeys}
            label="所属标准目录事项（可多选）"
            hint="提供单位已公布的标准目录中的事项；数据集页面链接到目录中的该事项"
            error={er.catalogueKeys}
          />
          {d?.published_version ? (
            <Field name="changeNote" label="变更说明（公开）" value={val('changeNote', d.change_note)} error={er.changeNote} hint="这次修改了什么，如：更新为3月数据" />
          ) : (
            <input type="hidden" name="changeNote" value="" />
          )}
          <button type="submit" class="button">
            保存
          </button>
        </form>
      ) : null}
      {d ? <Resources {...p} d={d} /> : null}
      {d ? (
        <>
          <ReviewControls ctx={p.ctx} base={`/staff/data/${d.id}`} state={d.state} mayEdit={p.mayEdit} mayReview={p.mayReview} noun="这个数据集" values={v} errors={er} />
          <EventLog events={p.events} labels={EVENTS} />
        </>
      ) : null}
    </Layout>
  );
}

function Resources(p: Parameters<typeof DatasetEditPage>[0] & { d: DatasetRow }) {
  const { d } = p;
  const er = p.errors;
  const v = p.values;
  return (
    <section aria-labelledby="res-h">
      <h2 id="res-h">数据资源</h2>
      {p.resources.length ? (
        <ul class="item-list">
          {p.resources.map((r) => (
            <li>
              {r.name}
              <span class="muted">
                {' '}
                {r.format}
                {r.row_count !== null ? ` · ${r.row_count} 行，${r.fields.length} 个数据项` : ''}
              </span>
              {p.mayEdit && d.state !== 'withdrawn' ? (
                <form method="post" action={`/staff/data/${d.id}/resources/remove`} class="inline">
                  <CsrfField ctx={p.ctx} />
                  <input type="hidden" name="resourceId" value={r.id} />
                  <button type="submit" class="link-button" aria-label={`移出“${r.name}”`}>
                    移出
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>还没有数据资源。</p>
      )}
      {p.mayEdit && d.state !== 'withdrawn' ? (
        <form method="post" action={`/staff/data/${d.id}/resources`} enctype="multipart/form-data" aria-labelledby="add-h">
          <h3 id="add-h">添加数据资源</h3>
          <CsrfField ctx={p.ctx} />
          <Field name="resourceName" label="资源名称" value={v.resourceName} error={er.resourceName} required />
          <Field name="description" label="说明（可不填）" value={v.description} error={er.description} />
          <div class={`field${er.file ? ' field-error' : ''}`}>
            <label for="f-file">文件</label>
            <p class="hint" id="f-file-hint">
              CSV（UTF-8 或 GBK）、XLSX 表格逐行入库，可预览、筛选和下载；JSON、GeoJSON、PDF 按原文件提供
            </p>
            {er.file ? (
              <p class="error-message" id="f-file-error">
                {er.file}
              </p>
            ) : null}
            <input id="f-file" name="file" type="file" accept=".csv,.xlsx,.json,.geojson,.pdf" aria-describedby={`f-file-hint${er.file ? ' f-file-error' : ''}`} />
          </div>
          <Field name="url" label="或者：数据地址（链接、接口）" value={v.url} error={er.url} />
          <Field
            name="dictionary"
            label="数据项说明（每行一个：列名|单位|说明）"
            textarea
            rows={4}
            value={v.dictionary}
            error={er.dictionary}
            hint="类型由数据自动识别；如“金额|元|当月发放总额”"
          />
          <button type="submit" class="button secondary">
            添加
          </button>
        </form>
      ) : null}
    </section>
  );
}
