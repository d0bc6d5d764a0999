/** The office's working-day calendar screen: known years, corrections, and import of State Council notices. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, ValidationError } from '../../lib/errors.ts';
import { field, formRoute, type FormContext, type FormState } from '../../lib/form.ts';
import { authorize } from '../../lib/authz.ts';
import { sendPage } from '../../lib/render.ts';
import type { ViewContext } from '../../views/context.ts';
import { CsrfField, ErrorSummary, Field, Layout } from '../../views/layout.tsx';

function CalendarPage(props: {
  ctx: ViewContext;
  years: number[];
  overrides: { day: string; is_working_day: boolean; name: string; source: string }[];
  errors: Record<string, string>;
  message?: string;
  notice?: string;
  values?: Record<string, string>;
}) {
  const v = props.values ?? {};
  return (
    <Layout ctx={props.ctx} title="工作日历" staff crumbs={[{ label: '工作台', href: '/staff' }, { label: '工作日历' }]}>
      <h1>工作日历</h1>
      <p>工作日按国务院办公厅每年发布的节假日安排计算，包括调休上班日。尚未发布安排的年份视为“未知”，据此计算的期限标注为暂定。</p>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <ErrorSummary errors={props.errors} message={props.message} />
      <p>已有节假日安排的年份：{props.years.join('、')}</p>
      <h2>导入国务院节假日安排（holiday-cn JSON 格式）</h2>
      <form method="post" action="/staff/calendar/import" enctype="multipart/form-data">
        <CsrfField ctx={props.ctx} />
        <div class="field">
          <label for="f-files">选择一个或多个 JSON 文件</label>
          <input id="f-files" name="files" type="file" accept=".json,application/json" multiple />
        </div>
        <button type="submit" class="button secondary">
          导入
        </button>
      </form>
      <h2>更正某一天</h2>
      <form method="post" action="/staff/calendar/day">
        <CsrfField ctx={props.ctx} />
        <Field name="day" label="日期" type="date" value={v.day} error={props.errors.day} required />
        <div class="field">
          <label for="f-working">这一天</label>
          <select id="f-working" name="working">
            <option value="false" selected={v.working !== 'true'}>
              放假（非工作日）
            </option>
            <option value="true" selected={v.working === 'true'}>
              上班（工作日，含调休上班）
            </option>
          </select>
        </div>
        <Field name="name" label="名称（如：春节、国庆节）" value={v.name} error={props.errors.name} />
        <button type="submit" class="button">
          保存
        </button>
      </form>
      <h2>导入和更正的日期</h2>
      <table class="data">
        <thead>
          <tr>
            <th scope="col">日期</th>
            <th scope="col">工作日</th>
            <th scope="col">名称</th>
            <th scope="col">来源</th>
          </tr>
        </thead>
        <tbody>
          {props.overrides.map((o) => (
            <tr>
              <td>{o.day}</td>
              <td>{o.is_working_day ? '上班' : '放假'}</td>
              <td>{o.name}</td>
              <td>{o.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}

export function registerCalendarRoutes(app: FastifyInstance) {
  const { deps } = app;

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { errors?: Record<string, string>; message?: string; status?: number; notice?: string; values?: Record<string, string> } = {},
  ) {
    const cal = await deps.calendar.get();
    const overrides = (
      await deps.db.query<{ day: string; is_working_day: boolean; name: string; source: string }>(
        'SELECT day, is_working_day, name, source FROM calendar_days ORDER BY day DESC LIMIT 200',
      )
    ).rows;
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      CalendarPage({ ctx, years: cal.knownYears(), overrides, errors: extra.errors ?? {}, message: extra.message, notice: extra.notice, values: extra.values }),
      { status: extra.status },
    );
  }

  app.get('/staff/calendar', async (request, reply) => {
    authorize(request.actor, 'calendar.manage');
    return render(request, reply);
  });

  const guard = (request: FastifyRequest) => authorize(request.actor, 'calendar.manage');
  const again = ({ request, reply }: FormContext, state: FormState) => render(request, reply, state);

  formRoute(app, '/staff/calendar/day', {
    guard,
    schema: z.object({ day: field.date('请填写有效日期'), working: field.oneOf(['false', 'true'], '请选择这一天放假还是上班'), name: field.text(20) }),
    render: again,
    run: async (input, { request, reply }) => {
      await deps.db.transaction((tx) => deps.calendar.setDay(tx, input.day, input.working === 'true', input.name, request.actor));
      return render(request, reply, { notice: `已保存：${input.day} ${input.working === 'true' ? '上班' : '放假'}` });
    },
  });

  formRoute(app, '/staff/calendar/import', {
    guard,
    files: ['files'],
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, files }) => {
      if (!files.length) throw new ValidationError({ files: '请选择要导入的文件' }, '请选择要导入的文件。');
      const parsed = files.map((f) => {
        try {
          return { name: f.filename, data: JSON.parse(f.content.toString('utf8')) as unknown };
        } catch {
          throw new AppError('VALIDATION_FAILED', 400, '节假日文件有误，未导入任何内容。', { [f.filename]: '不是有效的 JSON' });
        }
      });
      const r = await deps.calendar.importHolidayCn(parsed, request.actor);
      return render(request, reply, { notice: `已导入：${r.map((y) => `${y.year} 年 ${y.days} 天`).join('，')}` });
    },
  });
}
