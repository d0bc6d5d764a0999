/**
 * The JSON API under /api/v1 (documented at /api/openapi.json): public reads of units and items, and writes with a
 * unit's API token so its own systems can push items into the workflow (HZ 二(三): one interface for all systems).
 */
import { cleanQuery } from '../search/index.ts';
import { registerRequestApi } from '../requests/index.ts';
import { registerParticipationApi } from '../participation/index.ts';
import { registerMessageApi } from '../messages/index.ts';
import { registerAnswerApi } from '../answers/index.ts';
import { registerGazetteApi } from '../gazette/index.ts';
import { registerEnforcementApi } from '../enforcement/index.ts';
import { readFilters, FACET_KEYS } from '../search/index.ts';
import { runSearch } from '../search/index.ts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import cors from '@fastify/cors';
import { AppError, NotFoundError, UnauthenticatedError } from '../../lib/errors.ts';
import { authorize, can } from '../../lib/authz.ts';
import { getUnitByCode, getUnitBySlug, listUnits } from '../orgs/index.ts';
import { getItem, getVersion, latestVersion, linkedItems, listAttachments, countUnresolvedFindings } from '../publishing/index.ts';
import { listPublicItems } from '../portal/index.ts';
import { saveDraft } from '../publishing/index.ts';
import { transitionItem } from '../publishing/index.ts';
import { errorSchema, itemSchema, itemSummarySchema, itemWriteSchema, unitSchema } from './schemas.ts';
import { presentItem, presentSummary, presentUnit } from './presenters.ts';
import { GENRES, TOPIC_VALUES, TOPICS, VALIDITY } from '../publishing/index.ts';

/** get /api/v1/units/:unit → getUnitsByUnit; post /api/v1/requests/:caseNo/steps/:step → postRequestsByCaseNoStepsByStep. */
export function operationId(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v\d+\//, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `By${seg[1].toUpperCase()}${seg.slice(2)}` : seg.replace(/[-_.](\w)/g, (_m, c: string) => c.toUpperCase())))
    .map((w) => w[0].toUpperCase() + w.slice(1));
  return method + words.join('');
}

const errors = { 400: { $ref: 'Error#' }, 401: { $ref: 'Error#' }, 403: { $ref: 'Error#' }, 404: { $ref: 'Error#' }, 409: { $ref: 'Error#' } };

