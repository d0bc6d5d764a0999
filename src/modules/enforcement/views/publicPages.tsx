/** 行政执法公示 for the public: the search of decisions (all units or one), a decision, the 事前 register, a draw, the figures. */
import type { ViewContext } from '../../../views/context.ts';
import { Layout } from '../../../views/layout.tsx';
import { chinaDate } from '../../../lib/clock.ts';
import type { DecisionRow, DrawRow, RegisterRow, StatsRow, UnitSummary } from '../queries.ts';
import { KINDS, PUBLISH_WORKING_DAYS, REGISTER_KINDS, REVOCATIONS, type Kind, type RegisterKind } from '../rules.ts';
import { ALGORITHM_TEXT } from '../draw.ts';

export const decisionHref = (d: { unit_slug: string; id: number }) => `/zfgs/${d.unit_slug}/decisions/${d.id}`;
const crumbs = (more: { label: string; href?: string }[] = []) => [{ label: '首页', href: '/' }, { label: '行政执法公示', href: '/zfgs' }, ...more];

export interface SearchValues {
  q: string;
  kind: string;
  unit: string;
  from: string;
  to: string;
  page: number;
}

function SearchForm(p: { action: string; v: SearchValues; units?: UnitSummary[] }) {
  return (
    <form method="get" action={p.action} role="search" class="filters">
      <div class="field">
        <label for="eq">文号、当事人或事项</label>
        <input id="eq" name="q" type="search" value={p.v.q} maxLength={100} aria-describedby="eq-hint" />
        <p id="eq-hint" class="hint muted">
          可输入决定书文号、统一社会信用代码、单位名称或事项名称。
        </p>
      </div>
      <div class="field">
        <label for="ekind">执法类别</label>
        <select id="ekind" name="kind">
          <option value="">全部</option>
          {Object.entries(KINDS).map(([k, l]) => (
            <option value={k} selected={p.v.kind === k}>
              {l}
            </option>
          ))}
        </select>
      </div>
      {p.units ? (
        <div class="field">
          <label for="eunit">执法机关</label>
          <select id="eunit" name="unit">
            <option value="">全部</option>
            {p.units.map((u) => (
              <option value={u.slug} selected={p.v.unit === u.slug}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for="efrom">决定日期从</label>
        <input id="efrom" name="from" type="date" value={p.v.from} />
      </div>
      <div class="field">
        <label for="eto">到</label>
        <input id="eto" name="to" type="date" value={p.v.to} />
      </div>
      <button type="submit" class="button">
        查找
      </button>
    </form>
  );
}

function DecisionList(p: { rows: DecisionRow[]; more: boolean; action: string; v: SearchValues; showUnit: boolean }) {
  const pageHref = (page: number) => {
    const params = new URLSearchParams(Object.entries({ ...p.v, page: String(page) }).filter(([k, v]) => v && !(k === 'page' && v === '1')) as [string, string][]);
    return `${p.action}${params.size ? `?${params}` : ''}`;
  };
  return (
    <section aria-labelledby="dl-h">
      <h2 id="dl-h">执法决定{p.v.page > 1 ? `（第${p.v.page}页）` : ''}</h2>
      {p.rows.length ? (
        <ol class="plain decisions" start={(p.v.page - 1) * 20 + 1}>
          {p.rows.map((d) => (
            <li>
              <p>
                <span class="kind">{KINDS[d.kind]}</span> <a href={decisionHref(d)}>{d.name}</a>
              </p>
              <p class="muted">
                {d.subject_name}　{d.doc_no}　{d.decided_on}
                {p.showUnit ? `　${d.unit_name}` : ''}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p>没有符合条件的执法决定。当月没有公示的，表明当月没有此类决定。</p>
      )}
      <nav aria-label="翻页" class="pager">
        {p.v.page > 1 ? <a href={pageHref(p.v.page - 1)}>上一页</a> : null} {p.more ? <a href={pageHref(p.v.page + 1)}>下一页</a> : null}
      </nav>
    </section>
  );
}

export function EnforcementHomePage(p: { ctx: ViewContext; units: UnitSummary[]; v: SearchValues; rows: DecisionRow[]; more: boolean }) {
  return (
    <Layout ctx={p.ctx} title="行政执法公示" crumbs={crumbs()}>
      <h1>行政执法公示</h1>
      <p>
        行政许可、行政处罚决定自作出之日起7个工作日内公示，其他执法决定20个工作日内公示；被撤销、确认违法或者要求重新作出的决定及时撤下并说明理由。
        <a href="/zfgs/feed.atom">订阅新公示的决定（Atom）</a>
      </p>
      <SearchForm action="/zfgs" v={p.v} units={p.units} />
      <DecisionList rows={p.rows} more={p.more} action="/zfgs" v={p.v} showUnit />
      <section aria-labelledby="units-h">
        <h2 id="units-h">各执法机关</h2>
        <ul class="plain">
          {p.units.map((u) => (
            <li>
              <a href={`/zfgs/${u.slug}`}>{u.name}</a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}

export function UnitPage(p: { ctx: ViewContext; unit: UnitSummary; v: SearchValues; rows: DecisionRow[]; more: boolean; draws: DrawRow[]; stats: StatsRow[] }) {
  const base = `/zfgs/${p.unit.slug}`;
  return (
    <Layout ctx={p.ctx} title={`${p.unit.name} 行政执法公示`} crumbs={crumbs([{ label: p.unit.name }])}>
      <h1>{p.unit.name} 行政执法公示</h1>
      <ul class="inline-list">
        <li>
          <a href={`${base}/shiqian`}>事前公开：执法主体、人员、职责权限、程序、救济渠道、随机抽查事项</a>
        </li>
        <li>
          <a href={`${base}/feed.atom`}>订阅（Atom）</a>
        </li>
        <li>
          <a href={`${base}/decisions.csv${p.v.kind ? `?kind=${p.v.kind}` : ''}`}>下载决定（CSV，双公示字段）</a>
        </li>
      </ul>
      <SearchForm action={base} v={p.v} />
      <DecisionList rows={p.rows} more={p.more} action={base} v={p.v} showUnit={false} />
      <section aria-labelledby="draws-h">
        <h2 id="draws-h">双随机、一公开</h2>
        {p.draws.length ? (
          <ul class="plain">
            {p.draws.map((d) => (
              <li>
                <a href={`${base}/draws/${d.id}`}>{d.title}</a>{' '}
                <span class="muted">
                  {chinaDate(d.drawn_at)} 抽取，{d.entity_count} 户{d.results_published_at ? '，结果已公开' : ''}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p>还没有抽查记录。</p>
        )}
      </section>
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">年度行政执法数据</h2>
        {p.stats.length ? (
          <ul class="plain">
            {p.stats.map((s) => (
              <li>
                <a href={`${base}/stats/${s.year}`}>{s.year}年度</a> <span class="muted">{chinaDate(s.published_at)} 公布</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>还没有公布年度数据。</p>
        )}
      </section>
    </Layout>
  );
}

export function DecisionPage(p: { ctx: ViewContext; d: DecisionRow }) {
  const d = p.d;
  const crumb = crumbs([{ label: d.unit_name, href: `/zfgs/${d.unit_slug}` }, { label: d.doc_no }]);
  if (d.state === 'withdrawn')
    return (
      <Layout ctx={p.ctx} title={`已撤下的${KINDS[d.kind]}决定 ${d.doc_no}`} crumbs={crumb}>
        <h1>已撤下的{KINDS[d.kind]}决定</h1>
        <p class="notice">
          {d.unit_name}的{d.doc_no}决定因{REVOCATIONS[d.revocation!]}，已于 {chinaDate(d.withdrawn_at!)} 从公示中撤下。
        </p>
        <h2>撤下说明</h2>
        <p class="prewrap">{d.explanation}</p>
      </Layout>
    );
  const rows: [string, string | null][] = [
    ['执法类别', KINDS[d.kind]],
    ['决定书文号', d.doc_no],
    ['名称', d.name],
    ['类别', d.category],
    ['行政相对人', d.subject_name],
    ['统一社会信用代码', d.credit_code],
    ['法定代表人', d.legal_rep],
    ['事由', d.cause],
    ['依据', d.basis],
    [d.kind === 'licence' ? '许可内容' : '结果', d.result],
    ['决定日期', d.decided_on],
    ['有效期至', d.valid_until],
    ['执法机关', d.authority],
    ['备注', d.remark],
  ];
  const publishedOn = chinaDate(d.published_at);
  return (
    <Layout ctx={p.ctx} title={`${d.name} ${d.doc_no}`} crumbs={crumb}>
      <h1>{d.name}</h1>
      <dl class="facts">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd class="prewrap">{v}</dd>
            </>
          ))}
        <dt>公示日期</dt>
        <dd>
          {publishedOn}（应在 {d.due_on} 前公示，即决定之日起{PUBLISH_WORKING_DAYS[d.kind]}个工作日内{d.due_provisional ? '；该年节假日安排未发布，期限按周一至周五推算' : ''}）
          {d.late ? <strong class="status-overdue"> 逾期公示</strong> : null}
        </dd>
      </dl>
      {d.subject_type === 'natural' ? <p class="muted">当事人为自然人的，按个人信息保护的要求隐去姓名和身份证号码。</p> : null}
    </Layout>
  );
}

export function RegisterPage(p: { ctx: ViewContext; unit: { name: string; slug: string }; entries: RegisterRow[]; today: string }) {
  return (
    <Layout ctx={p.ctx} title={`${p.unit.name} 事前公开`} crumbs={crumbs([{ label: p.unit.name, href: `/zfgs/${p.unit.slug}` }, { label: '事前公开' }])}>
      <h1>{p.unit.name} 事前公开</h1>
      {(Object.keys(REGISTER_KINDS) as RegisterKind[]).map((k) => {
        const spec = REGISTER_KINDS[k];
        const list = p.entries.filter((e) => e.kind === k);
        return (
          <section aria-labelledby={`rk-${k}`}>
            <h2 id={`rk-${k}`}>{spec.label}</h2>
            {list.length ? (
              list.map((e) => (
                <article class="register-entry">
                  <h3>{e.title}</h3>
                  <dl class="facts">
                    {Object.entries(spec.fields)
                      .filter(([f]) => e.fields[f])
                      .map(([f, label]) => (
                        <>
                          <dt>{label.replace('（每行一步）', '')}</dt>
                          <dd class={f === 'steps' ? undefined : 'prewrap'}>
                            {f === 'listUrl' ? (
                              <a href={e.fields[f]}>{e.fields[f]}</a>
                            ) : f === 'steps' ? (
                              <ol class="flow">
                                {e.fields[f]
                                  .split('\n')
                                  .filter((x) => x.trim())
                                  .map((x) => (
                                    <li>{x.trim()}</li>
                                  ))}
                              </ol>
                            ) : (
                              e.fields[f]
                            )}
                            {k === 'officer' && f === 'validUntil' && e.fields[f] < p.today ? <strong class="status-overdue"> 已过期</strong> : null}
                          </dd>
                        </>
                      ))}
                    <dt>更新日期</dt>
                    <dd>{chinaDate(e.updated_at)}</dd>
                  </dl>
                </article>
              ))
            ) : (
              <p>未公开此项。</p>
            )}
          </section>
        );
      })}
    </Layout>
  );
}

export function DrawPage(p: { ctx: ViewContext; unitName: string; d: DrawRow }) {
  const d = p.d;
  const entity = new Map(d.entities.map((e) => [e.id, e.name]));
  const inspector = new Map(d.inspectors.map((i) => [i.id, i.name]));
  return (
    <Layout ctx={p.ctx} title={d.title} crumbs={crumbs([{ label: p.unitName, href: `/zfgs/${d.unit_slug}` }, { label: d.title }])}>
      <h1>{d.title}</h1>
      <dl class="facts">
        <dt>抽查事项</dt>
        <dd>{d.item_title}</dd>
        <dt>抽取时间</dt>
        <dd>
          {d.drawn_at.toISOString()}（{d.actor_label}）
        </dd>
        <dt>名录</dt>
        <dd>
          检查对象 {d.entities.length} 户，执法检查人员 {d.inspectors.length} 名，回避 {d.exclusions.length} 项
        </dd>
        <dt>抽取</dt>
        <dd>
          {d.entity_count} 户，每户 {d.inspectors_per_entity} 名人员
        </dd>
        <dt>随机种子</dt>
        <dd>
          <code>{d.seed}</code>
        </dd>
        <dt>名录哈希（SHA-256）</dt>
        <dd>
          <code class="hash">{d.pool_hash}</code>
        </dd>
        <dt>算法</dt>
        <dd>
          {d.algorithm}：{ALGORITHM_TEXT}
        </dd>
        <dt>结果公开期限</dt>
        <dd>
          检查结束（{d.inspection_ends_on}）后20个工作日内，即 {d.results_due_on} 前
        </dd>
      </dl>
      <p>
        任何人都可以用公开的名录、种子和算法重新抽取并核对结果：<a href={`/api/v1/enforcement/draws/${d.id}`}>名录和结果（JSON）</a>
      </p>
      <h2>抽取结果</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">检查对象</th>
            <th scope="col">执法检查人员</th>
          </tr>
        </thead>
        <tbody>
          {d.result.map((r) => (
            <tr>
              <td>{entity.get(r.entity)}</td>
              <td>{r.inspectors.map((i) => inspector.get(i)).join('、')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>检查结果</h2>
      {d.results_published_at ? (
        <>
          <p class="muted">
            {chinaDate(d.results_published_at)} 公开{d.results_late ? '（逾期）' : ''}
          </p>
          <p class="prewrap">{d.findings}</p>
        </>
      ) : (
        <p>检查结果尚未公开。</p>
      )}
    </Layout>
  );
}

export function StatsPage(p: { ctx: ViewContext; unit: { name: string; slug: string }; s: StatsRow }) {
  const f = p.s.figures;
  return (
    <Layout ctx={p.ctx} title={`${p.unit.name} ${f.year}年度行政执法数据`} crumbs={crumbs([{ label: p.unit.name, href: `/zfgs/${p.unit.slug}` }, { label: `${f.year}年度` }])}>
      <h1>
        {p.unit.name} {f.year}年度行政执法数据
      </h1>
      <p class="muted">
        {chinaDate(p.s.published_at)} 公布（应于 {f.year + 1}年1月31日前公布{p.s.late ? '，逾期' : ''}），据本平台公示的执法决定统计。
      </p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">执法类别</th>
            <th scope="col">决定数</th>
            <th scope="col">其中逾期公示</th>
            <th scope="col">其中已撤下</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(KINDS) as Kind[]).map((k) => (
            <tr>
              <th scope="row">{KINDS[k]}</th>
              <td>{f.byKind[k].total}</td>
              <td>{f.byKind[k].late}</td>
              <td>{f.byKind[k].withdrawn}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">合计</th>
            <td>{f.total}</td>
            <td>{Object.values(f.byKind).reduce((s, x) => s + x.late, 0)}</td>
            <td>{Object.values(f.byKind).reduce((s, x) => s + x.withdrawn, 0)}</td>
          </tr>
        </tbody>
      </table>
      <p>
        双随机抽查 {f.draws} 次，抽取检查对象 {f.inspectedEntities} 户。
      </p>
      {p.s.note ? <p class="prewrap">{p.s.note}</p> : null}
    </Layout>
  );
}
