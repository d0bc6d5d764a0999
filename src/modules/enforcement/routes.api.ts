/**
 * The JSON API of 行政执法公示: the search of published decisions, one decision (a withdrawn one gives only its notice
 * and explanation), and a draw with everything needed to re-run it.
 */
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { findDecisions, getDecision, getDraw, unitSummaries, type DecisionRow } from './queries.ts';
import { ALGORITHM_TEXT } from './draw.ts';
import { KINDS, REVOCATIONS, type Kind } from './rules.ts';
import { decisionHref } from './views/publicPages.tsx';

const str = { type: 'string' } as const;
const nstr = { type: 'string', nullable: true } as const;
const int = { type: 'integer' } as const;
const errors = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };
const decisionSchema = {
  type: 'object',
  properties: {
    id: int,
    unit: str,
    kind: str,
    kindName: str,
    state: str,
    docNo: str,
    name: nstr,
    category: nstr,
    cause: nstr,
    basis: nstr,
    subjectType: nstr,
    subjectName: nstr,
    creditCode: nstr,
    legalRep: nstr,
    result: nstr,
    decidedOn: nstr,
    validUntil: nstr,
    authority: str,
    publishedOn: nstr,
    dueOn: nstr,
    late: { type: 'boolean', nullable: true },
    withdrawal: { type: 'object', nullable: true, properties: { reason: str, revokedOn: str, withdrawnAt: str, explanation: str } },
    url: str,
  },
} as const;

export function registerEnforcementApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  const json = (d: DecisionRow) => {
    const common = {
      id: d.id,
      unit: d.unit_slug,
      kind: d.kind,
      kindName: KINDS[d.kind],
      state: d.state,
      docNo: d.doc_no,
      authority: d.authority,
      url: `${base}${decisionHref(d)}`,
    };
    if (d.state === 'withdrawn')
      return { ...common, withdrawal: { reason: REVOCATIONS[d.revocation!], revokedOn: d.revoked_on!, withdrawnAt: d.withdrawn_at!.toISOString(), explanation: d.explanation } };
    return {
      ...common,
      name: d.name,
      category: d.category,
      cause: d.cause,
      basis: d.basis,
      subjectType: d.subject_type,
      subjectName: d.subject_name,
      creditCode: d.credit_code,
      legalRep: d.legal_rep,
      result: d.result,
      decidedOn: d.decided_on,
      validUntil: d.valid_until,
      publishedOn: d.published_at.toISOString(),
      dueOn: d.due_on,
      late: d.late,
    };
  };

  api.get(
    '/api/v1/enforcement/decisions',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['enforcement'],
        summary: '公示中的行政执法决定（可按单位、类别、文号或当事人、决定日期查找），按决定日期从新到旧',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            unit: { type: 'string', maxLength: 60 },
            kind: { type: 'string', enum: Object.keys(KINDS) },
            q: { type: 'string', maxLength: 100 },
            from: { type: 'string', format: 'date' },
            to: { type: 'string', format: 'date' },
            limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
            offset: { type: 'integer', minimum: 0, maximum: 10000, default: 0 },
          },
        },
        response: { 200: { type: 'object', properties: { decisions: { type: 'array', items: decisionSchema }, more: { type: 'boolean' } } }, ...errors },
      },
    },
    async (request) => {
      const p = request.query as { unit?: string; kind?: Kind; q?: string; from?: string; to?: string; limit: number; offset: number };
      let unitId: number | undefined;
      if (p.unit) {
        unitId = (await unitSummaries(deps.db)).find((u) => u.slug === p.unit)?.id;
        if (!unitId) throw new NotFoundError('这个单位没有行政执法公示。');
      }
      const found = await findDecisions(deps.db, {
        unitId,
        kind: p.kind,
        q: p.q?.trim() || undefined,
        from: p.from,
        to: p.to,
        state: 'published',
        limit: p.limit,
        offset: p.offset,
      });
      return { decisions: found.rows.map(json), more: found.more };
    },
  );

  api.get(
    '/api/v1/enforcement/decisions/:id',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['enforcement'],
        summary: '一个行政执法决定；已撤下的只给出撤下的原因和说明',
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        response: { 200: decisionSchema, ...errors },
      },
    },
    async (request) => {
      const d = await getDecision(deps.db, (request.params as { id: number }).id);
      if (!d) throw new NotFoundError('没有这个执法决定。');
      return json(d);
    },
  );

  api.get(
    '/api/v1/enforcement/draws/:id',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['enforcement'],
        summary: '一次双随机抽查：名录、回避、种子、算法和结果，可据此重新抽取核对',
        params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            properties: {
              id: int,
              unit: str,
              title: str,
              item: str,
              drawnAt: str,
              operator: str,
              algorithm: str,
              algorithmText: str,
              seed: str,
              poolHash: str,
              entityCount: int,
              inspectorsPerEntity: int,
              entities: { type: 'array', items: { type: 'object', properties: { id: str, name: str } } },
              inspectors: { type: 'array', items: { type: 'object', properties: { id: str, name: str, certificate: str } } },
              exclusions: { type: 'array', items: { type: 'object', properties: { inspector: str, entity: str, reason: str } } },
              result: { type: 'array', items: { type: 'object', properties: { entity: str, inspectors: { type: 'array', items: str } } } },
              resultsDueOn: str,
              findings: nstr,
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const d = await getDraw(deps.db, (request.params as { id: number }).id);
      if (!d) throw new NotFoundError('没有这次抽查。');
      return {
        id: d.id,
        unit: d.unit_slug,
        title: d.title,
        item: d.item_title,
        drawnAt: d.drawn_at.toISOString(),
        operator: d.actor_label,
        algorithm: d.algorithm,
        algorithmText: ALGORITHM_TEXT,
        seed: d.seed,
        poolHash: d.pool_hash,
        entityCount: d.entity_count,
        inspectorsPerEntity: d.inspectors_per_entity,
        entities: d.entities,
        inspectors: d.inspectors,
        exclusions: d.exclusions,
        result: d.result,
        resultsDueOn: d.results_due_on,
        findings: d.results_published_at ? d.findings : null,
      };
    },
  );
}
