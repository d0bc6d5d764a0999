/**
 * The Open311 GeoReport v2 endpoint under /open311/v2 (ADR 0020), in XML and JSON by the path's suffix. Reads are
 * public and show only the published archive; an api_key (a unit token with messages:write) files requests and sees
 * the ones it filed or its units own. Errors are the specification's list of {code, description}.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { can, type Actor } from '../../lib/authz.ts';
import { addDays, isValidDate } from '../../lib/calendar.ts';
import { chinaDate } from '../../lib/clock.ts';
import { actorForApiKey } from '../orgs/index.ts';
import { receiveMessage } from './commands/handle.ts';
import { messageContext } from './context.ts';
import { getMessageByCaseNo, serviceRequests, type MessageRow } from './queries.ts';
import { CHANGESET, serviceDefinition, serviceRequest, services, SPECIFICATION, toXml } from './open311.ts';
import { isType } from './rules.ts';

type Format = 'json' | 'xml';

function formatOf(request: FastifyRequest): Format {
  const f = (request.params as { format?: string }).format;
  if (f !== 'json' && f !== 'xml') throw new NotFoundError('只提供 .xml 和 .json 两种格式。');
  return f;
}

function send(reply: FastifyReply, format: Format, root: string, child: string | null, value: unknown) {
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
  return reply.type('text/xml; charset=utf-8').send(toXml(root, child, value));
}

/** Form fields or a JSON body, as strings; Open311 clients post application/x-www-form-urlencoded. */
function fields(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object') for (const [k, v] of Object.entries(body)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v).slice(0, 10_000);
  return out;
}

