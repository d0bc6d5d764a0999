/** Staff screens of the knowledge base: the entries of one's units, and one entry's form and review. */
import type { ViewContext } from '../../../views/context.ts';
import { CatalogueItemSelect } from '../../../views/catalogueItemSelect.tsx';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { EventLog, ReviewControls } from '../../../views/review.tsx';
import type { CatalogueItemChoice, EntryRow, SourceRow } from '../queries.ts';
import { ANSWER_CLASSES, STATE_LABELS } from '../rules.ts';

const crumbs = (last?: string) => [{ label: '工作台', href: '/staff' }, ...(last ? [{ label: '政策问答库', href: '/staff/answers' }, { label: last }] : [{ label: '政策问答库' }])];
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

export function ListPage(p: { ctx: ViewContext; rows: (EntryRow & { needsReview: string | null })[]; today: string; hints: Record<string, number> }) {
  return (
    <Layout ctx={p.ctx} title="政策问答库" staff crumbs={crumbs()}>
      <h1>政策问答库</h1>
      <p class="button-row">
        <a class="button" href="/staff/answers/new">
          新增问答
        </a>
        <a href="/staff/answers/import">导入</a>
        <a href="/staff/answers/export.xlsx">导出</a>
        <a href="/hdjl/wd">公开页面</a>
      </p>
      <p class="hint">
        近30天，搜索页先给出问答 {p.hints['search.shown'] ?? 0} 次，点开 {p.hints['search.opened'] ?? 0} 次；依申请公开页“先查一查”找到问答 {p.hints['request.shown'] ?? 0} 次，点开{' '}
        {p.hints['request.opened'] ?? 0} 次。
      </p>
      {p.rows.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">问题</th>
              <th scope="col">单位</th>
              <th scope="col">状态</th>
              <th scope="col">复核</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((r) => (
              <tr>
                <td>
                  <a href={`/staff/answers/${r.id}`}>{r.question}</a>
                </td>
                <td>{r.unit_name}</td>
                <td>
                  {STATE_LABELS[r.state]}
                  {r.state !== 'published' && r.published_version && r.state !== 'withdrawn' ? '（已发布的版本仍公开）' : ''}
                </td>
                <td>{r.needsReview ? <strong>需复核：{r.needsReview}</strong> : r.review_by < p.today ? <strong>复核已逾期（{r.review_by}）</strong> : r.review_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有问答。</p>
      )}
    </Layout>
  );
}

export function EntryPage(p: {
  ctx: ViewContext;
  e?: EntryRow;
  units: { id: number; name: string }[];
  allUnits: { id: number; name: string }[];
  sources: SourceRow[];
  /** The working copy's sources as the form takes them (索引号). */
  sourceRefs: string[];
  /** The catalogue items the entry may be filed under (its unit's, or the editor's units' for a new entry). */
  catalogueChoices: CatalogueItemChoice[];
  /** The ticked ones ('area|key'), as saved or as just posted. */
  catalogueKeys: string[];
  needsReview: string | null;
  mayEdit: boolean;
  mayReview: boolean;
  events: { kind: string; at: Date; actor_label: string }[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const e = p.e;
  const v = p.values;
  const er = p.errors;
  const val = (k: string, fallback: string) => v[k] ?? fallback;
  const EVENTS: Record<string, string> = { created: '新增', saved: '修改', submitted: '送审', published: '审核发布', returned: '退回修改', withdrawn: '撤回' };
  return (
    <Layout ctx={p.ctx} title={e ? e.question : '新增问答'} staff crumbs={crumbs(e ? '问答' : '新增')}>
      <h1>{e ? e.question : '新增问答'}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {p.needsReview ? (
        <div class="banner-warning" role="status">
          需复核：{p.needsReview}。公开页面已暂停提供这条答复，请按依据的现行版本修改后重新送审。
        </div>
      ) : null}
      <ErrorSummary errors={er} message={p.message} />
      {e ? (
        <p>
          状态：{STATE_LABELS[e.state]}
          {e.published_version ? `；已发布第${e.published_version}版` : ''}
          {e.withdrawn_reason ? `；撤回理由：${e.withdrawn_reason}` : ''}
        </p>
      ) : null}
      {p.mayEdit && e?.state !== 'withdrawn' ? (
        <form method="post" action={e ? `/staff/answers/${e.id}` : '/staff/answers/new'}>
          <CsrfField ctx={p.ctx} />
          {e ? null : <Select name="unitId" label="答复单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={v.unitId} error={er.unitId} required />}
          <Field name="question" label="问题" value={val('question', e?.question ?? '')} error={er.question} required />
          <Field
            name="variants"
            label="其他问法（每行一个）"
            textarea
            rows={4}
            value={val('variants', e?.variants.join('\n') ?? '')}
            error={er.variants}
            hint="群众实际的问法，帮助问题框找到这条答复"
          />
          <Field name="answer" label="答案" textarea rows={8} value={val('answer', e?.answer ?? '')} error={er.answer} required />
          <Select
            name="answerClass"
            label="答复类别"
            options={opts(ANSWER_CLASSES)}
            value={val('answerClass', e?.answer_class ?? '')}
            error={er.answerClass}
            required
            blank="请选择"
          />
          <Select
            name="handoverUnitId"
            label="限时答复的承办单位"
            options={p.allUnits.map((u) => ({ value: String(u.id), label: u.name }))}
            value={val('handoverUnitId', e?.handover_unit_id ? String(e.handover_unit_id) : '')}
            error={er.handoverUnitId}
            blank="（不是限时答复）"
          />
          <Field
            name="handoverDays"
            label="限时答复的时限（工作日）"
            value={val('handoverDays', e?.handover_days ? String(e.handover_days) : '')}
            error={er.handoverDays}
            inputmode="numeric"
          />
          <Field name="topic" label="主题（可不填）" value={val('topic', e?.topic ?? '')} error={er.topic} />
          <Field name="reviewBy" label="复核日期" type="date" value={val('reviewBy', e?.review_by ?? '')} error={er.reviewBy} required hint="到期前须复核答案是否仍然正确" />
          <Field
            name="sources"
            label="依据的信息（每行一个：索引号、文号或标题全文）"
            textarea
            rows={3}
            value={val('sources', p.sourceRefs.join('\n'))}
            error={er.sources}
            hint="依据的文件修订、废止或失效时，这条答复自动暂停公开，等待复核"
          />
          <CatalogueItemSelect
            choices={p.catalogueChoices}
            selected={p.catalogueKeys}
            label="所属公开事项（可多选）"
            hint="答复单位已公布的标准目录中的事项；目录页面的该事项下会列出这条问答"
            error={er.catalogueKeys}
          />
          <button type="submit" class="button">
            保存
          </button>
        </form>
      ) : null}
      {e ? (
        <>
          <ReviewControls
            ctx={p.ctx}
            base={`/staff/answers/${e.id}`}
            state={e.state}
            mayEdit={p.mayEdit}
            mayReview={p.mayReview}
            noun="这条问答"
            values={v}
            errors={er}
            submitClass="button secondary"
          />
          <EventLog events={p.events} labels={EVENTS} />
        </>
      ) : null}
    </Layout>
  );
}
