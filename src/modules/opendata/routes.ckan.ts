/**
 * CKAN Action API v3 (ADR 0025) at /api/3/action/<name> and /api/action/<name>, GET (query string) and POST (JSON
 * body), with CKAN's envelope — `help`, `success`, `result` or `error` with `__type` — and its status codes, so that
 * CKAN clients and harvesters work unchanged. Read-only: datasets are written through the review workflow.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getResource } from './queries.ts';
import { searchRows } from './datastore.ts';
import { CkanError, dataOpen, groupDict, groupName, cachedCatalogue, organizationDict, packageDict, resourceDict, searchPackages } from './ckan.ts';
import { LICENCES } from './rules.ts';

type Params = Record<string, unknown>;

const natural = (p: Params, key: string, fallback: number): number => {
  const v = p[key];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : /^\d{1,9}$/.test(String(v)) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new CkanError('Validation Error', 409, 'Validation Error', { [key]: ['Must be a natural number'] });
  return n;
};
const str = (p: Params, key: string, fallback = ''): string => (p[key] === undefined ? fallback : String(p[key]).slice(0, 1000));
/** A list given as a JSON array, a JSON string of one, or (GET) a comma-separated string. */
const list = (p: Params, key: string): string[] => {
  const v = p[key];
  if (v === undefined || v === '') return [];
  if (Array.isArray(v)) return v.map(String);
  const s = String(v);
  if (s.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(s);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      // reported below
    }
    throw new CkanError('Validation Error', 409, 'Validation Error', { [key]: ['Could not parse as valid JSON'] });
  }
  return s.split(',').map((x) => x.trim());
};
/** A list that CKAN converts from JSON only (facet.field): an array, or a JSON string of one. */
const jsonList = (p: Params, key: string): string[] => {
  const v = p[key];
  if (v === undefined || v === '' || Array.isArray(v)) return list(p, key);
  if (!String(v).startsWith('[')) throw new CkanError('Validation Error', 409, 'Validation Error', { [key]: ['Could not parse as valid JSON'] });
  return list(p, key);
};
const SEARCH_PARAMS = new Set(
  'q fq fq_list sort rows start facet facet.field facet.limit facet.mincount include_private include_drafts include_deleted use_default_schema fl qf wt bf boost tie defType mm callback'.split(
    ' ',
  ),
);
const required = (p: Params, key: string): string => {
  const v = str(p, key).trim();
  if (!v) throw new CkanError('Validation Error', 409, 'Validation Error', { [key]: ['Missing value'] });
  return v;
};
const notFound = () => new CkanError('Not Found Error', 404, 'Not found');

const HELP: Record<string, string> = {
  package_list: '返回全部已公开数据集的标识符（name），按字母顺序。参数：limit, offset。',
  package_show: '返回一个数据集。参数：id（数据集的 id 或 name）。',
  package_search: '检索数据集。参数：q, fq, sort（默认 score desc, metadata_modified desc）, rows（默认10，最多1000）, start, facet.field, facet.limit（默认50）。',
  resource_show: '返回一个数据资源。参数：id。',
  organization_list: '返回有公开数据集的单位。参数：all_fields, sort, limit, offset。',
  organization_show: '返回一个单位。参数：id（单位的 name）。',
  group_list: '返回数据领域（26个领域）。参数：all_fields。',
  group_show: '返回一个数据领域。参数：id。',
  tag_list: '返回关键词。参数：query。',
  license_list: '返回可选的许可协议。',
  status_show: '返回本站的基本信息。',
  help_show: '返回一个接口的说明。参数：name。',
  datastore_search: '检索表格资源的数据行。参数：resource_id, q, filters, limit（默认100，最多32000）, offset, sort, fields, include_total。',
};

