/** Staff routes of meetings open to the public and hearings. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, can, grantedPaths } from '../../lib/authz.ts';
import { idParam } from '../../lib/validation.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { listUnits } from '../orgs/index.ts';
import { participationContext } from './commands/common.ts';
import { decideApplications, publishMeeting, saveMeeting, withdrawMeeting } from './commands/meetings.ts';
import { listDecisionEntries } from './decisionQueries.ts';
import { getMeeting, listMeetings, meetingApplications, meetingEvents, type MeetingRow } from './meetingQueries.ts';
import { meetingProblems, openMeetingCounts } from './meetings.ts';
import { MeetingDetailPage, MeetingFormPage, MeetingListPage } from './views/meetingPages.tsx';

const meetingSchema = z.object({
  unitId: field.int('请选择单位'),
  kind: field.text(20),
  title: field.text(300),
  heldOn: field.text(20),
  startsAt: field.text(10),
  place: field.text(300),
  agenda: field.text(5000),
  howToApply: field.text(2000),
  applyUntil: field.text(20),
  seats: field.text(10),
  materialsSentOn: field.text(20),
  participants: field.text(10_000),
  stakeholders: field.text(10),
  publicReps: field.text(10),
  experts: field.text(10),
  media: field.text(10),
  attendingOrgs: field.text(5000),
  minutesHtml: field.text(500_000),
  videoUrl: field.text(500),
  decisionEntryId: field.text(20),
});

export function registerMeetingStaffRoutes(app: FastifyInstance) {
  const { deps } = app;
  const idOf = (request: FastifyRequest) => idParam(request.params, '没有这个会议。');
  const myUnits = async (request: FastifyRequest) => {
    const paths = grantedPaths(request.actor, ['office_admin', 'publisher']);
    return (await listUnits(deps.db)).filter((u) => paths.some((p) => u.path.startsWith(p)));
  };
  const load = async (request: FastifyRequest, id: number) => {
    const m = await getMeeting(deps.db, id);
    if (!m) throw new NotFoundError('没有这个会议。');
    authorize(request.actor, 'meeting.edit', { unitPath: m.unit_path });
    return m;
  };
  const back = (reply: FastifyReply, id: number, notice: string) => reply.redirect(withNotice(`/staff/meetings/${id}`, notice, deps.config.secret), 303);

  app.get('/staff/meetings', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    const p = await participationContext(deps);
    const rows = await listMeetings(deps.db, grantedPaths(request.actor, ['office_admin', 'publisher', 'reviewer']));
    const units = await myUnits(request);
    const year = Number(p.today.slice(0, 4));
    const minimum = deps.config.openMeetingsPerHalfYear;
    const halfYears = units.flatMap((u) =>
      openMeetingCounts(
        rows.filter((m) => m.unit_id === u.id),
        year,
        p.today,
      ).map((h) => ({ unit: u.name, label: h.label, count: h.count, ended: h.ended, short: h.count < minimum })),
    );
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, MeetingListPage({ ctx, rows, halfYears, minimum, canCreate: units.length > 0, notice: readNotice(request.query, deps.config.secret) }));
  });

  const formPage = async (request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, state: Partial<FormState> = {}, m?: MeetingRow) => {
    const units = await myUnits(request);
    // Entries of the meeting's unit or of a government above it (a department holds the hearing of its decision).
    const below = m ? [m.unit_path] : units.map((u) => u.path);
    const decisions = (await listDecisionEntries(deps.db, ['/']))
      // Only entries the clerk may see: published in a catalogue, or of a unit they keep entries for.
      .filter((e) => e.state === 'listed' && below.some((p) => p.startsWith(e.unit_path)) && (e.in_catalogue || can(request.actor, 'decision.edit', { unitPath: e.unit_path })))
      .map((e) => ({ id: e.id, label: `${e.code} ${e.title}（${e.unit_name}）` }));
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      MeetingFormPage({ ctx, id: m?.id, units: units.map((u) => ({ id: u.id, name: u.name })), decisions, values, errors: state.errors ?? {} }),
      {
        status: state.status,
      },
    );
  };

  app.get('/staff/meetings/new', async (request, reply) => {
    authorize(request.actor, 'staff.enter');
    if (!(await myUnits(request)).length) authorize(request.actor, 'meeting.edit', { unitPath: '/' });
    return formPage(request, reply, { kind: 'open_meeting' });
  });

  formRoute(app, '/staff/meetings/new', {
    guard: (request) => authorize(request.actor, 'staff.enter'),
    schema: meetingSchema,
    render: ({ request, reply, values }, state) => formPage(request, reply, values, state),
    run: async (input, { request, reply }) => {
      const id = await saveMeeting(deps.db, request.actor, deps.clock.now(), input);
      return back(reply, id, '已保存；发布后在“会议开放”栏目公布。');
    },
  });

  app.get('/staff/meetings/:id/edit', async (request, reply) => {
    const m = await load(request, idOf(request));
    const str = (n: number | null) => (n === null ? '' : String(n));
    const values = {
      kind: m.kind,
      title: m.title,
      heldOn: m.held_on,
      startsAt: m.starts_at,
      place: m.place,
      agenda: m.agenda,
      howToApply: m.how_to_apply,
      applyUntil: m.apply_until ?? '',
      seats: str(m.seats),
      materialsSentOn: m.materials_sent_on ?? '',
      participants: m.participants,
      stakeholders: str(m.stakeholders),
      publicReps: str(m.public_reps),
      experts: str(m.experts),
      media: str(m.media),
      attendingOrgs: m.attending_orgs,
      minutesHtml: m.minutes_html,
      videoUrl: m.video_url,
      decisionEntryId: str(m.decision_entry_id),
    };
    return formPage(request, reply, values, {}, m);
  });

  formRoute(app, '/staff/meetings/:id/edit', {
    guard: (request) => load(request, idOf(request)),
    schema: meetingSchema,
    render: ({ request, reply, values, subject }, state) => formPage(request, reply, values, state, subject),
    run: async (input, { request, reply, subject }) => {
      await saveMeeting(deps.db, request.actor, deps.clock.now(), input, subject.id);
      return back(reply, subject.id, '已保存。');
    },
  });

  async function detail(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const m = await load(request, id);
    const p = await participationContext(deps);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      MeetingDetailPage({
        ctx,
        m,
        problems: meetingProblems(m, p.today),
        applications: await meetingApplications(deps.db, m.id),
        events: await meetingEvents(deps.db, m.id),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/staff/meetings/:id', (request, reply) => detail(request, reply, idOf(request)));
  const again = ({ request, reply, subject }: { request: FastifyRequest; reply: FastifyReply; subject: number }, state: FormState) => detail(request, reply, subject, state);

  formRoute(app, '/staff/meetings/:id/publish', {
    guard: (request) => idOf(request),
    schema: z.object({}),
    render: again,
    run: async (_input, { request, reply, subject }) => {
      await publishMeeting(deps.db, request.actor, deps.clock.now(), subject);
      return back(reply, subject, '已发布。');
    },
  });

  formRoute(app, '/staff/meetings/:id/withdraw', {
    guard: (request) => idOf(request),
    schema: z.object({ withdrawReason: field.text(500) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      await withdrawMeeting(deps.db, request.actor, deps.clock.now(), subject, input.withdrawReason);
      return back(reply, subject, '已撤回，原因已在页面上公开。');
    },
  });

  formRoute(app, '/staff/meetings/:id/applications', {
    guard: (request) => idOf(request),
    schema: z.object({ ids: field.list(1000), status: field.text(20), answer: field.text(1000) }),
    render: again,
    run: async (input, { request, reply, subject }) => {
      const n = await decideApplications(deps.db, request.actor, deps.clock.now(), subject, input.ids.map(Number).filter(Number.isSafeInteger), input.status, input.answer);
      return back(reply, subject, `已处理${n}份报名。`);
    },
  });
}
