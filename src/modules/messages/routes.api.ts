/**
 * Messages for other systems (ADR 0020): the 12345 hotline's work orders and a unit's own letter systems file messages
 * with the unit's token (scope messages:write), read their state and follow every change since a point in time — the
 * reply is sent back the same way it came. The exchange format is documented in docs/exports/12345-exchange.md.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { authorize, can, type Actor } from '../../lib/authz.ts';
import { messageContext } from './context.ts';
import { replyMessage, type MessageContext } from './commands/handle.ts';
import { fileWorkOrder, fileWorkOrders, type WorkOrder } from './commands/workOrders.ts';
import { getMessage, getMessageByCaseNo, messageEvents, messagesChangedSince, type MessageRow } from './queries.ts';
import { CATEGORIES, CHANNELS, MESSAGE_TYPES, STATE_LABELS } from './rules.ts';

const str = { type: 'string' } as const;
const nullableStr = { type: 'string', nullable: true } as const;
const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' } };

/** One message as the exchange format carries it in (12345 工单 or a unit's letter). */
export const workOrderSchema = {
  type: 'object',
  required: ['type', 'title', 'body'],
  additionalProperties: false,
  properties: {
    workOrderNo: { type: 'string', minLength: 1, maxLength: 64, description: '12345 工单号；同一工单号重复推送只登记一次' },
    unit: { type: 'string', maxLength: 64, description: '写给的单位（网址名或机构代码），默认令牌所属单位；派单目录可再分派' },
    type: { type: 'string', enum: Object.keys(MESSAGE_TYPES) },
    channel: { type: 'string', enum: Object.keys(CHANNELS), description: '默认：有工单号的为 hotline，否则 letter' },
    category: { type: 'string', enum: ['', ...CATEGORIES] },
    area: { type: 'string', maxLength: 100 },
    title: { type: 'string', maxLength: 200 },
    body: { type: 'string', maxLength: 10000 },
    writerName: { type: 'string', maxLength: 100 },
    contact: { type: 'string', maxLength: 200 },
    consentPublish: { type: 'boolean' },
    receivedOn: { type: 'string', format: 'date', description: '收到日期，默认今天' },
  },
} as const;

const messageSchema = {
  type: 'object',
  properties: {
    caseNo: str,
    workOrderNo: nullableStr,
    state: { type: 'string', enum: Object.keys(STATE_LABELS) },
    stateLabel: str,
    type: str,
    channel: str,
    category: str,
    area: str,
    title: str,
    unit: str,
    unitCode: str,
    transferTo: nullableStr,
    receivedOn: str,
    dueOn: str,
    extendReason: nullableStr,
    repliedOn: nullableStr,
    reply: nullableStr,
    replyWorkingDays: { type: 'integer', nullable: true },
    publicUrl: nullableStr,
    updatedAt: { type: 'string', format: 'date-time' },
    queryCode: { type: 'string', description: '只在登记时返回一次，供留言人查询' },
    created: { type: 'boolean', description: 'false：同一工单号已经登记过' },
    events: { type: 'array', items: { type: 'object', properties: { kind: str, at: { type: 'string', format: 'date-time' }, actor: str } } },
  },
} as const;

