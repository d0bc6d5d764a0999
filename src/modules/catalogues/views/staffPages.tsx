/** The staff screens of the standard catalogues: areas and templates, a unit's catalogues, one catalogue, coverage. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Layout } from '../../../views/layout.tsx';
import type { AreaRow, CatalogueHead, CatalogueItemRow } from '../queries.ts';
import { CATALOGUE_STATE_LABELS, CATALOGUE_STEPS, type CatalogueStep } from '../states.ts';
import { COVERAGE_LABELS, type CoverageStatus, type ItemCoverage } from '../coverage.ts';
import { describeRule } from '../timeLimit.ts';
import type { ImportProblem } from '../excel.ts';

const crumbs = (label?: string) => [{ label: '工作台', href: '/staff' }, { label: '标准目录', href: label ? '/staff/catalogues' : undefined }, ...(label ? [{ label }] : [])];

export function CataloguesHome(props: {
  ctx: ViewContext;
  areas: AreaRow[];
  units: { id: number; name: string; depth: number }[];
  myUnits: { id: number; name: string }[];
  templates: CatalogueHead[];
  canManage: boolean;
  notice?: string;
  errors: Record<string, string>;
  problems?: ImportProblem[];
}) {
  return (
    <Layout ctx={props.ctx} title="标准目录" staff crumbs={crumbs()}>
      <h1>基层政务公开标准目录</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <Problems problems={props.problems} />
      <div class="button-row">
        <a class="button secondary" href="/staff/catalogues/coverage">
          目录落实情况
        </a>
      </div>
      <h2>本人负责的单位</h2>
      <ul>
        {props.myUnits.map((u) => (
          <li>
            <a href={`/staff/catalogues/unit/${u.id}`}>{u.name}</a>
          </li>
        ))}
      </ul>
      <h2>26个领域</h2>
      {props.canManage ? <p class="muted">标注“名称待核实”的领域名称尚未与国务院部门发布的标准指引原文核对，核对后可在此更正（更正即视为已核实）。</p> : null}
      <table class="data">
        <thead>
          <tr>
            <th scope="col">代码</th>
            <th scope="col">领域</th>
            <th scope="col">牵头单位</th>
            <th scope="col">责任单位</th>
            <th scope="col">领域模板</th>
            {props.canManage ? <th scope="col">维护</th> : null}
          </tr>
        </thead>
        <tbody>
          {props.areas.map((a) => {
            const tpl = props.templates.find((t) => t.area_code === a.code);
            return (
              <tr>
                <td>{a.code}</td>
                <td>
                  {a.name}
                  {/* Whether the national list confirms the name is the office's concern (regulations.md §6 [U]). */}
                  {a.confirmed || !props.canManage ? '' : <span class="muted">（名称待核实：{a.note}）</span>}
                </td>
                <td>{a.lead_unit_name ?? '—'}</td>
                <td>{a.responsible.map((r) => r.name).join('、') || '—'}</td>
                <td>
                  {tpl ? <a href={`/staff/catalogues/${tpl.id}`}>第 {tpl.version_no} 版</a> : '—'}{' '}
                  <a href={`/staff/catalogues/areas/${a.code}/blank.xlsx`} aria-label={`${a.name}空白模板（Excel）`}>
                    空白模板
                  </a>
                </td>
                {props.canManage ? (
                  <td>
                    <form method="post" action={`/staff/catalogues/areas/${a.code}`} class="inline">
                      <CsrfField ctx={props.ctx} />
                      <label for={`f-name-${a.code}`} class="visually-hidden">
                        {a.code} 名称
                      </label>
                      <input id={`f-name-${a.code}`} name="name" value={a.name} maxLength={40} size={10} />
                      <label for={`f-lead-${a.code}`} class="visually-hidden">
                        {a.name} 牵头单位
                      </label>
                      <select id={`f-lead-${a.code}`} name="leadUnitId">
                        <option value="">牵头单位</option>
                        {props.units.map((u) => (
                          <option value={String(u.id)} selected={u.id === a.lead_unit_id}>{`${'　'.repeat(u.depth)}${u.name}`}</option>
                        ))}
                      </select>
                      <label for={`f-resp-${a.code}`} class="visually-hidden">
                        {a.name} 责任单位（可多选）
                      </label>
                      <select id={`f-resp-${a.code}`} name="responsibleUnitIds" multiple size={3}>
                        {props.units.map((u) => (
                          <option value={String(u.id)} selected={a.responsible.some((r) => r.id === u.id)}>{`${'　'.repeat(u.depth)}${u.name}`}</option>
                        ))}
                      </select>
                      <button type="submit" class="link-button" aria-label={`保存：${a.name}`}>
                        保存
                      </button>
                    </form>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {props.canManage ? (
        <>
          <h2>导入领域模板（Excel）</h2>
          <ImportForm ctx={props.ctx} unitId={props.myUnits[0]?.id} areas={props.areas} template />
        </>
      ) : null}
    </Layout>
  );
}

