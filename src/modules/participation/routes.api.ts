/**
 * Public reads of consultations for other sites and apps (CORS like the other public reads): the list with status and
 * dates, and the published comments of one — only moderated comments whose writers agreed, masked like the page.
 */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { splitClauses } from './clauses.ts';
import { participationContext } from './commands/common.ts';
import { getConsultation, listComments, publicConsultations, type ConsultationRow } from './queries.ts';
import { DISPOSITIONS, maskName, maskText } from './report.ts';
import { consultationStatus, STATUS_LABELS, type ConsultationStatus } from './status.ts';

const str = { type: 'string' } as const;
const nullableStr = { type: 'string', nullable: true } as const;
const errors = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };

const consultationSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    title: str,
    unit: str,
    status: { type: 'string', enum: ['upcoming', 'open', 'closed', 'concluded', 'withdrawn'] },
    statusLabel: str,
    opensOn: { type: 'string', format: 'date' },
    closesOn: { type: 'string', format: 'date' },
    shortenedReason: str,
    channels: { type: 'array', items: str },
    feedbackDueOn: nullableStr,
    feedbackUrl: nullableStr,
    url: str,
  },
} as const;

export function registerParticipationApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  const present = (c: ConsultationRow, status: ConsultationStatus) => ({
    id: c.id,
    title: c.title,
    unit: c.unit_name,
    status,
    statusLabel: STATUS_LABELS[status],
    opensOn: c.opens_on,
    closesOn: c.closes_on,
    shortenedReason: c.shortened_reason,
    channels: c.channels,
    feedbackDueOn: c.feedback_due_on,
    feedbackUrl: c.concluded && c.feedback_item_id ? `${base}/xxgk/${c.unit_slug}/items/${c.feedback_item_id}` : null,
    url: `${base}/hdjl/yjzj/${c.id}`,
  });

  api.get(
    '/api/v1/consultations',
    {
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['consultations'],
        summary: '意见征集列表（征集中、已截止、已反馈、已撤回）',
        querystring: { type: 'object', additionalProperties: false, properties: { status: { type: 'string', enum: ['upcoming', 'open', 'closed', 'concluded', 'withdrawn'] } } },
        response: { 200: { type: 'object', properties: { consultations: { type: 'array', items: consultationSchema } } }, ...errors },
      },
    },
    async (request) => {
      const { today } = await participationContext(deps);
      const wanted = (request.query as { status?: ConsultationStatus }).status;
      const rows = (await publicConsultations(deps.db)).map((c) => ({ c, status: consultationStatus(c, today) })).filter((r) => !wanted || r.status === wanted);
      return { consultations: rows.map((r) => present(r.c, r.status)) };
    },
  );

  api.get(
    '/api/v1/consultations/:id/comments',
    {
      config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
      schema: {
        tags: ['consultations'],
        summary: '一项意见征集公开的意见（经审核且意见人同意公开的；姓名只显示姓，个人信息已遮盖）',
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1, maximum: 2147483647 } } },
        response: {
          200: {
            type: 'object',
            properties: {
              consultation: consultationSchema,
              comments: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { id: { type: 'integer' }, clause: str, receivedOn: str, commenter: str, body: str, disposition: nullableStr, reason: nullableStr },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const c = await getConsultation(deps.db, (request.params as { id: number }).id);
      if (!c || c.state === 'draft') throw new NotFoundError('没有这项意见征集。');
      const { today } = await participationContext(deps);
      const status = consultationStatus(c, today);
      const clauses = splitClauses(c.draft_html);
      const comments = c.publish_comments ? await listComments(deps.db, c.id, { publicOnly: true }) : [];
      return {
        consultation: present(c, status),
        comments: comments.map((m) => ({
          id: m.id,
          clause: m.clause_key ? (clauses.find((x) => x.key === m.clause_key)?.label ?? '全文') : '全文',
          receivedOn: m.received_on,
          commenter: maskName(m.name),
          body: maskText(m.body),
          // Dispositions become public with the feedback.
          disposition: status === 'concluded' && m.disposition ? DISPOSITIONS[m.disposition] : null,
          reason: status === 'concluded' && m.disposition ? m.reason : null,
        })),
      };
    },
  );
}
