/**
 * The knowledge base for other systems (ADR 0022): the 12345 hotline's knowledge base reads every current public
 * answer with its sources (public, like the other reads), and a unit's system pushes its own entries in as drafts
 * for the unit's review (token scope answers:write). Documented in docs/exports/knowledge-base.md.
 */
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../lib/authz.ts';
import { chinaDate } from '../../lib/clock.ts';
import { ForbiddenError, ValidationError } from '../../lib/errors.ts';
import { getUnitByCode, getUnitBySlug } from '../orgs/index.ts';
import { saveEntry } from './commands.ts';
import { catalogueItemChoices, currentPublicEntries, sourcesOfVersions } from './queries.ts';
import { ANSWER_CLASSES } from './rules.ts';
import { catalogueItemHref } from '../../lib/anchors.ts';

const str = { type: 'string' } as const;
const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };
const entrySchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    unit: str,
    question: str,
    variants: { type: 'array', items: str },
    answer: str,
    answerClass: { type: 'string', enum: Object.keys(ANSWER_CLASSES) },
    handoverUnit: { type: 'string', nullable: true },
    handoverWorkingDays: { type: 'integer', nullable: true },
    version: { type: 'integer' },
    publishedAt: { type: 'string', format: 'date-time' },
    url: str,
    sources: { type: 'array', items: { type: 'object', properties: { title: str, docNo: str, url: str } } },
    catalogueItems: { type: 'array', items: { type: 'object', properties: { area: str, level1: str, level2: str, url: str } } },
  },
} as const;

export function registerAnswerApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;

  api.get(
    '/api/v1/answers',
    {
      config: { rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags: ['answers'],
        summary: '全部现行的常见问题答复及其依据（依据已变化、待复核的不在其中），供12345热线知识库同步',
        response: { 200: { type: 'object', properties: { answers: { type: 'array', items: entrySchema } } }, ...errors },
      },
    },
    async () => {
      // Three reads however many answers: the entries, their sources, and their units' catalogue items.
      const entries = await currentPublicEntries(deps.db);
      const sources = await sourcesOfVersions(
        deps.db,
        entries.map((e) => ({ id: e.id, version: e.version_no })),
      );
      const items = await catalogueItemChoices(deps.db, [...new Set(entries.filter((e) => e.catalogue_keys.length).map((e) => e.unit_id))]);
      const out = entries.map((e) => ({
        id: e.id,
        unit: e.unit_name,
        question: e.question,
        variants: e.variants,
        answer: e.answer,
        answerClass: e.answer_class,
        handoverUnit: e.handover_unit_name,
        handoverWorkingDays: e.handover_days,
        version: e.version_no,
        publishedAt: e.published_at.toISOString(),
        url: `${base}/hdjl/wd/${e.id}`,
        sources: (sources.get(e.id) ?? []).map((s) => ({ title: s.title, docNo: s.doc_no, url: `${base}/xxgk/${s.unit_slug}/items/${s.item_id}` })),
        catalogueItems: items
          .filter((c) => c.unit_id === e.unit_id && e.catalogue_keys.includes(`${c.area_code}|${c.item_key}`))
          .map((c) => ({ area: c.area_name, level1: c.level1, level2: c.level2, url: `${base}${catalogueItemHref(c)}` })),
      }));
      return { answers: out };
    },
  );

  api.post(
    '/api/v1/answers',
    {
      schema: {
        tags: ['answers'],
        summary: '推送一条问答（作为草稿，经本单位审核后发布）',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          required: ['question', 'answer', 'answerClass', 'reviewBy'],
          additionalProperties: false,
          properties: {
            unit: { type: 'string', maxLength: 64, description: '答复单位（网址名或机构代码），默认令牌所属单位' },
            question: { type: 'string', maxLength: 300 },
            variants: { type: 'array', maxItems: 30, items: { type: 'string', maxLength: 200 } },
            answer: { type: 'string', maxLength: 10000 },
            answerClass: { type: 'string', enum: Object.keys(ANSWER_CLASSES) },
            reviewBy: { type: 'string', format: 'date' },
            sources: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 300 }, description: '依据的信息：索引号、文号或标题全文' },
          },
        },
        response: { 201: { type: 'object', properties: { id: { type: 'integer' }, state: str, url: str } }, ...errors },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      if (actor.kind === 'api' && !actor.scopes.includes('answers:write')) throw new ForbiddenError('这个接口令牌没有问答（answers:write）权限。');
      if (actor.kind !== 'api') authorize(actor, 'answer.edit');
      const b = request.body as { unit?: string; question: string; variants?: string[]; answer: string; answerClass: string; reviewBy: string; sources?: string[] };
      const unitId = b.unit ? ((await getUnitBySlug(deps.db, b.unit)) ?? (await getUnitByCode(deps.db, b.unit)))?.id : actor.kind === 'api' ? actor.unitId : undefined;
      if (!unitId) throw new ValidationError({ unit: '没有这个单位' });
      const now = deps.clock.now();
      const id = await saveEntry(
        deps.db,
        actor,
        { now, today: chinaDate(now) },
        {
          unitId,
          question: b.question,
          variants: b.variants ?? [],
          answer: b.answer,
          answerClass: b.answerClass,
          handoverUnitId: null,
          handoverDays: null,
          topic: '',
          reviewBy: b.reviewBy,
          sources: b.sources ?? [],
        },
      );
      return reply.code(201).send({ id, state: 'draft', url: `${base}/staff/answers/${id}` });
    },
  );
}