export function registerCkanApi(app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;

  const actions: Record<string, (p: Params) => Promise<unknown>> = {
    async package_list(p) {
      const names = (await cachedCatalogue(app)).datasets.map((d) => d.name).sort();
      const offset = natural(p, 'offset', 0);
      return names.slice(offset, p.limit === undefined ? undefined : offset + natural(p, 'limit', names.length));
    },
    async package_show(p) {
      const id = required(p, 'id');
      const c = await cachedCatalogue(app);
      const d = c.datasets.find((x) => x.name === id || x.uuid === id);
      if (!d) throw notFound();
      return packageDict(base, c, d);
    },
    async package_search(p) {
      const unknown = Object.keys(p).find((k) => !SEARCH_PARAMS.has(k) && !k.startsWith('ext_'));
      if (unknown) throw new CkanError('Search Error', 409, `Search error: 不认识的参数“${unknown.slice(0, 50)}”`);
      const c = await cachedCatalogue(app);
      return searchPackages(base, c, {
        q: str(p, 'q', '*:*'),
        fq: str(p, 'fq'),
        sort: str(p, 'sort', 'score desc, metadata_modified desc') || 'score desc, metadata_modified desc',
        // CKAN caps rows at ckan.search.rows_max (1000) without an error.
        rows: Math.min(natural(p, 'rows', 10), 1000),
        start: natural(p, 'start', 0),
        facetFields: jsonList(p, 'facet.field'),
        fl: list(p, 'fl'),
        facetLimit: p['facet.limit'] === undefined ? 50 : Number(str(p, 'facet.limit')) === -1 ? -1 : natural(p, 'facet.limit', 50),
      });
    },
    async resource_show(p) {
      const id = required(p, 'id');
      const c = await cachedCatalogue(app);
      for (const d of c.datasets) {
        const i = d.resource_ids.indexOf(id);
        if (i >= 0) return resourceDict(base, d, c.resources.get(id)!, i);
      }
      throw notFound();
    },
    async organization_list(p) {
      const c = await cachedCatalogue(app);
      const counts = new Map<string, { slug: string; name: string; n: number }>();
      for (const d of c.datasets) counts.set(d.unit_slug, { slug: d.unit_slug, name: d.unit_name, n: (counts.get(d.unit_slug)?.n ?? 0) + 1 });
      const orgs = sortNamed(
        [...counts.values()].map((o) => ({ ...o, title: o.name, package_count: o.n })),
        str(p, 'sort', 'title asc'),
      );
      const allFields = p.all_fields === true || p.all_fields === 'true';
      const offset = natural(p, 'offset', 0);
      const page = orgs.slice(offset, offset + natural(p, 'limit', allFields ? 25 : 1000));
      return allFields ? page.map((o) => organizationDict(base, o, o.package_count)) : page.map((o) => o.slug);
    },
    async organization_show(p) {
      const id = required(p, 'id');
      const c = await cachedCatalogue(app);
      const mine = c.datasets.filter((d) => d.unit_slug === id);
      if (!mine.length) throw notFound();
      return { ...organizationDict(base, { slug: id, name: mine[0].unit_name }, mine.length), packages: mine.map((d) => packageDict(base, c, d)) };
    },
    async group_list(p) {
      const c = await cachedCatalogue(app);
      const groups = sortNamed(
        [...c.areas].map(([code, name]) => ({ code, name: groupName(code), title: name, package_count: c.datasets.filter((d) => d.metadata.areaCode === code).length })),
        str(p, 'sort', 'title asc'),
      );
      const allFields = p.all_fields === true || p.all_fields === 'true';
      const offset = natural(p, 'offset', 0);
      const page = groups.slice(offset, offset + natural(p, 'limit', allFields ? 25 : 1000));
      return allFields ? page.map((g) => groupDict(base, g.code, g.title, g.package_count)) : page.map((g) => g.name);
    },
    async group_show(p) {
      const id = required(p, 'id');
      const c = await cachedCatalogue(app);
      const code = id.replace(/^area-/, '');
      if (!c.areas.has(code) || !id.startsWith('area-')) throw notFound();
      const mine = c.datasets.filter((d) => d.metadata.areaCode === code);
      return { ...groupDict(base, code, c.areas.get(code)!, mine.length), packages: mine.map((d) => packageDict(base, c, d)) };
    },
    async tag_list(p) {
      const query = str(p, 'query', str(p, 'q')).toLowerCase();
      const tags = new Set((await cachedCatalogue(app)).datasets.flatMap((d) => d.metadata.keywords));
      return [...tags].filter((t) => !query || t.toLowerCase().includes(query)).sort();
    },
    async license_list() {
      return LICENCES.map((l) => ({
        id: l.id,
        title: l.title,
        url: l.url,
        status: 'active',
        family: '',
        maintainer: '',
        domain_content: true,
        domain_data: true,
        domain_software: false,
        od_conformance: l.open ? 'approved' : 'not reviewed',
        osd_conformance: 'not reviewed',
        is_generic: false,
      }));
    },
    async status_show() {
      return {
        site_title: deps.config.siteName,
        site_description: '政府数据开放',
        site_url: base,
        error_emails_to: null,
        locale_default: 'zh_Hans_CN',
        extensions: ['datastore'],
        // The CKAN API level these actions follow (2.10), so that clients that check it proceed.
        ckan_version: '2.10.0',
      };
    },
    async help_show(p) {
      const name = required(p, 'name');
      if (!HELP[name]) throw notFound();
      return HELP[name];
    },
    async datastore_search(p) {
      const id = str(p, 'resource_id', str(p, 'id')).trim();
      if (!id) throw new CkanError('Validation Error', 409, 'Validation Error', { resource_id: ['Missing value'] });
      const c = await cachedCatalogue(app);
      const d = c.datasets.find((x) => x.resource_ids.includes(id));
      const r = d ? await getResource(deps.db, id) : undefined;
      if (!d || !r || r.row_count === null) throw notFound();
      if (!dataOpen(d)) throw new CkanError('Authorization Error', 403, '该数据集不是无条件开放，数据须经申请获得。');
      let filters: Record<string, string | string[]> = {};
      const f = p.filters;
      if (typeof f === 'string' && f) {
        try {
          filters = JSON.parse(f) as Record<string, string | string[]>;
        } catch {
          throw new CkanError('Validation Error', 409, 'Validation Error', { filters: ['Could not parse as valid JSON'] });
        }
      } else if (f && typeof f === 'object' && !Array.isArray(f)) filters = f as Record<string, string | string[]>;
      const limit = Math.min(natural(p, 'limit', 100), 32000);
      const offset = natural(p, 'offset', 0);
      const q = typeof p.q === 'object' && p.q ? Object.values(p.q as Record<string, string>).join(' ') : str(p, 'q');
      let found;
      try {
        found = await searchRows(deps.db, id, r.fields, { q, filters, limit, offset, sort: str(p, 'sort'), fields: list(p, 'fields') });
      } catch (err) {
        const fields = (err as { fields?: Record<string, string> }).fields;
        if (fields) throw new CkanError('Validation Error', 409, 'Validation Error', Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, [v]])));
        throw err;
      }
      const link = (o: number) => `/api/3/action/datastore_search?resource_id=${id}&offset=${o}${limit !== 100 ? `&limit=${limit}` : ''}`;
      return {
        include_total: true,
        resource_id: id,
        fields: found.fields,
        records_format: 'objects',
        records: found.records,
        limit,
        offset,
        total: found.total,
        _links: { start: link(0), next: link(offset + limit) },
      };
    },
  };

  const help = (name: string) => `${base}/api/3/action/help_show?name=${name}`;

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    const name = (request.params as { action: string }).action;
    const fn = Object.hasOwn(actions, name) ? actions[name] : undefined;
    // CKAN answers an unknown action with a bare JSON string.
    if (!fn) return reply.code(400).send(JSON.stringify(`Bad request - Action name not known: ${name.slice(0, 100)}`));
    const params: Params = request.method === 'POST' ? ((request.body as Params | null) ?? {}) : { ...(request.query as Params) };
    if (typeof params !== 'object' || Array.isArray(params)) return reply.code(400).send(JSON.stringify('Bad request - JSON Error: 请求体须为 JSON 对象'));
    try {
      return reply.send({ help: help(name), success: true, result: await fn(params) });
    } catch (err) {
      if (!(err instanceof CkanError)) throw err;
      const error = err.type === 'Validation Error' ? { ...err.fields, __type: err.type } : { message: err.message, __type: err.type };
      return reply.code(err.status).send({ help: help(name), success: false, error });
    }
  }

  // In its own scope, so that even what fails before the handler (malformed JSON, text that cannot be stored) is
  // answered as CKAN answers it: a bare "Bad request - …" string for a 4xx, its envelope for a server error.
  void app.register(async (scope) => {
    scope.setErrorHandler((error: { statusCode?: number; status?: number; message?: string }, request, reply) => {
      const status = error.statusCode ?? error.status ?? 500;
      if (status < 500) return reply.code(400).send(JSON.stringify(`Bad request - ${String(error.message ?? '').slice(0, 200)}`));
      request.log.error({ err: error }, 'ckan api error');
      const name = (request.params as { action?: string }).action ?? '';
      return reply.code(500).send({ help: help(name), success: false, error: { message: 'Internal Server Error', __type: 'Internal Server Error' } });
    });
    for (const prefix of ['/api/3/action', '/api/action'])
      // CKAN's own contract, documented in docs/exports/opendata.md rather than in the platform's OpenAPI document.
      scope.route({ method: ['GET', 'POST'], url: `${prefix}/:action`, schema: { hide: true }, config: { rateLimit: { max: 300, timeWindow: '1 minute' } }, handler: handle });
    for (const url of ['/api/3', '/api/3/']) scope.get(url, { schema: { hide: true } }, async () => ({ version: 3 }));
  });
}

function sortNamed<T extends { name: string; title: string; package_count: number }>(rows: T[], sort: string): T[] {
  const [field, dir] = sort.trim().split(/\s+/);
  const cmp = (a: T, b: T) =>
    field === 'package_count' ? a.package_count - b.package_count : field === 'name' ? a.name.localeCompare(b.name) : a.title.localeCompare(b.title, 'zh');
  const sorted = [...rows].sort(cmp);
  return dir === 'desc' ? sorted.reverse() : sorted;
}
