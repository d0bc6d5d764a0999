/** Public pages of the decision catalogue and of open meetings: lists, one entry with its history, one meeting. */
import type { ViewContext } from '../../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../../views/layout.tsx';
import { chinaDate } from '../../../lib/clock.ts';
import { trustStored } from '../../../lib/html.ts';
import type { DecisionEntryRow, PublishedCatalogue, RevisionRow } from '../decisionQueries.ts';
import type { MeetingRow } from '../meetingQueries.ts';
import { DECISION_STAGES } from '../decisions.ts';
import { attendance, ATTENDEE_ROLES, MEETING_KINDS } from '../meetings.ts';
import { DecisionHistory, StepList } from './decisionParts.tsx';

const jcCrumbs = (...rest: { label: string; href?: string }[]) => [{ label: '首页', href: '/' }, { label: '重大行政决策事项目录', href: '/hdjl/jcml' }, ...rest];
const hyCrumbs = (last?: string) => [{ label: '首页', href: '/' }, ...(last ? [{ label: '会议开放', href: '/hdjl/hy' }, { label: last }] : [{ label: '会议开放' }])];

export function CatalogueIndexPage(p: { ctx: ViewContext; catalogues: PublishedCatalogue[] }) {
  return (
    <Layout ctx={p.ctx} title="重大行政决策事项目录" crumbs={jcCrumbs().slice(0, 1).concat({ label: '重大行政决策事项目录' })}>
      <h1>重大行政决策事项目录</h1>
      <p>各级政府及其部门每年公布的重大行政决策事项目录，以及每个事项的办理阶段、公众参与、专家论证、风险评估、合法性审查和集体讨论决定等程序的完成情况。</p>
      {p.catalogues.length ? (
        <ul class="item-list">
          {p.catalogues.map((c) => (
            <li>
              <a href={`/hdjl/jcml/${c.unit_slug}/${c.year}`}>
                {c.unit_name} {c.year}年度
              </a>
              <span class="muted">
                {' '}
                {c.count}项 · 第{c.revision}版 · {chinaDate(c.published_at)}公布
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>暂无。</p>
      )}
    </Layout>
  );
}

export function CataloguePage(p: {
  ctx: ViewContext;
  unitName: string;
  year: number;
  shown: RevisionRow;
  revisions: RevisionRow[];
  live: Map<number, DecisionEntryRow>;
  base: string;
}) {
  const latest = p.revisions[0];
  return (
    <Layout ctx={p.ctx} title={`${p.unitName}${p.year}年度重大行政决策事项目录`} crumbs={jcCrumbs({ label: `${p.unitName} ${p.year}年度` })}>
      <h1>
        {p.unitName}
        {p.year}年度重大行政决策事项目录
      </h1>
      <p>
        第{p.shown.revision}版，{chinaDate(p.shown.published_at)}公布
        {p.shown.revision !== latest.revision ? (
          <>
            {'（这是历史版本，'}
            <a href={p.base}>查看现行目录</a>）
          </>
        ) : null}
      </p>
      {p.shown.note ? <p>调整说明：{p.shown.note}</p> : null}
      <div class="table-scroll" tabIndex={0} role="region" aria-label="目录（可左右滚动）">
        <table class="data">
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">决策事项</th>
              <th scope="col">承办单位</th>
              <th scope="col">计划决策时间</th>
              <th scope="col">目前阶段</th>
            </tr>
          </thead>
          <tbody>
            {p.shown.entries.map((e) => {
              const now = p.live.get(e.id);
              return (
                <tr>
                  <td>{e.code}</td>
                  <td>
                    <a href={`/hdjl/jcml/sx/${e.id}`}>{e.title}</a>
                  </td>
                  <td>{e.leadUnit}</td>
                  <td>{e.plannedOn}</td>
                  <td>{!now ? '' : now.state === 'removed' ? '已移除' : DECISION_STAGES[now.stage]}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {p.revisions.length > 1 ? (
        <section aria-labelledby="rev-h">
          <h2 id="rev-h">各版本</h2>
          <ul>
            {p.revisions.map((r) => (
              <li>
                {r.revision === p.shown.revision ? (
                  <strong>第{r.revision}版</strong>
                ) : (
                  <a href={r.revision === latest.revision ? p.base : `${p.base}?revision=${r.revision}`}>第{r.revision}版</a>
                )}
                ，{chinaDate(r.published_at)}公布，{r.entries.length}项{r.note ? `。${r.note}` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

export function DecisionEntryPage(p: {
  ctx: ViewContext;
  e: DecisionEntryRow;
  consultationUrl?: string;
  decisionUrl?: string;
  interpretationUrl?: string;
  hearings: MeetingRow[];
  events: { kind: string; at: Date; details: Record<string, unknown> }[];
}) {
  const { e } = p;
  return (
    <Layout ctx={p.ctx} title={e.title} crumbs={jcCrumbs({ label: `${e.unit_name} ${e.year}年度`, href: `/hdjl/jcml/${e.unit_slug}/${e.year}` }, { label: e.code })}>
      <h1>{e.title}</h1>
      {e.state === 'removed' ? (
        <div class="banner-warning" role="note">
          本事项已从目录中移除：{e.removed_reason}
        </div>
      ) : null}
      <dl class="facts">
        <dt>编号</dt>
        <dd>{e.code}</dd>
        <dt>决策机关</dt>
        <dd>{e.unit_name}</dd>
        <dt>承办单位</dt>
        <dd>{e.lead_unit}</dd>
        <dt>计划决策时间</dt>
        <dd>{e.planned_on}</dd>
        <dt>目前阶段</dt>
        <dd>{DECISION_STAGES[e.stage]}</dd>
        {e.decided_on ? (
          <>
            <dt>决定日期</dt>
            <dd>{e.decided_on}</dd>
          </>
        ) : null}
        {e.summary ? (
          <>
            <dt>事项说明</dt>
            <dd>{e.summary}</dd>
          </>
        ) : null}
        {p.consultationUrl ? (
          <>
            <dt>公开征求意见</dt>
            <dd>
              <a href={p.consultationUrl}>{e.consultation?.title}</a>
            </dd>
          </>
        ) : null}
        {p.hearings.map((h) => (
          <>
            <dt>听证会</dt>
            <dd>
              <a href={`/hdjl/hy/${h.id}`}>{h.title}</a>（{h.held_on}）
            </dd>
          </>
        ))}
        {p.decisionUrl ? (
          <>
            <dt>决策文件</dt>
            <dd>
              <a href={p.decisionUrl}>{e.decision_item?.title}</a>
            </dd>
          </>
        ) : null}
        {p.interpretationUrl ? (
          <>
            <dt>政策解读</dt>
            <dd>
              <a href={p.interpretationUrl}>{e.interpretation_item?.title}</a>
            </dd>
          </>
        ) : null}
      </dl>
      <h2>决策程序</h2>
      <StepList steps={e.steps} />
      <DecisionHistory events={p.events} />
    </Layout>
  );
}

export function MeetingListPublicPage(p: { ctx: ViewContext; upcoming: MeetingRow[]; past: MeetingRow[] }) {
  const row = (m: MeetingRow) => (
    <li>
      <a href={`/hdjl/hy/${m.id}`}>{m.title}</a>
      <span class="muted">
        {' '}
        {m.unit_name} · {MEETING_KINDS[m.kind]} · {m.held_on}
        {m.state === 'withdrawn' ? ' · 已取消' : ''}
      </span>
    </li>
  );
  return (
    <Layout ctx={p.ctx} title="会议开放" crumbs={hyCrumbs()}>
      <h1>会议开放</h1>
      <p>涉及群众切身利益的会议，邀请利益相关方、公众代表、专家和媒体列席；重大行政决策的听证会在这里预告并公布参加人名单。</p>
      <h2>即将召开</h2>
      {p.upcoming.length ? <ul class="item-list">{p.upcoming.map(row)}</ul> : <p>暂无。</p>}
      <h2>已召开</h2>
      {p.past.length ? <ul class="item-list">{p.past.map(row)}</ul> : <p>暂无。</p>}
    </Layout>
  );
}

export function MeetingPublicPage(p: {
  ctx: ViewContext;
  m: MeetingRow;
  canApply: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const { m } = p;
  const n = attendance(m);
  return (
    <Layout ctx={p.ctx} title={m.title} crumbs={hyCrumbs(m.title)}>
      <h1>{m.title}</h1>
      {p.notice ? (
        <div class="notice" role="status">
          {p.notice}
        </div>
      ) : null}
      {!p.canApply && p.message ? <ErrorSummary errors={{}} message={p.message} /> : null}
      {m.state === 'withdrawn' ? (
        <div class="banner-warning" role="note">
          本次会议已取消：{m.withdrawn_reason}
        </div>
      ) : null}
      <dl class="facts">
        <dt>类型</dt>
        <dd>{MEETING_KINDS[m.kind]}</dd>
        <dt>单位</dt>
        <dd>{m.unit_name}</dd>
        <dt>时间</dt>
        <dd>
          {m.held_on} {m.starts_at}
        </dd>
        {m.place ? (
          <>
            <dt>地点</dt>
            <dd>{m.place}</dd>
          </>
        ) : null}
        {m.decision_entry_id ? (
          <>
            <dt>决策事项</dt>
            <dd>
              <a href={`/hdjl/jcml/sx/${m.decision_entry_id}`}>
                {m.decision_code} {m.decision_title}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      {m.agenda ? (
        <section aria-labelledby="agenda-h">
          <h2 id="agenda-h">议题</h2>
          {m.agenda.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </section>
      ) : null}
      {m.kind === 'hearing' && m.participants ? (
        <section aria-labelledby="participants-h">
          <h2 id="participants-h">听证参加人名单</h2>
          {m.participants.split('\n').map((t) => (
            <p>{t}</p>
          ))}
        </section>
      ) : null}
      {n > 0 ? (
        <section aria-labelledby="attend-h">
          <h2 id="attend-h">列席情况</h2>
          <p>
            利益相关方{m.stakeholders}人，公众代表{m.public_reps}人，专家{m.experts}人，媒体{m.media}家。
          </p>
          {m.attending_orgs ? <p>{m.attending_orgs}</p> : null}
        </section>
      ) : null}
      {m.minutes_html ? (
        <section aria-labelledby="minutes-h">
          <h2 id="minutes-h">会议主要内容</h2>
          <div class="doc-body" dangerouslySetInnerHTML={{ __html: trustStored(m.minutes_html) }} />
        </section>
      ) : null}
      {m.video_url ? (
        <p>
          <a href={m.video_url} rel="noopener">
            会议视频
          </a>
        </p>
      ) : null}
      {p.canApply ? <ApplyForm p={p} /> : null}
    </Layout>
  );
}

function ApplyForm({ p }: { p: Parameters<typeof MeetingPublicPage>[0] }) {
  const v = p.values;
  const e = p.errors;
  return (
    <section aria-labelledby="apply-h" id="apply">
      <h2 id="apply-h">报名列席</h2>
      <p>{p.m.how_to_apply}</p>
      <p class="hint">
        报名截止：{p.m.apply_until ?? p.m.held_on}
        {p.m.seats ? `；名额${p.m.seats}个` : ''}。是否安排列席将通过您留下的联系方式告知。
      </p>
      <ErrorSummary errors={e} message={p.message} />
      <form method="post" action={`/hdjl/hy/${p.m.id}/apply`}>
        <CsrfField ctx={p.ctx} />
        <Field name="name" label="姓名" value={v.name} error={e.name} required autocomplete="name" />
        <Field name="organisation" label="工作单位（可不填）" value={v.organisation} error={e.organisation} autocomplete="organization" />
        <Field name="contact" label="手机号或电子邮箱" value={v.contact} error={e.contact} required />
        <Select
          name="role"
          label="列席身份"
          options={Object.entries(ATTENDEE_ROLES).map(([value, label]) => ({ value, label }))}
          value={v.role}
          error={e.role}
          required
          blank="请选择"
        />
        <Field name="reason" label="与议题的关系或想说明的情况（可不填）" textarea rows={3} value={v.reason} error={e.reason} />
        <p class="hint">您的姓名和联系方式只用于安排列席，不会公开。</p>
        <button type="submit" class="button">
          提交报名
        </button>
      </form>
    </section>
  );
}
