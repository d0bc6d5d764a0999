/** Public pages of the decision catalogue and of meetings open to the public; applying to attend needs no account. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '../../lib/errors.ts';
import { field, formRoute, type FormState } from '../../lib/form.ts';
import { readNotice, withNotice } from '../../lib/notice.ts';
import { sendPage } from '../../lib/render.ts';
import { formString, idParam } from '../../lib/validation.ts';
import { getUnitBySlug } from '../orgs/index.ts';
import { getItem } from '../publishing/index.ts';
import { participationContext } from './commands/common.ts';
import { applyToAttend } from './commands/meetings.ts';
import { catalogueRevisions, decisionEvents, getDecisionEntry, publishedCatalogues, unitDecisionEntries } from './decisionQueries.ts';
import { getMeeting, meetingsOfDecision, publicMeetings, type MeetingRow } from './meetingQueries.ts';
import { CatalogueIndexPage, CataloguePage, DecisionEntryPage, MeetingListPublicPage, MeetingPublicPage } from './views/publicDecisions.tsx';

/** The history the public sees: what was listed, changed, advanced or removed, without staff names. */
const PUBLIC_EVENTS = new Set(['catalogued', 'stage', 'removed', 'edited']);

export function registerDecisionPublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const limit = { max: deps.config.anonymousPostsPer10Min, timeWindow: '10 minutes' };
  const limited = { config: { rateLimit: limit }, preHandler: app.rateLimit(limit) };
  const idOf = (request: FastifyRequest, what: string) => idParam(request.params, `没有这个${what}。`);
  const publicItemUrl = async (id: number | null) => {
    if (!id) return undefined;
    const item = await getItem(deps.db, id);
    return item?.status === 'published' ? `/xxgk/${item.unit_slug}/items/${item.id}` : undefined;
  };

  app.get('/hdjl/jcml', async (request, reply) => {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, CatalogueIndexPage({ ctx, catalogues: await publishedCatalogues(deps.db) }));
  });

  app.get('/hdjl/jcml/:slug/:year', async (request, reply) => {
    const { slug, year } = request.params as { slug: string; year: string };
    const unit = /^\d{4}$/.test(year) ? await getUnitBySlug(deps.db, slug) : undefined;
    const revisions = unit ? await catalogueRevisions(deps.db, unit.id, Number(year)) : [];
    if (!unit || !revisions.length) throw new NotFoundError('没有这个目录。');
    const wanted = Number(formString((request.query as Record<string, unknown>).revision)) || revisions[0].revision;
    const shown = revisions.find((r) => r.revision === wanted);
    if (!shown) throw new NotFoundError('没有这个版本的目录。');
    const live = new Map((await unitDecisionEntries(deps.db, unit.id, Number(year))).map((e) => [e.id, e]));
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, CataloguePage({ ctx, unitName: unit.name, year: Number(year), shown, revisions, live, base: `/hdjl/jcml/${unit.slug}/${year}` }));
  });

  app.get('/hdjl/jcml/sx/:id', async (request, reply) => {
    const e = await getDecisionEntry(deps.db, idOf(request, '决策事项'));
    // Only what a published catalogue listed is public; a draft entry is the unit's own work.
    if (!e || !e.in_catalogue) throw new NotFoundError('没有这个决策事项。');
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      DecisionEntryPage({
        ctx,
        e,
        consultationUrl: e.consultation && e.consultation.state !== 'draft' ? `/hdjl/yjzj/${e.consultation_id}` : undefined,
        decisionUrl: await publicItemUrl(e.decision_item_id),
        interpretationUrl: await publicItemUrl(e.interpretation_item_id),
        hearings: (await meetingsOfDecision(deps.db, e.id)).filter((m) => m.kind === 'hearing'),
        events: (await decisionEvents(deps.db, e.id)).filter((ev) => PUBLIC_EVENTS.has(ev.kind)).map(({ kind, at, details }) => ({ kind, at, details })),
      }),
    );
  });

  app.get('/hdjl/hy', async (request, reply) => {
    const p = await participationContext(deps);
    const all = await publicMeetings(deps.db);
    const ctx = app.viewContext(request, reply);
    const upcoming = all.filter((m) => m.held_on >= p.today && m.state === 'published').reverse();
    return sendPage(request, reply, ctx, MeetingListPublicPage({ ctx, upcoming, past: all.filter((m) => !upcoming.includes(m)) }));
  });

  const canApply = (m: MeetingRow, today: string) => m.state === 'published' && !!m.how_to_apply.trim() && today <= (m.apply_until ?? m.held_on);

  async function meetingPage(request: FastifyRequest, reply: FastifyReply, id: number, state: Partial<FormState> = {}) {
    const m = await getMeeting(deps.db, id);
    if (!m || m.state === 'draft') throw new NotFoundError('没有这个会议。');
    const p = await participationContext(deps);
    const ctx = app.viewContext(request, reply);
    return sendPage(
      request,
      reply,
      ctx,
      MeetingPublicPage({
        ctx,
        m,
        canApply: canApply(m, p.today),
        values: state.values ?? {},
        errors: state.errors ?? {},
        message: state.errors && Object.keys(state.errors).length ? undefined : state.message,
        notice: readNotice(request.query, deps.config.secret),
      }),
      { status: state.status },
    );
  }
  app.get('/hdjl/hy/:id', (request, reply) => meetingPage(request, reply, idOf(request, '会议')));

  formRoute(app, '/hdjl/hy/:id/apply', {
    options: limited,
    guard: (request) => idOf(request, '会议'),
    schema: z.object({ name: field.text(100), organisation: field.text(200), contact: field.text(200), role: field.text(20), reason: field.text(2000) }),
    render: ({ request, reply, subject }, state) => meetingPage(request, reply, subject, state),
    run: async (input, { reply, subject }) => {
      const p = await participationContext(deps);
      const id = await applyToAttend(deps.db, p.now, p.today, subject, input);
      return reply.redirect(withNotice(`/hdjl/hy/${subject}`, `报名已提交，编号 ${id}。是否安排列席将通过您留下的联系方式告知。`, deps.config.secret), 303);
    },
  });
}