export function registerOpen311Routes(app: FastifyInstance) {
  const { deps } = app;
  const base = `${deps.config.baseUrl}/open311/v2`;

  // Errors in the specification's shape, in the format asked for; the stable code travels in the description's head.
  app.register(async (o) => {
    o.setErrorHandler((error: unknown, request, reply) => {
      const e = error as { validation?: unknown; statusCode?: number };
      // Fastify's own refusals (malformed body, body too large, rate limit) keep their 4xx status.
      const err =
        error instanceof AppError
          ? error
          : e.validation
            ? new ValidationError({}, '请求参数不对。')
            : e.statusCode && e.statusCode >= 400 && e.statusCode < 500
              ? new AppError(e.statusCode === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST', e.statusCode, '请求无法处理，请检查后重试。')
              : null;
      if (!err) {
        request.log.error({ err: error }, 'open311 error');
        return send(reply.code(500), 'json', 'errors', 'error', [{ code: 500, description: '服务器出错，请稍后再试。' }]);
      }
      const fmt = (request.params as { format?: string } | undefined)?.format === 'json' ? 'json' : 'xml';
      const detail = Object.values(err.fields ?? {}).join('；');
      return send(reply.code(err.status), fmt, 'errors', 'error', [{ code: err.status, description: `${err.code}: ${err.message}${detail ? ` ${detail}` : ''}` }]);
    });

    const who = async (key: string | undefined): Promise<Actor | undefined> => {
      if (!key) return undefined;
      const actor = await actorForApiKey(deps, key);
      if (actor.kind !== 'api' || !actor.scopes.includes('messages:write')) throw new ForbiddenError('api_key 无效，或没有留言（messages:write）权限。', 'OPEN311_API_KEY_INVALID');
      return actor;
    };
    const fullFor = (actor: Actor | undefined, m: MessageRow) =>
      !!actor && actor.kind === 'api' && (m.source_token_id === actor.tokenId || can(actor, 'message.handle', { unitPath: m.unit_path }));

    o.get('/open311/v2/discovery.:format', async (request, reply) =>
      send(reply, formatOf(request), 'discovery', null, {
        changeset: CHANGESET,
        contact: `${deps.config.siteName}：${deps.config.baseUrl}/hdjl/ly`,
        key_service: '提交留言需要 api_key：由政务公开办在“工作台 › 接口令牌”为本单位创建，权限选“留言”。',
        endpoints: [{ specification: SPECIFICATION, url: base, changeset: CHANGESET, type: 'production', formats: ['text/xml', 'application/json'] }],
      }),
    );

    o.get('/open311/v2/services.:format', async (request, reply) => send(reply, formatOf(request), 'services', 'service', services()));

    o.get('/open311/v2/services/:code.:format', async (request, reply) => {
      const format = formatOf(request);
      const code = (request.params as { code: string }).code;
      if (!isType(code)) throw new NotFoundError('没有这个 service_code。', 'OPEN311_SERVICE_NOT_FOUND');
      return send(reply, format, 'service_definition', null, serviceDefinition(code));
    });

    o.post('/open311/v2/requests.:format', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
      const format = formatOf(request);
      const f = fields(request.body);
      if (!f.api_key) throw new ForbiddenError('提交留言需要 api_key。', 'OPEN311_API_KEY_INVALID');
      const actor = (await who(f.api_key))!;
      if (!f.service_code || !isType(f.service_code)) throw new ValidationError({ service_code: 'service_code 不对：见 services 列表' });
      const description = (f.description ?? '').trim();
      if (!description) throw new ValidationError({ description: '请填写 description（留言内容）' });
      const media = f.media_url ? `\n（附件链接：${f.media_url.slice(0, 500)}）` : '';
      const title = (f['attribute[title]'] ?? '').trim() || description.replace(/\s+/g, ' ').slice(0, 30);
      const r = await receiveMessage(deps.db, actor, await messageContext(deps), {
        unitId: (actor as Extract<Actor, { kind: 'api' }>).unitId,
        type: f.service_code,
        channel: 'website',
        category: f['attribute[category]'] ?? '',
        area: (f.address_string ?? '').slice(0, 100),
        title: title.slice(0, 100),
        body: description.slice(0, 4000) + media,
        writerName: `${f.last_name ?? ''}${f.first_name ?? ''}`.trim(),
        contact: [f.phone, f.email].filter(Boolean).join(' '),
        consentPublish: f['attribute[consent_publish]'] === '1',
      });
      const m = (await getMessageByCaseNo(deps.db, r.caseNo))!;
      return send(reply.code(201), format, 'service_requests', 'request', [
        {
          service_request_id: r.caseNo,
          service_notice: `由${m.unit_name}办理，${m.due_on}前答复；查询码 ${r.queryCode}，凭留言编号和查询码在 ${deps.config.baseUrl}/hdjl/ly/cx 查询`,
          account_id: null,
        },
      ]);
    });

    o.get('/open311/v2/requests.:format', async (request, reply) => {
      const format = formatOf(request);
      const q = fields(request.query);
      const actor = await who(q.api_key);
      const today = chinaDate(deps.clock.now());
      const date = (name: string, v: string | undefined) => {
        if (!v) return undefined;
        const d = v.slice(0, 10);
        if (!isValidDate(d)) throw new ValidationError({ [name]: `${name} 应为 ISO 8601 日期时间` });
        return d;
      };
      // The specification's defaults: the last 90 days, at most 1000 requests.
      const to = date('end_date', q.end_date) ?? today;
      const from = date('start_date', q.start_date) ?? addDays(to, -90);
      if (q.status && q.status !== 'open' && q.status !== 'closed') throw new ValidationError({ status: 'status 只能是 open 或 closed' });
      if (q.service_code && !isType(q.service_code)) throw new ValidationError({ service_code: 'service_code 不对' });
      const ids = q.service_request_id
        ? q.service_request_id
            .split(',')
            .map((x) => x.trim().toUpperCase())
            .slice(0, 100)
        : undefined;
      const rows = await serviceRequests(deps.db, {
        caseNos: ids,
        type: q.service_code,
        open: q.status ? q.status === 'open' : undefined,
        // Asked by id, the date window does not apply.
        from: ids ? '1900-01-01' : from,
        to: ids ? '9999-12-31' : to,
        who: actor?.kind === 'api' ? { tokenId: actor.tokenId, unitPath: actor.unitPath } : undefined,
        limit: 1000,
      });
      return send(
        reply,
        format,
        'service_requests',
        'request',
        rows.map((m) => serviceRequest(m, fullFor(actor, m))),
      );
    });

    o.get('/open311/v2/requests/:id.:format', async (request, reply) => {
      const format = formatOf(request);
      const actor = await who(fields(request.query).api_key);
      const m = await getMessageByCaseNo(deps.db, String((request.params as { id: string }).id).slice(0, 30));
      // An unpublished message is unknown to anyone but the token that filed it and its unit's.
      if (!m || (!m.published_at && !fullFor(actor, m))) throw new NotFoundError('没有这个 service_request_id。', 'OPEN311_REQUEST_NOT_FOUND');
      return send(reply, format, 'service_requests', 'request', [serviceRequest(m, fullFor(actor, m))]);
    });

    // Requests get their id at once (type realtime), so a token is the id itself.
    o.get('/open311/v2/tokens/:token.:format', async (request, reply) => {
      const format = formatOf(request);
      const token = String((request.params as { token: string }).token).slice(0, 30);
      const actor = await who(fields(request.query).api_key);
      const m = await getMessageByCaseNo(deps.db, token);
      if (!m || (!m.published_at && !fullFor(actor, m))) throw new NotFoundError('没有这个 token。', 'OPEN311_REQUEST_NOT_FOUND');
      return send(reply, format, 'service_requests', 'request', [{ service_request_id: m.case_no, token: m.case_no }]);
    });
  });
}