export function registerMessageApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  const context = () => messageContext(deps);

  const present = (m: MessageRow, extra: Record<string, unknown> = {}) => ({
    caseNo: m.case_no,
    workOrderNo: m.work_order_no,
    state: m.state,
    stateLabel: STATE_LABELS[m.state],
    type: m.type,
    channel: m.channel,
    category: m.category,
    area: m.area,
    title: m.title,
    unit: m.unit_name,
    unitCode: m.unit_code,
    transferTo: m.transfer_to_name,
    receivedOn: m.received_on,
    dueOn: m.due_on,
    extendReason: m.extended ? m.extend_reason : null,
    repliedOn: m.replied_on,
    reply: m.reply || null,
    replyWorkingDays: m.reply_working_days,
    publicUrl: m.published_at ? `${base}/hdjl/ly/${m.case_no}` : null,
    updatedAt: m.updated_at.toISOString(),
    ...extra,
  });

  /** The token that filed a message follows it wherever it was routed; a unit's token sees its own units' messages. */
  const mayRead = (actor: Actor, m: MessageRow) => (actor.kind === 'api' && m.source_token_id === actor.tokenId) || can(actor, 'message.handle', { unitPath: m.unit_path });
  /** Staff signed in may read; a token must carry messages:write; anybody else is asked to authenticate. */
  function caller(actor: Actor) {
    if (actor.kind === 'api' && !actor.scopes.includes('messages:write')) throw new ForbiddenError('这个接口令牌没有留言（messages:write）权限。');
    if (actor.kind !== 'api') authorize(actor, 'message.handle');
  }
  async function readable(request: FastifyRequest, caseNo: string) {
    caller(request.actor);
    const m = await getMessageByCaseNo(deps.db, caseNo);
    if (!m || !mayRead(request.actor, m)) throw new NotFoundError('没有这条留言，或不是本单位的留言。');
    return m;
  }

  async function file(actor: Actor, ctx: MessageContext, w: WorkOrder) {
    caller(actor);
    const r = await fileWorkOrder(deps.db, actor, ctx, w);
    return { r, m: (await getMessage(deps.db, r.id))! };
  }

  api.post(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: '登记一条留言或12345工单（按工单号幂等）',
        security: [{ bearer: [] }],
        body: workOrderSchema,
        response: { 200: messageSchema, 201: messageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { r, m } = await file(request.actor, await context(), request.body as WorkOrder);
      // A repeated work order is not a second message: 200 with the one already filed, and no new query code.
      return reply
        .code(r.created ? 201 : 200)
        .header('Location', `/api/v1/messages/${r.caseNo}`)
        .send(present(m, r.created ? { queryCode: r.queryCode, created: true } : { created: false }));
    },
  );

  api.post(
    '/api/v1/messages/batch',
    {
      schema: {
        tags: ['messages'],
        summary: '批量推送12345工单（每张工单各自登记；整批重发是安全的）',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          required: ['messages'],
          additionalProperties: false,
          properties: { messages: { type: 'array', minItems: 1, maxItems: 200, items: workOrderSchema } },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    index: { type: 'integer' },
                    workOrderNo: nullableStr,
                    status: { type: 'string', enum: ['created', 'existing', 'rejected'] },
                    caseNo: nullableStr,
                    error: { type: 'object', nullable: true, properties: { code: str, message: str, fields: { type: 'object', additionalProperties: str } } },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      caller(request.actor);
      const results = await fileWorkOrders(deps.db, request.actor, await context(), (request.body as { messages: WorkOrder[] }).messages);
      return { results };
    },
  );

  api.get(
    '/api/v1/messages',
    {
      schema: {
        tags: ['messages'],
        summary: '自某一时刻起有变化的留言（含答复），供12345系统取回答复；按 next 继续取',
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            since: { type: 'string', format: 'date-time', description: '从这一时刻之后的变化（首次取可省略）' },
            after: { type: 'string', maxLength: 200, description: '上一页返回的 next' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: { 200: { type: 'object', properties: { messages: { type: 'array', items: messageSchema }, next: nullableStr } }, ...errors },
      },
    },
    async (request) => {
      const actor = request.actor;
      caller(actor);
      // The feed is a system's: staff follow their messages on the inbox page.
      if (actor.kind !== 'api') throw new ForbiddenError('这个接口只供单位接口令牌使用。');
      const q = request.query as { since?: string; after?: string; limit: number };
      let cursor = { at: q.since ? new Date(q.since) : new Date(0), id: 0 };
      if (q.after) {
        const [at, id] = Buffer.from(q.after, 'base64url').toString().split('|');
        if (!at || Number.isNaN(Date.parse(at)) || !/^\d+$/.test(id ?? '')) throw new ValidationError({ after: 'next 参数不对，请用上一页返回的值' });
        cursor = { at: new Date(at), id: Number(id) };
      }
      const rows = await messagesChangedSince(deps.db, { tokenId: actor.tokenId, unitPath: actor.unitPath }, cursor, q.limit);
      const last = rows.at(-1);
      return {
        messages: rows.map((m) => present(m)),
        next: rows.length === q.limit && last ? Buffer.from(`${last.updated_at.toISOString()}|${last.id}`).toString('base64url') : null,
      };
    },
  );

  api.get(
    '/api/v1/messages/:caseNo',
    {
      schema: {
        tags: ['messages'],
        summary: '一条留言：状态、期限、答复和办理记录',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { caseNo: { type: 'string', maxLength: 30 } } },
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const m = await readable(request, (request.params as { caseNo: string }).caseNo);
      const events = (await messageEvents(deps.db, m.id)).map((e) => ({ kind: e.kind, at: e.at.toISOString(), actor: e.actor_label }));
      return present(m, { events });
    },
  );

  api.post(
    '/api/v1/messages/:caseNo/reply',
    {
      schema: {
        tags: ['messages'],
        summary: '答复一条本单位办理中的留言',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { caseNo: { type: 'string', maxLength: 30 } } },
        body: { type: 'object', required: ['reply'], additionalProperties: false, properties: { reply: { type: 'string', maxLength: 10000 } } },
        response: { 200: messageSchema, ...errors },
      },
    },
    async (request) => {
      const m = await readable(request, (request.params as { caseNo: string }).caseNo);
      await replyMessage(deps.db, request.actor, await context(), m.id, (request.body as { reply: string }).reply);
      return present((await getMessage(deps.db, m.id))!);
    },
  );
}
