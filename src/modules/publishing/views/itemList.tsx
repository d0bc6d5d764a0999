import type { ViewContext } from '../../../views/context.ts';
import { PUBLICATION_LIMIT_WORKING_DAYS } from '../timeliness.ts';
import { Layout } from '../../../views/layout.tsx';
import type { StaffListRow } from '../queries.ts';
import { STATE_LABELS, STATES, type VersionState } from '../states.ts';
import { TIMELINESS_LABELS, type TimelinessStatus } from '../timeliness.ts';
import { Pagination } from '../../../views/pagination.tsx';

export function ItemListPage(props: { ctx: ViewContext; rows: StaffListRow[]; total: number; page: number; pageSize: number; state: string; q: string; canCreate: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="政府信息" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '政府信息' }]}>
      <h1>政府信息</h1>
      {props.canCreate ? (
        <p>
          <a class="button" href="/staff/items/new">
            新建政府信息
          </a>
        </p>
      ) : null}
      <form method="get" action="/staff/items" class="filters">
        <div class="field">
          <label for="f-state">状态</label>
          <select id="f-state" name="state">
            <option value="">全部</option>
            {STATES.map((s) => (
              <option value={s} selected={s === props.state}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-q">标题、文号或索引号</label>
          <input id="f-q" name="q" type="search" value={props.q} />
        </div>
        <button type="submit" class="button secondary">
          筛选
        </button>
      </form>
      <p>共 {props.total} 条</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">单位</th>
            <th scope="col">状态</th>
            <th scope="col">索引号</th>
            <th scope="col">更新时间</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/staff/items/${r.id}`}>{r.title || '（无标题）'}</a>
                {r.status === 'withdrawn' ? <span class="badge">已撤回</span> : null}
              </td>
              <td>{r.unit_name}</td>
              <td>
                第{r.version_no}版 {STATE_LABELS[r.state as VersionState]}
              </td>
              <td>{r.index_no ?? ''}</td>
              <td>{new Date(r.updated_at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pagination base="/staff/items" params={{ state: props.state, q: props.q }} page={props.page} pageSize={props.pageSize} total={props.total} />
    </Layout>
  );
}

export function TimelinessPage(props: {
  ctx: ViewContext;
  rows: {
    id: number;
    title: string;
    unit_name: string;
    formed_date: string;
    due: string;
    provisional: boolean;
    status: TimelinessStatus;
    daysLeft: number | null;
    state: VersionState;
  }[];
}) {
  return (
    <Layout ctx={props.ctx} title="公开时限" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '公开时限' }]}>
      <h1>公开时限</h1>
      <p>条例第二十六条：属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起{PUBLICATION_LIMIT_WORKING_DAYS}个工作日内及时公开。下列为尚未发布的主动公开信息。</p>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">单位</th>
            <th scope="col">形成或变更日期</th>
            <th scope="col">应公开截止日</th>
            <th scope="col">情况</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <td>
                <a href={`/staff/items/${r.id}`}>{r.title || '（无标题）'}</a>（{STATE_LABELS[r.state]}）
              </td>
              <td>{r.unit_name}</td>
              <td>{r.formed_date}</td>
              <td>
                {r.due}
                {r.provisional ? '（暂定）' : ''}
              </td>
              <td>
                {TIMELINESS_LABELS[r.status]}
                {r.daysLeft !== null ? (r.daysLeft >= 0 ? `，剩 ${r.daysLeft} 个工作日` : `，已超 ${-r.daysLeft} 个工作日`) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
