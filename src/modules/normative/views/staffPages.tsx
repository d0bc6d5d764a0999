/** Staff screens of 规范性文件清理: the campaigns, one campaign's list, and one document's decision and 备案审查. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { EventLog } from '../../../views/review.tsx';
import type { CampaignRow, DecisionRow } from '../queries.ts';
import { CONCLUSIONS, DECISIONS } from '../rules.ts';
import { LEGAL_FORMS } from '../../publishing/index.ts';

const crumbs = (more: { label: string; href?: string }[] = []) => [{ label: '工作台', href: '/staff' }, { label: '规范性文件清理', href: '/staff/cleanups' }, ...more];
const EVENTS: Record<string, string> = { started: '开始清理', decided: '填写清理结果', published: '公布清理结果' };
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));

type FormProps = { values: Record<string, string>; errors: Record<string, string>; message?: string; notice?: string };

export function CampaignsPage(p: { ctx: ViewContext; rows: CampaignRow[]; units: { id: number; name: string }[] } & FormProps) {
  return (
    <Layout ctx={p.ctx} title="规范性文件清理" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '规范性文件清理' }]}>
      <h1>规范性文件清理</h1>
      <p class="muted">清理本单位现行有效的规章和行政规范性文件：逐件确定继续有效、修改、废止或宣布失效，公布清理结果，并据此更新各文件的有效性。</p>
      {p.rows.length ? (
        <table class="data">
          <caption class="visually-hidden">清理</caption>
          <thead>
            <tr>
              <th scope="col">清理</th>
              <th scope="col">单位</th>
              <th scope="col">进度</th>
              <th scope="col">状态</th>
            </tr>
          </thead>
          <tbody>
            {p.rows.map((c) => (
              <tr>
                <td>
                  <a href={`/staff/cleanups/${c.id}`}>{c.title}</a>
                </td>
                <td>{c.unit_name}</td>
                <td>
                  {c.decided} / {c.total}
                </td>
                <td>{c.state === 'published' ? '已公布结果' : '清理中'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>还没有清理。</p>
      )}
      <h2>开始一次清理</h2>
      <ErrorSummary errors={p.errors} message={p.message} />
      <form method="post" action="/staff/cleanups" class="narrow">
        <CsrfField ctx={p.ctx} />
        <Select name="unitId" label="单位" options={p.units.map((u) => ({ value: String(u.id), label: u.name }))} value={p.values.unitId} error={p.errors.unitId} />
        <Field name="title" label="名称" value={p.values.title} error={p.errors.title} required hint="如：2026年行政规范性文件清理" />
        <Field name="basis" label="依据" value={p.values.basis} error={p.errors.basis} hint="如：《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》" />
        <button type="submit" class="button">
          开始清理
        </button>
      </form>
    </Layout>
  );
}

export function CampaignPage(
  p: {
    ctx: ViewContext;
    c: CampaignRow;
    rows: DecisionRow[];
    events: { kind: string; at: Date; actor_label: string }[];
    mayPublish: boolean;
    resultHref?: string;
  } & FormProps,
) {
  const c = p.c;
  return (
    <Layout ctx={p.ctx} title={c.title} staff crumbs={crumbs([{ label: c.title }])}>
      <h1>{c.title}</h1>
      <p>
        {c.unit_name}　已填写 {c.decided} / {c.total} 件　{c.state === 'published' ? '已公布结果' : '清理中'}
        {p.resultHref ? (
          <>
            {'　'}
            <a href={p.resultHref}>清理结果（公开页面）</a>
          </>
        ) : null}
      </p>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      <table class="data">
        <caption class="visually-hidden">清理的文件</caption>
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">文件性质</th>
            <th scope="col">文号</th>
            <th scope="col">清理结果</th>
            <th scope="col">备案审查</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <td>
                <a href={`/staff/cleanups/${c.id}/items/${r.item_id}`}>{r.title}</a>
              </td>
              <td>{LEGAL_FORMS[r.legal_form]}</td>
              <td>{r.doc_no}</td>
              <td>{r.decision ? DECISIONS[r.decision] : <strong>未填写</strong>}</td>
              <td>{r.conclusion ? `${r.filed_on} ${CONCLUSIONS[r.conclusion]}` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.state === 'open' && p.mayPublish ? (
        <form method="post" action={`/staff/cleanups/${c.id}/publish`}>
          <CsrfField ctx={p.ctx} />
          <p>公布后，清理结果作为本单位的一条政府信息发布；修改、废止、宣布失效的文件同时标注为已修订、已废止、已失效。</p>
          <button type="submit" class="button">
            公布清理结果
          </button>
        </form>
      ) : null}
      <EventLog events={p.events} labels={EVENTS} />
    </Layout>
  );
}

export function DocumentPage(p: { ctx: ViewContext; c: CampaignRow; r: DecisionRow; mayEdit: boolean } & FormProps) {
  const { c, r } = p;
  const open = c.state === 'open' && p.mayEdit;
  return (
    <Layout ctx={p.ctx} title={r.title} staff crumbs={crumbs([{ label: c.title, href: `/staff/cleanups/${c.id}` }, { label: r.title }])}>
      <h1>{r.title}</h1>
      <p>
        {LEGAL_FORMS[r.legal_form]}　{r.doc_no}　索引号 {r.index_no}　成文日期 {r.written_date ?? '—'}
      </p>
      {p.notice ? (
        <p class="notice" role="status">
          {p.notice}
        </p>
      ) : null}
      <ErrorSummary errors={p.errors} message={p.message} />
      <h2>清理结果</h2>
      {open ? (
        <form method="post" action={`/staff/cleanups/${c.id}/items/${r.item_id}`} class="narrow">
          <CsrfField ctx={p.ctx} />
          <Select name="decision" label="清理结果" options={opts(DECISIONS)} value={p.values.decision ?? r.decision ?? ''} error={p.errors.decision} blank="请选择" />
          <Field
            name="followUpIndexNo"
            label="后续文件的索引号"
            value={p.values.followUpIndexNo}
            error={p.errors.followUpIndexNo}
            hint="修改的，填修改后文件的索引号；废止、失效的，可填作出决定的文件"
          />
          <Field name="reason" label="理由或说明" value={p.values.reason ?? r.reason} error={p.errors.reason} textarea rows={2} />
          <button type="submit" class="button">
            保存
          </button>
        </form>
      ) : (
        <p>
          {r.decision ? DECISIONS[r.decision] : '未填写'}
          {r.reason ? `：${r.reason}` : ''}
          {r.follow_up_title ? `（见《${r.follow_up_title}》）` : ''}
        </p>
      )}
      <h2>备案审查</h2>
      {p.mayEdit ? (
        <form method="post" action={`/staff/cleanups/${c.id}/items/${r.item_id}/filing`} class="narrow">
          <CsrfField ctx={p.ctx} />
          <Field name="filedOn" label="报备日期" type="date" value={p.values.filedOn ?? r.filed_on ?? ''} error={p.errors.filedOn} required />
          <Field name="filedWith" label="备案机关" value={p.values.filedWith ?? r.filed_with ?? ''} error={p.errors.filedWith} required hint="如：示范市人民政府办公室（司法局）" />
          <Select name="conclusion" label="审查结论" options={opts(CONCLUSIONS)} value={p.values.conclusion ?? r.conclusion ?? ''} error={p.errors.conclusion} blank="请选择" />
          <Field name="note" label="说明" value={p.values.note} error={p.errors.note} />
          <button type="submit" class="button secondary">
            保存备案审查情况
          </button>
        </form>
      ) : (
        <p>{r.conclusion ? `${r.filed_on} 报 ${r.filed_with} 备案，${CONCLUSIONS[r.conclusion]}` : '未登记'}</p>
      )}
    </Layout>
  );
}
