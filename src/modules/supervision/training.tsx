/**
 * Training records (培训记录, LS 六(二)): sessions with date, topic and attendees for each unit, entered by the office;
 * units without one this year show under 业务培训 in supervision.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorUserId, authorize, grantedPaths } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import { audit } from '../../lib/audit.ts';
import { field, formRoute } from '../../lib/form.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { chinaDate } from '../../lib/clock.ts';
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout, Select } from '../../views/layout.tsx';
import { asTree, listUnits } from '../orgs/index.ts';

interface SessionRow {
  id: number;
  unit_name: string;
  held_on: string;
  topic: string;
  attendees: string[];
}

function TrainingPage(props: {
  ctx: ViewContext;
  year: number;
  units: { id: number; name: string; depth: number; sessions: number }[];
  sessions: SessionRow[];
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string;
  notice?: string;
}) {
  const v = props.values;
  return (
    <Layout ctx={props.ctx} title="业务培训" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '监督检查', href: '/staff/supervision' }, { label: '业务培训' }]}>
      <h1>政务公开业务培训</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <p>记录各单位政务公开工作人员参加的培训。{props.year}年7月1日后仍无培训记录的单位，在监督检查的“业务培训”中列出。</p>
      <h2>{props.year}年各单位培训次数</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">培训次数</th>
          </tr>
        </thead>
        <tbody>
          {props.units.map((u) => (
            <tr>
              <td class={`depth-${Math.min(u.depth, 3)}`}>{u.name}</td>
              <td class={u.sessions ? undefined : 'status-overdue'}>{u.sessions || '无'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>登记培训</h2>
      <ErrorSummary errors={props.errors} message={props.message} />
      <form method="post" action="/staff/supervision/training">
        <CsrfField ctx={props.ctx} />
        <Select
          name="unit"
          label="单位"
          value={v.unit}
          error={props.errors.unit}
          required
          blank="请选择"
          options={props.units.map((u) => ({ value: String(u.id), label: `${'　'.repeat(Math.min(u.depth, 3))}${u.name}` }))}
        />
        <Field name="heldOn" label="培训日期" type="date" value={v.heldOn} error={props.errors.heldOn} required />
        <Field name="topic" label="培训主题" value={v.topic} error={props.errors.topic} required />
        <Field name="attendees" label="参加人员（每行一人，或用顿号分隔）" textarea rows={3} value={v.attendees} error={props.errors.attendees} required />
        <button type="submit" class="button">
          登记
        </button>
      </form>
      <h2>培训记录</h2>
      {props.sessions.length ? (
        <table class="data">
          <thead>
            <tr>
              <th scope="col">日期</th>
              <th scope="col">单位</th>
              <th scope="col">主题</th>
              <th scope="col">参加人员</th>
            </tr>
          </thead>
          <tbody>
            {props.sessions.map((s) => (
              <tr>
                <td>{s.held_on}</td>
                <td>{s.unit_name}</td>
                <td>{s.topic}</td>
                <td>{s.attendees.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>暂无记录。</p>
      )}
    </Layout>
  );
}

export function registerTrainingRoutes(app: FastifyInstance) {
  const { deps } = app;
  const scopeOf = async (request: FastifyRequest) => {
    authorize(request.actor, 'supervision.read');
    const paths = grantedPaths(request.actor, ['office_admin']);
    return asTree(await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
  };

  async function page(
    request: FastifyRequest,
    reply: Parameters<typeof sendPage>[1],
    extra: { values?: Record<string, string>; errors?: Record<string, string>; message?: string; status?: number } = {},
  ) {
    const units = await scopeOf(request);
    const year = Number(chinaDate(deps.clock.now()).slice(0, 4));
    const ids = units.map((u) => u.id);
    const names = new Map(units.map((u) => [u.id, u.name]));
    const sessions = (
      await deps.db.query<Omit<SessionRow, 'unit_name'> & { unit_id: number }>(
        `SELECT id::int, unit_id, held_on::text, topic, attendees FROM training_sessions WHERE unit_id = ANY($1::int[]) ORDER BY held_on DESC, id DESC LIMIT 500`,
        [ids],
      )
    ).rows.map((r) => ({ ...r, unit_name: names.get(r.unit_id) ?? '' }));
    const counts = new Map<number, number>();
    for (const s of sessions) if (s.held_on.startsWith(String(year))) counts.set(s.unit_id, (counts.get(s.unit_id) ?? 0) + 1);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      TrainingPage({
        ctx,
        year,
        units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth, sessions: counts.get(u.id) ?? 0 })),
        sessions,
        values: extra.values ?? {},
        errors: extra.errors ?? {},
        message: extra.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: extra.status },
    );
  }

  app.get('/staff/supervision/training', async (request, reply) => page(request, reply));

  formRoute(app, '/staff/supervision/training', {
    guard: scopeOf,
    schema: z.object({
      unit: field.int('请选择单位'),
      heldOn: field.date('请填写培训日期'),
      topic: field.required('请填写培训主题', 200),
      attendees: field.required('请填写参加人员', 2000),
    }),
    render: ({ request, reply, values }, state) => page(request, reply, { ...state, values }),
    run: async (input, { request, reply, subject: units }) => {
      const unit = units.find((u) => u.id === input.unit);
      if (!unit) throw new NotFoundError('没有这个单位，或不在您的范围内。');
      if (input.heldOn > chinaDate(deps.clock.now())) throw new ValidationError({ heldOn: '培训日期不能晚于今天' });
      const attendees = input.attendees
        .split(/[\n、,，;；]+/)
        .map((a) => a.trim())
        .filter(Boolean)
        .slice(0, 200);
      const now = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        const r = await tx.query<{ id: number }>(
          'INSERT INTO training_sessions (unit_id, held_on, topic, attendees, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int',
          [unit.id, input.heldOn, input.topic, attendees, actorUserId(request.actor), now],
        );
        await audit(tx, request.actor, {
          at: now,
          action: 'training.recorded',
          subjectType: 'training_session',
          subjectId: r.rows[0].id,
          unitId: unit.id,
          details: { heldOn: input.heldOn, topic: input.topic, attendees: attendees.length },
        });
      });
      return reply.redirect(withNotice('/staff/supervision/training', `已登记：${unit.name} ${input.heldOn} ${input.topic}`, deps.config.secret), 303);
    },
  });
}
