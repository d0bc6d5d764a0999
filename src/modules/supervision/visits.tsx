/**
 * The visits report (网站访问情况, HZ 三(四)): page views of each unit's 政府信息公开 column and of its sections, over a
 * period, from the daily sums the portal keeps (no reader is identified). As a page and as CSV.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, grantedPaths } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { chinaDate } from '../../lib/clock.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { csvDocument } from '../../lib/csv.ts';
import type { ViewContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import { visitsReport, type VisitRow } from '../portal/index.ts';
import { SECTION_BY_CODE } from '../publishing/index.ts';

const sectionName = (code: string) => (code ? (SECTION_BY_CODE.get(code)?.label ?? code) : '栏目首页');

function VisitsPage(props: { ctx: ViewContext; from: string; to: string; rows: VisitRow[] }) {
  const byUnit = new Map<number, { name: string; total: number; rows: VisitRow[] }>();
  for (const r of props.rows) {
    const u = byUnit.get(r.unit_id) ?? { name: r.unit_name, total: 0, rows: [] };
    u.total += r.views;
    u.rows.push(r);
    byUnit.set(r.unit_id, u);
  }
  const q = `from=${props.from}&to=${props.to}`;
  return (
    <Layout ctx={props.ctx} title="网站访问情况" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '监督检查', href: '/staff/supervision' }, { label: '网站访问情况' }]}>
      <h1>网站访问情况</h1>
      <p>各单位政府信息公开栏目的浏览次数（不记录访问者身份，不使用 Cookie；搜索引擎等自动访问不计）。信息页的浏览计入其所在栏目。</p>
      <form method="get" action="/staff/supervision/visits" class="inline-search">
        <label for="v-from">自</label>
        <input id="v-from" name="from" type="date" value={props.from} />
        <label for="v-to">至</label>
        <input id="v-to" name="to" type="date" value={props.to} />
        <button type="submit" class="button secondary">
          查看
        </button>
        <a href={`/staff/supervision/visits.csv?${q}`}>导出 CSV</a>
      </form>
      {byUnit.size ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">单位</th>
              <th scope="col">栏目</th>
              <th scope="col">浏览次数</th>
              <th scope="col">被浏览的信息条数</th>
            </tr>
          </thead>
          <tbody>
            {[...byUnit.values()].flatMap((u) => [
              <tr>
                <th scope="row">{u.name}</th>
                <td>合计</td>
                <td>
                  <strong>{u.total}</strong>
                </td>
                <td>{u.rows.reduce((n, r) => n + r.items, 0)}</td>
              </tr>,
              ...u.rows.map((r) => (
                <tr>
                  <td></td>
                  <td>{sectionName(r.section)}</td>
                  <td>{r.views}</td>
                  <td>{r.items}</td>
                </tr>
              )),
            ])}
          </tbody>
        </table>
      ) : (
        <p>这一期间没有浏览记录。</p>
      )}
    </Layout>
  );
}

export function registerVisitsRoutes(app: FastifyInstance) {
  const { deps } = app;
  const period = (request: FastifyRequest) => {
    authorize(request.actor, 'supervision.read');
    const q = request.query as Record<string, unknown>;
    const today = chinaDate(deps.clock.now());
    const monthAgo = chinaDate(new Date(deps.clock.now().getTime() - 29 * 86400_000));
    const from = typeof q.from === 'string' && isValidDate(q.from) ? q.from : monthAgo;
    const to = typeof q.to === 'string' && isValidDate(q.to) ? q.to : today;
    return { from, to, paths: grantedPaths(request.actor, ['office_admin']) };
  };

  app.get('/staff/supervision/visits', async (request, reply) => {
    const { from, to, paths } = period(request);
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, VisitsPage({ ctx, from, to, rows: await visitsReport(deps.db, paths, from, to) }));
  });

  app.get('/staff/supervision/visits.csv', async (request, reply) => {
    const { from, to, paths } = period(request);
    const rows = await visitsReport(deps.db, paths, from, to);
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="visits-${from}-${to}.csv"`)
      .header('Cache-Control', 'no-store')
      .send(csvDocument([['单位', '栏目', '浏览次数', '被浏览的信息条数'], ...rows.map((r) => [r.unit_name, sectionName(r.section), r.views, r.items])]));
  });
}