export async function registerApiRoutes(app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'gongkai 政府信息公开 API',
        version: '1.0.0',
        description:
          '公开读取单位和政府信息；单位业务系统使用本单位的接口令牌（Bearer）推送信息。错误以稳定的 code 表示，fields 指出有误的参数或字段。分页参数为 page（从1起）和 pageSize。公开读取的接口允许跨域（CORS）调用。',
        license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
        contact: { name: '政务公开办公室', url: `${base}/xxgk` },
      },
      servers: [{ url: base, description: '本平台（GONGKAI_BASE_URL）' }],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: '单位接口令牌，在“工作台 › 接口令牌”创建' } } },
    },
    // Every operation gets a stable operationId from its method and path, and public reads say they need no
    // credentials (security: []) rather than inheriting nothing.
    transform: ({ schema, url, route }) => {
      const method = (Array.isArray(route.method) ? route.method[0] : route.method).toLowerCase();
      const s = { ...(schema as Record<string, unknown>) };
      s.operationId ??= operationId(method, url);
      s.security ??= [];
      return { schema: s, url };
    },
  });
  for (const s of [errorSchema, unitSchema, itemSummarySchema, itemSchema, itemWriteSchema]) app.addSchema(s);

  /** A unit named in a query or body by its URL name or code; an unknown one is bad input (400), not a 404. */
  async function unitByKey(key: string) {
    const u = (await getUnitBySlug(deps.db, key)) ?? (await getUnitByCode(deps.db, key));
    if (!u) throw new AppError('VALIDATION_FAILED', 400, '没有这个单位。', { unit: '没有这个单位' });
    return u;
  }

  await app.register(async (api) => {
    // Public reads may be called from any site's pages (no cookies are sent or read); writes need a bearer token,
    // which a cross-site page cannot send without the preflight this does not allow.
    await api.register(cors, { origin: '*', methods: ['GET', 'HEAD'], credentials: false, maxAge: 86400 });
    api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    registerRequestApi(api, app);
    registerParticipationApi(api, app);
    registerMessageApi(api, app);
    registerAnswerApi(api, app);
    registerGazetteApi(api, app);
    registerEnforcementApi(api, app);

    api.get(
      '/api/v1/units',
      {
        config: { rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: { tags: ['units'], summary: '全部单位', response: { 200: { type: 'object', properties: { units: { type: 'array', items: { $ref: 'Unit#' } } } } } },
      },
      async () => ({ units: (await listUnits(deps.db)).map((u) => presentUnit(u, base)) }),
    );

    api.get(
      '/api/v1/units/:unit',
      {
        schema: {
          tags: ['units'],
          summary: '一个单位（网址名或机构代码）',
          params: { type: 'object', properties: { unit: str() } },
          response: { 200: { $ref: 'Unit#' }, ...errors },
        },
      },
      async (request) => {
        const key = (request.params as { unit: string }).unit;
        const u = (await getUnitBySlug(deps.db, key)) ?? (await getUnitByCode(deps.db, key));
        if (!u) throw new NotFoundError('没有这个单位。');
        return presentUnit(u, base);
      },
    );

    api.get(
      '/api/v1/items',
      {
        schema: {
          tags: ['items'],
          summary: '已公开的政府信息列表（按发布日期从新到旧）',
          querystring: {
            type: 'object',
            additionalProperties: false,
            properties: {
              unit: { type: 'string', maxLength: 64 },
              section: { type: 'string', maxLength: 40 },
              topic: { type: 'string', enum: [...new Set([...TOPIC_VALUES, ...TOPICS.map(([l1]) => l1)])] },
              genre: { type: 'string', enum: [...GENRES] },
              year: { type: 'integer', minimum: 1949, maximum: 2200 },
              validity: { type: 'string', enum: Object.keys(VALIDITY) },
              kind: { type: 'string', enum: ['information', 'interpretation'] },
              page: { type: 'integer', minimum: 1, maximum: 10000, default: 1 },
              pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            },
          },
          response: { 200: { type: 'object', properties: { total: int(), page: int(), pageSize: int(), items: { type: 'array', items: { $ref: 'ItemSummary#' } } } }, ...errors },
        },
      },
      async (request) => {
        const q = request.query as {
          unit?: string;
          section?: string;
          topic?: string;
          genre?: string;
          year?: number;
          validity?: string;
          kind?: 'information' | 'interpretation';
          page: number;
          pageSize: number;
        };
        const unitId = q.unit ? (await unitByKey(q.unit)).id : undefined;
        const { rows, total } = await listPublicItems(
          deps.db,
          { unitId, section: q.section, topic: q.topic, genre: q.genre, year: q.year, validity: q.validity, kind: q.kind },
          q.page,
          q.pageSize,
        );
        return { total, page: q.page, pageSize: q.pageSize, items: rows.map((r) => presentSummary(r, base)) };
      },
    );

    const facetList = { type: 'array', items: { type: 'object', properties: { value: str(), count: int() } } };
    api.get(
      '/api/v1/search',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }),
        schema: {
          tags: ['search'],
          summary: '搜索已公开的政府信息（自然语言问题、关键词、文号或索引号；引号内为完整词句）',
          querystring: {
            type: 'object',
            additionalProperties: false,
            required: ['q'],
            properties: {
              q: { type: 'string', minLength: 1, maxLength: 200 },
              unit: { type: 'string', maxLength: 64, description: '范围：该单位及其下级单位（URL 名或单位代码）' },
              by: { type: 'string', maxLength: 64, description: '筛选：发布机构（URL 名）' },
              section: { type: 'string', maxLength: 64 },
              topic: { type: 'string', maxLength: 64, description: '主题分类一级' },
              genre: { type: 'string', maxLength: 64 },
              year: { type: 'string', pattern: '^\\d{4}$' },
              validity: { type: 'string', enum: ['current', 'revised', 'repealed', 'expired'] },
              sort: { type: 'string', enum: ['relevance', 'date'], default: 'relevance' },
              page: { type: 'integer', minimum: 1, maximum: 100, default: 1 },
              pageSize: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
            },
          },
          response: {
            200: {
              type: 'object',
              properties: {
                total: int(),
                page: int(),
                pageSize: int(),
                suggestion: { type: 'string', description: '“您是不是要找”：拼音或错别字对应的词' },
                expansions: { type: 'array', items: str(), description: '按同义词表同时查找的规范说法' },
                partial: { type: 'boolean', description: '索引仍在建立，结果可能不全' },
                facets: { type: 'object', properties: Object.fromEntries(FACET_KEYS.map((k) => [k, facetList])) },
                results: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      id: int(),
                      title: str(),
                      unit: str(),
                      unitName: str(),
                      publishDate: str(),
                      docNo: str(),
                      indexNo: str(),
                      validity: str(),
                      section: str(),
                      topic: str(),
                      genre: str(),
                      score: { type: 'number' },
                      url: str(),
                      snippet: { type: 'array', items: { type: 'object', properties: { text: str(), mark: { type: 'boolean' } } } },
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
        const q = request.query as Record<string, string> & { page: number; pageSize: number; sort: 'relevance' | 'date' };
        const { q: text } = cleanQuery(q.q);
        const scope = q.unit ? await unitByKey(q.unit) : undefined;
        const answer = await runSearch(
          { db: deps.db, search: app.searchIndex, now: deps.clock.now() },
          { q: text, unitId: scope?.id, scopePath: scope?.path, filters: readFilters(q), sort: q.sort, page: q.page, pageSize: q.pageSize, channel: 'api' },
        );
        return {
          total: answer.total,
          page: q.page,
          pageSize: q.pageSize,
          ...(answer.suggestion ? { suggestion: answer.suggestion } : {}),
          expansions: answer.expansions,
          partial: answer.partial,
          facets: answer.facets,
          results: answer.results.map((r) => ({
            id: r.id,
            title: r.title,
            unit: r.unitSlug,
            unitName: r.unitName,
            publishDate: r.publishDate,
            docNo: r.docNo,
            indexNo: r.indexNo,
            validity: r.validity,
            section: r.section,
            topic: r.topic,
            genre: r.genre,
            score: +r.score.toFixed(4),
            url: `${base}/xxgk/${r.unitSlug}/items/${r.id}`,
            snippet: r.snippet,
          })),
        };
      },
    );

    async function itemJson(request: FastifyRequest, id: number, extra: { findings?: number; problems?: string[] } = {}) {
      const item = await getItem(deps.db, id);
      if (!item) throw new NotFoundError('没有找到这条信息。');
      const internal = can(request.actor, 'item.read_internal', { unitPath: item.unit_path });
      let v = item.status === 'published' && item.current_version_id ? await getVersion(deps.db, item.current_version_id) : undefined;
      if (internal) v = await latestVersion(deps.db, id);
      if (!v || (!internal && v.disclosure !== 'proactive')) throw new NotFoundError('没有找到这条信息。');
      const [attachments, interprets, interpretedBy] = await Promise.all([
        listAttachments(deps.db, v.id),
        linkedItems(deps.db, id, 'interprets', !internal),
        linkedItems(deps.db, id, 'interpreted_by', !internal),
      ]);
      return presentItem(item, v, { attachments, interprets: interprets.map((l) => l.id), interpretedBy: interpretedBy.map((l) => l.id), base, ...extra });
    }

    api.get(
      '/api/v1/items/:id',
      {
        schema: {
          tags: ['items'],
          summary: '一条政府信息的全部元数据；持本单位令牌时可读取草稿',
          security: [{}, { bearer: [] }],
          params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } },
          response: { 200: { $ref: 'Item#' }, ...errors },
        },
      },
      async (request) => itemJson(request, (request.params as { id: number }).id),
    );

    async function unitForWrite(request: FastifyRequest, key?: string) {
      if (request.actor.kind !== 'api') throw new UnauthenticatedError('请使用单位接口令牌（Authorization: Bearer …）。');
      return key ? (await unitByKey(key)).id : request.actor.unitId;
    }

    function toInput(b: Record<string, unknown>) {
      const { unit: _u, publish: _p, section, ...rest } = b;
      return { ...rest, sectionCode: section };
    }

    /**
     * Saves the draft and, when asked, takes it through review, in the caller's one transaction: a publish the token
     * may not do is refused before anything is written. A publish blocked by the item itself (missing metadata,
     * unresolved personal data) keeps the saved draft and names the problems.
     */
    async function saveAndMaybePublish(request: FastifyRequest, unitId: number, itemId: number | undefined, b: Record<string, unknown>) {
      const publish = b.publish === true;
      if (publish) {
        const unit = (await deps.db.query<{ path: string }>('SELECT path FROM units WHERE id = $1', [unitId])).rows[0];
        authorize(request.actor, 'item.review', { unitPath: unit?.path ?? '' });
      }
      return deps.db.transaction(async (tx) => {
        const saved = await saveDraft(tx, request.actor, deps.clock.now(), { unitId, itemId, input: toInput(b) });
        const problems: string[] = [];
        if (publish) {
          try {
            for (const n of ['submit', 'secrecy_approve', 'approve'] as const) {
              const v = (await latestVersion(tx, saved.itemId))!;
              if (n === 'submit' && !['draft', 'returned'].includes(v.state)) continue;
              if (n === 'secrecy_approve' && v.state !== 'secrecy_review') continue;
              await transitionItem(tx, request.actor, deps.clock.now(), saved.itemId, n, { indexPattern: deps.config.indexPattern });
            }
          } catch (e) {
            if (!(e instanceof AppError) || e.code !== 'TRANSITION_NOT_ALLOWED') throw e;
            problems.push(e.message);
          }
        }
        const findings = await countUnresolvedFindings(tx, (await latestVersion(tx, saved.itemId))!.id);
        return { itemId: saved.itemId, extra: publish ? { findings, problems } : { findings } };
      });
    }

    api.post(
      '/api/v1/items',
      {
        config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
        preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }),
        schema: {
          tags: ['items'],
          summary: '推送一条政府信息（草稿，或在令牌允许时直接发布）',
          security: [{ bearer: [] }],
          body: { $ref: 'ItemWrite#' },
          response: { 201: { $ref: 'Item#' }, ...errors },
        },
      },
      async (request, reply) => {
        const b = request.body as Record<string, unknown>;
        const unitId = await unitForWrite(request, b.unit as string | undefined);
        const { itemId, extra } = await saveAndMaybePublish(request, unitId, undefined, b);
        const r = { itemId };
        return reply
          .code(201)
          .header('Location', `/api/v1/items/${r.itemId}`)
          .send(await itemJson(request, r.itemId, extra));
      },
    );

    api.put(
      '/api/v1/items/:id',
      {
        schema: {
          tags: ['items'],
          summary: '修改草稿（或被退回的版本）',
          security: [{ bearer: [] }],
          params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } },
          body: { $ref: 'ItemWrite#' },
          response: { 200: { $ref: 'Item#' }, ...errors },
        },
      },
      async (request) => {
        const id = (request.params as { id: number }).id;
        await unitForWrite(request);
        const b = request.body as Record<string, unknown>;
        const item = await getItem(deps.db, id);
        if (!item || !can(request.actor, 'item.read_internal', { unitPath: item.unit_path })) throw new NotFoundError('没有找到这条信息。');
        const { extra } = await saveAndMaybePublish(request, item.unit_id, id, b);
        return itemJson(request, id, extra);
      },
    );

    api.post(
      '/api/v1/items/:id/withdraw',
      {
        schema: {
          tags: ['items'],
          summary: '撤回已发布的信息（须说明理由）',
          security: [{ bearer: [] }],
          params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } },
          body: { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 1, maxLength: 500 } } },
          response: { 200: { $ref: 'Item#' }, ...errors },
        },
      },
      async (request) => {
        const id = (request.params as { id: number }).id;
        await unitForWrite(request);
        const item = await getItem(deps.db, id);
        if (!item || !can(request.actor, 'item.read_internal', { unitPath: item.unit_path })) throw new NotFoundError('没有找到这条信息。');
        await transitionItem(deps.db, request.actor, deps.clock.now(), id, 'withdraw', { remarks: (request.body as { reason: string }).reason });
        return itemJson(request, id);
      },
    );
  });
}

function str() {
  return { type: 'string' } as const;
}
function int() {
  return { type: 'integer' } as const;
}