function Problems(props: { problems?: ImportProblem[] }) {
  if (!props.problems?.length) return null;
  return (
    <section class="error-summary" aria-labelledby="problems-h">
      <h2 id="problems-h">以下各行无法读取，文件未导入</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">行号</th>
            <th scope="col">问题</th>
          </tr>
        </thead>
        <tbody>
          {props.problems.map((p) => (
            <tr>
              <td>{p.row || '—'}</td>
              <td>{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ImportForm(props: { ctx: ViewContext; unitId?: number; areas: AreaRow[]; template?: boolean; area?: string }) {
  const id = props.template ? 'tpl' : `u${props.area ?? ''}`;
  return (
    <form method="post" action="/staff/catalogues/import" enctype="multipart/form-data" class="filters">
      <CsrfField ctx={props.ctx} />
      <input type="hidden" name="unit" value={String(props.unitId ?? '')} />
      {props.template ? <input type="hidden" name="template" value="1" /> : null}
      {props.area ? (
        <input type="hidden" name="area" value={props.area} />
      ) : (
        <div class="field">
          <label for={`f-area-${id}`}>领域</label>
          <select id={`f-area-${id}`} name="area">
            {props.areas.map((a) => (
              <option value={a.code}>
                {a.code} {a.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="field">
        <label for={`f-file-${id}`}>Excel 文件（标准目录格式）</label>
        <input id={`f-file-${id}`} name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
      </div>
      <button type="submit" class="button secondary">
        导入
      </button>
    </form>
  );
}

export function UnitCataloguesPage(props: {
  ctx: ViewContext;
  unit: { id: number; name: string };
  areas: AreaRow[];
  latest: Map<string, CatalogueHead>;
  published: Map<string, CatalogueHead>;
  templates: CatalogueHead[];
  can: { edit: boolean; approve: boolean };
  notice?: string;
  errors: Record<string, string>;
  problems?: ImportProblem[];
}) {
  return (
    <Layout ctx={props.ctx} title={`${props.unit.name} 标准目录`} staff crumbs={crumbs(props.unit.name)}>
      <h1>{props.unit.name}公开事项标准目录</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <Problems problems={props.problems} />
      <table class="data">
        <thead>
          <tr>
            <th scope="col">领域</th>
            <th scope="col">当前版本</th>
            <th scope="col">已公布</th>
            <th scope="col">办理</th>
          </tr>
        </thead>
        <tbody>
          {props.areas.map((a) => {
            const l = props.latest.get(a.code);
            const p = props.published.get(a.code);
            const tpl = props.templates.find((t) => t.area_code === a.code);
            const open = !l || l.state === 'compiling' || l.state === 'returned' || l.state === 'published' || l.state === 'superseded';
            return (
              <tr>
                <td>{a.name}</td>
                <td>
                  {l ? (
                    <>
                      <a href={`/staff/catalogues/${l.id}`}>第 {l.version_no} 版</a> {CATALOGUE_STATE_LABELS[l.state]}
                      {l.state === 'returned' && l.remarks ? `：${l.remarks}` : ''}
                    </>
                  ) : (
                    '未编制'
                  )}
                </td>
                <td>{p ? `第 ${p.version_no} 版` : '—'}</td>
                <td>
                  {l ? <StepButtons ctx={props.ctx} c={l} can={props.can} /> : null}
                  {props.can.edit && open ? (
                    <details>
                      <summary>导入或采用模板</summary>
                      <ImportForm ctx={props.ctx} unitId={props.unit.id} areas={props.areas} area={a.code} />
                      {tpl ? (
                        <form method="post" action="/staff/catalogues/adopt" class="inline">
                          <CsrfField ctx={props.ctx} />
                          <input type="hidden" name="unit" value={String(props.unit.id)} />
                          <input type="hidden" name="template" value={String(tpl.id)} />
                          <button type="submit" class="button secondary">
                            采用{a.name}领域模板（按本级筛选事项）
                          </button>
                        </form>
                      ) : null}
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Layout>
  );
}

function StepButtons(props: { ctx: ViewContext; c: CatalogueHead; can: { edit: boolean; approve: boolean } }) {
  const steps = (Object.keys(CATALOGUE_STEPS) as CatalogueStep[]).filter(
    (s) => CATALOGUE_STEPS[s].from.includes(props.c.state) && (s === 'approve' || s === 'return' ? props.can.approve : props.can.edit),
  );
  return (
    <>
      {steps.map((s) => (
        <form method="post" action={`/staff/catalogues/${props.c.id}/${s}`} class="inline">
          <CsrfField ctx={props.ctx} />
          {s === 'return' ? (
            <>
              <label for={`f-remarks-${props.c.id}`} class="visually-hidden">
                退回意见
              </label>
              <input id={`f-remarks-${props.c.id}`} name="remarks" placeholder="退回意见" maxLength={500} />
            </>
          ) : null}
          <button type="submit" class="button secondary">
            {CATALOGUE_STEPS[s].label}
          </button>
        </form>
      ))}
    </>
  );
}

export function CatalogueDetailPage(props: {
  ctx: ViewContext;
  c: CatalogueHead;
  items: CatalogueItemRow[];
  events: { kind: string; at: string; actor_label: string; remarks: string }[];
  can: { edit: boolean; approve: boolean };
  notice?: string;
  errors: Record<string, string>;
}) {
  const c = props.c;
  return (
    <Layout
      ctx={props.ctx}
      title={`${c.unit_name} ${c.area_name}目录`}
      staff
      crumbs={[...crumbs(c.unit_name).slice(0, 2), { label: c.unit_name, href: `/staff/catalogues/unit/${c.unit_id}` }, { label: `${c.area_name}（第 ${c.version_no} 版）` }]}
    >
      <h1>
        {c.unit_name}
        {c.area_name}领域{c.is_template ? '模板' : '标准目录'}（第 {c.version_no} 版）
      </h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <p>
        状态：{CATALOGUE_STATE_LABELS[c.state]}
        {c.remarks ? `（意见：${c.remarks}）` : ''}　<a href={`/staff/catalogues/${c.id}.xlsx`}>导出 Excel</a>
      </p>
      <StepButtons ctx={props.ctx} c={c} can={props.can} />
      <div class="table-scroll" tabIndex={0} role="region" aria-label="目录表格（可左右滚动）">
        <table class="data">
          <caption>共 {props.items.length} 项</caption>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">一级事项</th>
              <th scope="col">二级事项</th>
              <th scope="col">公开时限</th>
              <th scope="col">按此检查</th>
              <th scope="col">公开主体</th>
              <th scope="col">层级</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((i) => (
              <tr>
                <td>{i.code || i.seq}</td>
                <td>{i.level1}</td>
                <td>{i.level2}</td>
                <td>{i.timeLimit}</td>
                <td>{describeRule(i.timeRule)}</td>
                <td>{i.publisher}</td>
                <td>{[i.tierCounty && '县级', i.tierTownship && '乡级'].filter(Boolean).join('、') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>审核记录</h2>
      <ol class="timeline">
        {props.events.map((e) => (
          <li>
            {e.at}　{e.kind === 'create' ? '建立' : (CATALOGUE_STEPS[e.kind as CatalogueStep]?.label ?? e.kind)}
            {e.remarks ? `：${e.remarks}` : ''}　<span class="muted">{e.actor_label}</span>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

export function CoveragePage(props: {
  ctx: ViewContext;
  asOf: string;
  rows: { unitId: number; unitName: string; areaName: string; catalogueId: number; counts: Record<CoverageStatus, number> }[];
  detail?: { unitName: string; areaName: string; items: { item: CatalogueItemRow; coverage: ItemCoverage }[] };
}) {
  const statuses = Object.keys(COVERAGE_LABELS) as CoverageStatus[];
  return (
    <Layout ctx={props.ctx} title="目录落实情况" staff crumbs={crumbs('目录落实情况')}>
      <h1>标准目录落实情况（截至 {props.asOf}）</h1>
      <p class="muted">
        按目录事项的公开时限检查已归入该事项的信息：定期公开的事项每期应有信息（期满后20个工作日内）；按事件公开的事项逐条检查是否逾期，未归入信息的标为“尚无信息”，需人工核实。
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">领域</th>
            {statuses.map((s) => (
              <th scope="col">{COVERAGE_LABELS[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>{r.unitName}</td>
              <td>
                <a href={`/staff/catalogues/coverage?catalogue=${r.catalogueId}`}>{r.areaName}</a>
              </td>
              {statuses.map((s) => (
                <td class={(s === 'late' || s === 'missing') && r.counts[s] ? 'status-overdue' : undefined}>{r.counts[s]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {props.detail ? (
        <section aria-labelledby="detail-h">
          <h2 id="detail-h">
            {props.detail.unitName}·{props.detail.areaName}
          </h2>
          <table class="data">
            <thead>
              <tr>
                <th scope="col">事项</th>
                <th scope="col">公开时限</th>
                <th scope="col">情况</th>
                <th scope="col">已归入</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {props.detail.items.map(({ item, coverage }) => (
                <tr>
                  <td>
                    {item.level1}
                    {item.level2 ? ` / ${item.level2}` : ''}
                  </td>
                  <td>{item.timeLimit}</td>
                  <td class={coverage.status === 'late' || coverage.status === 'missing' ? 'status-overdue' : undefined}>{COVERAGE_LABELS[coverage.status]}</td>
                  <td>{coverage.filed}</td>
                  <td>
                    {coverage.late.map((l) => (
                      <div>
                        《{l.title}》{l.publishDate} 公开，应于 {l.dueOn} 前
                      </div>
                    ))}
                    {coverage.missingPeriods.map((m) => (
                      <div>
                        {m.from} 至 {m.to} 无信息（应于 {m.dueOn} 前公开）
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </Layout>
  );
}

export function FileItemPage(props: {
  ctx: ViewContext;
  item: { id: number; title: string };
  options: { value: string; label: string }[];
  current: string;
  errors: Record<string, string>;
  notice?: string;
}) {
  return (
    <Layout
      ctx={props.ctx}
      title="归入标准目录事项"
      staff
      crumbs={[
        { label: '工作台', href: '/staff' },
        { label: '政府信息', href: '/staff/items' },
        { label: props.item.title, href: `/staff/items/${props.item.id}` },
        { label: '归入标准目录事项' },
      ]}
    >
      <h1>归入标准目录事项</h1>
      <p>《{props.item.title}》</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary errors={props.errors} />
      <form method="post" action={`/staff/items/${props.item.id}/catalogue`}>
        <CsrfField ctx={props.ctx} />
        <div class={`field${props.errors.catalogue ? ' field-error' : ''}`}>
          <label for="f-catalogue">本单位已公布目录中的事项</label>
          {props.errors.catalogue ? <p class="error-message">{props.errors.catalogue}</p> : null}
          <select id="f-catalogue" name="catalogue">
            <option value="">不归入任何事项</option>
            {props.options.map((o) => (
              <option value={o.value} selected={o.value === props.current}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          保存
        </button>
      </form>
    </Layout>
  );
}
