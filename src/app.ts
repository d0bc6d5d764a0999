/**
 * The app factory: buildApp({ config, db, clock, calendar }) returns a ready Fastify instance without listening,
 * so tests drive it with inject() and the CLI decides where it listens (conventions C2, C7).
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { securityHeaders } from './lib/securityHeaders.ts';
import rateLimit from '@fastify/rate-limit';
import multipart from '@fastify/multipart';
import { applyLimits, type Config } from './config.ts';
import { isDbUnavailable, type Db } from './lib/db.ts';
import type { Clock } from './lib/clock.ts';
import { AppError, ErrorCodes } from './lib/errors.ts';
import { validationFields, type AjvIssue } from './lib/validationErrors.ts';
import { cleanQuery, findInvalidText, TEXT_INVALID_MESSAGE } from './lib/text.ts';
import { anonymous, type Actor } from './lib/authz.ts';
import { csrfToken, verifyCsrf, CSRF_FIELD } from './lib/csrf.ts';
import { readingPrefs, sendPage, serveCached } from './lib/render.ts';
import { PageCache } from './lib/pageCache.ts';
import { chinaDate } from './lib/clock.ts';
import type { ViewContext } from './views/context.ts';
import { CalendarService } from './modules/calendar/index.ts';
import { loadActorFromRequest, SESSION_COOKIE } from './modules/orgs/index.ts';
import { ErrorPage } from './views/errorPage.tsx';
import { registerOrgsRoutes } from './modules/orgs/index.ts';
import { registerPublishingStaffRoutes } from './modules/publishing/index.ts';
import { registerPortalRoutes } from './modules/portal/index.ts';
import { registerApiRoutes } from './modules/api/index.ts';
import { registerGazettePublicRoutes, registerGazetteStaffRoutes } from './modules/gazette/index.ts';
import { registerNormativeStaffRoutes } from './modules/normative/index.ts';
import { registerEnforcementPublicRoutes, registerEnforcementStaffRoutes } from './modules/enforcement/index.ts';
import {
  cachedCatalogue,
  datasetHints,
  datasetsForCatalogue,
  registerCkanApi,
  registerOpendataAccessRoutes,
  registerOpendataPublicRoutes,
  registerOpendataStaffRoutes,
  type DatasetHint,
} from './modules/opendata/index.ts';
import { registerCalendarRoutes } from './modules/calendar/index.ts';
import { registerAssets } from './views/assets.ts';
import { SearchService } from './modules/search/index.ts';
import { PopularCache } from './modules/search/index.ts';
import { registerSearchStaffRoutes } from './modules/search/index.ts';
import { registerRequestPublicRoutes } from './modules/requests/index.ts';
import { registerRequestStaffRoutes } from './modules/requests/index.ts';
import { registerCataloguePublicRoutes } from './modules/catalogues/index.ts';
import { registerCatalogueStaffRoutes } from './modules/catalogues/index.ts';
import {
  registerParticipationPublicRoutes,
  registerParticipationStaffRoutes,
  registerDecisionPublicRoutes,
  registerDecisionStaffRoutes,
  registerMeetingStaffRoutes,
  registerSurveyPublicRoutes,
  registerSurveyStaffRoutes,
} from './modules/participation/index.ts';
import { registerMessagePublicRoutes, registerMessageStaffRoutes, registerOpen311Routes } from './modules/messages/index.ts';
import { registerProposalPublicRoutes, registerProposalStaffRoutes } from './modules/proposals/index.ts';
import { answerFinder, answersForCatalogue, countHint, registerAnswerPublicRoutes, registerAnswerStaffRoutes } from './modules/answers/index.ts';
import { registerReportStaffRoutes } from './modules/reports/index.ts';
import { registerSupervisionRoutes } from './modules/supervision/index.ts';
import { registerAuditRoutes } from './modules/audit/index.ts';
import { registerNotificationRoutes } from './modules/notifications/index.ts';
import { registerWorkbenchRoutes } from './modules/workbench/index.ts';
import { registerSearchRoutes } from './modules/search/index.ts';

export interface AppDeps {
  config: Config;
  db: Db;
  clock: Clock;
  calendar: CalendarService;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
  interface FastifyInstance {
    deps: AppDeps;
    /** The per-request view context (script, large text, actor, CSRF token). */
    viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext;
    /** Verifies the CSRF token of a form post (urlencoded forms are checked automatically). */
    checkCsrf(request: FastifyRequest, token: unknown): void;
    /** Rendered public pages, or null when the cache is off. */
    pageCache: PageCache | null;
    /** This node's search index, kept in step with the database. */
    searchIndex: SearchService;
    /** Every route as registered: method and URL pattern. */
    routeList: { method: string; url: string }[];
    /** The public list of popular searches, kept a few minutes per node. */
    popularSearches: PopularCache;
    /** The knowledge base's answers offered first for a question (the search page), counted when shown. */
    answerHints(q: string): Promise<{ id: number; question: string }[]>;
    /** The knowledge base's current answers per catalogue item of a unit's area (the catalogue page), by item key. */
    catalogueAnswers(unitId: number, areaCode: string): Promise<Map<string, { id: number; question: string }[]>>;
    /** Open-data datasets for a question (the search page), within a unit's scope when one is chosen. */
    datasetHints(q: string, scopePath?: string): Promise<{ total: number; hits: DatasetHint[] }>;
    /** A unit's open-data datasets filed under each item of one area's catalogue (the catalogue page), by item key. */
    catalogueDatasets(unitId: number, areaCode: string): Promise<Map<string, { name: string; title: string }[]>>;
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  await applyLimits(config);
  const app = Fastify({
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Unknown fields are an error, not silently dropped: a typo in an API client should be reported.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } },
  });
  app.decorate('deps', deps);
  // Every route as registered, for the hostile-input test that walks them all.
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of Array.isArray(r.method) ? r.method : [r.method]) routeList.push({ method, url: r.url });
  });
  app.decorate('routeList', routeList);

  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 10, fields: 100 } });
  await app.register(rateLimit, { global: false });

  // One hook for every request: security headers, then the actor. Most public requests carry neither a session
  // cookie nor a token, and take the synchronous path (measured on the cached page path).
  const headers = securityHeaders({ hsts: config.trustProxy });
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', (request, reply, done) => {
    if (!request.headers.authorization && !request.cookies[SESSION_COOKIE]) {
      request.actor = anonymous;
      // A public page already rendered for this URL and view is sent from here, before the route runs; its stored
      // headers include the security headers.
      const cache = app.pageCache;
      if (cache && (request.method === 'GET' || request.method === 'HEAD') && cache.isFresh() && serveCached(cache, request, reply)) return;
      reply.headers(headers);
      return done();
    }
    reply.headers(headers);
    loadActorFromRequest(deps, request).then(
      (actor) => {
        request.actor = actor;
        done();
      },
      (err: Error) => done(err),
    );
  });

  app.decorate('viewContext', (request: FastifyRequest, reply: FastifyReply): ViewContext => ({
    siteName: config.siteName,
    path: request.url.split('?')[0],
    url: request.url,
    ...readingPrefs(request),
    actor: request.actor,
    // Lazy: only pages with a form set the CSRF cookie, so public pages stay cookie-free and cacheable.
    get csrf() {
      return csrfToken(request, reply, config.secret, config.trustProxy);
    },
    baseUrl: config.baseUrl,
  }));
  app.decorate('pageCache', config.pageCacheBytes > 0 ? new PageCache(deps.db, config.pageCacheBytes) : null);
  app.decorate('searchIndex', new SearchService(deps.db));
  // The search module offers the knowledge base's answers without depending on it (answers builds on search).
  app.decorate('answerHints', async (q: string) => {
    const found = await answerFinder.find(deps.db, q, 2);
    if (found.length) await countHint(deps.db, chinaDate(deps.clock.now()), 'search', 'shown');
    return found.map((f) => ({ id: f.id, question: f.question }));
  });
  app.decorate('catalogueAnswers', (unitId: number, areaCode: string) => answersForCatalogue(deps.db, unitId, areaCode));
  app.decorate('datasetHints', async (q: string, scopePath?: string) => datasetHints(await cachedCatalogue(app), q, { scopePath }));
  app.decorate('catalogueDatasets', async (unitId: number, areaCode: string) => datasetsForCatalogue(await cachedCatalogue(app), unitId, areaCode));
  app.decorate('popularSearches', new PopularCache(deps.db, config.popularMinSearches));
  app.decorate('checkCsrf', (request: FastifyRequest, token: unknown) => verifyCsrf(request, config.secret, token));

  // NUL and lone surrogates cannot be stored: refused here for every form and API body, naming the field. Query
  // strings are only read (searches, filters), so there they are removed and the page answers normally.
  app.addHook('preValidation', (request, _reply, done) => {
    cleanQuery(request.query);
    const field = request.isMultipart() || request.routeOptions.config.form ? null : findInvalidText(request.body);
    if (field) return done(new AppError('TEXT_INVALID', 400, TEXT_INVALID_MESSAGE, { [field]: TEXT_INVALID_MESSAGE }));
    done();
  });

  // A user holding a temporary or published (demo) password changes it before anything else; an administrator
  // without a second factor enrols one. Demo mode (npm start) skips both.
  app.addHook('preHandler', async (request, reply) => {
    const a = request.actor;
    if (a.kind !== 'user' || config.seedDemo || !request.url.startsWith('/staff') || request.url.startsWith('/staff/account/')) return;
    if (a.mustChangePassword) {
      if (request.method === 'GET') return reply.redirect('/staff/account/password');
      throw new AppError(ErrorCodes.PASSWORD_CHANGE_REQUIRED, 403, '请先修改密码，再继续操作。');
    }
    // An administrator signs in with a second factor: one without it enrols first.
    if (config.requireAdminTotp && !a.totp && a.grants.some((g) => g.role === 'system_admin' || g.role === 'office_admin')) {
      if (request.method === 'GET') return reply.redirect('/staff/account/totp');
      throw new AppError(ErrorCodes.TOTP_ENROLMENT_REQUIRED, 403, '管理员须先设置动态验证码（双因素登录），再继续操作。');
    }
  });

  // Every urlencoded form post carries the token; API clients authenticate with bearer tokens instead of cookies, and
  // Open311 clients with an api_key in the form (no cookie is read there).
  app.addHook('preHandler', (request, _reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.url.startsWith('/api/') || request.url.startsWith('/open311/') || request.isMultipart()) return done();
    try {
      // Multipart forms are checked by their handler once the fields are read.
      verifyCsrf(request, config.secret, (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD]);
      done();
    } catch (err) {
      done(err as Error);
    }
  });

  app.setErrorHandler((error: unknown, request, reply) => {
    const err = toAppError(error);
    if (err.status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (wantsJson(request)) {
      return reply.code(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields } });
    }
    if (err.code === 'AUTH_REQUIRED' && request.method === 'GET') {
      return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`);
    }
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ErrorPage({ ctx, status: err.status, message: err.message, code: err.code }), { status: err.status });
  });

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 120, timeWindow: '1 minute' }) }, (request, reply) => {
    const err = new AppError(ErrorCodes.NOT_FOUND, 404, '没有找到您要的页面。');
    if (wantsJson(request)) return reply.code(404).send({ error: { code: err.code, message: err.message, fields: {} } });
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, ErrorPage({ ctx, status: 404, message: err.message, code: err.code }), { status: 404 });
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    // Read before waiting for the database, so the answer describes the moment of the request.
    const building = app.searchIndex.building;
    try {
      await deps.db.query('SELECT 1');
      // A node still building its search index at start would answer searches only in part.
      if (building) return reply.code(503).send({ status: 'starting', database: deps.db.kind, search: 'building' });
      return { status: 'ready', database: deps.db.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: deps.db.kind });
    }
  });

  registerAssets(app);
  registerOrgsRoutes(app);
  registerCalendarRoutes(app);
  registerPublishingStaffRoutes(app);
  registerPortalRoutes(app);
  registerSearchRoutes(app);
  registerSearchStaffRoutes(app);
  registerRequestPublicRoutes(app);
  registerRequestStaffRoutes(app);
  registerCataloguePublicRoutes(app);
  registerCatalogueStaffRoutes(app);
  registerParticipationPublicRoutes(app);
  registerParticipationStaffRoutes(app);
  registerDecisionPublicRoutes(app);
  registerDecisionStaffRoutes(app);
  registerMeetingStaffRoutes(app);
  registerSurveyPublicRoutes(app);
  registerSurveyStaffRoutes(app);
  registerMessagePublicRoutes(app);
  registerOpen311Routes(app);
  registerMessageStaffRoutes(app);
  registerProposalPublicRoutes(app);
  registerProposalStaffRoutes(app);
  registerAnswerPublicRoutes(app);
  registerOpendataPublicRoutes(app);
  registerOpendataStaffRoutes(app);
  registerGazettePublicRoutes(app);
  registerGazetteStaffRoutes(app);
  registerNormativeStaffRoutes(app);
  registerEnforcementPublicRoutes(app);
  registerEnforcementStaffRoutes(app);
  registerOpendataAccessRoutes(app);
  registerAnswerStaffRoutes(app);
  registerReportStaffRoutes(app);
  registerSupervisionRoutes(app);
  registerAuditRoutes(app);
  registerNotificationRoutes(app);
  registerWorkbenchRoutes(app);
  await registerApiRoutes(app);
  registerCkanApi(app);
  return app;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/healthz' || request.url === '/readyz';
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { validation?: AjvIssue[]; validationContext?: string; statusCode?: number; code?: string };
  if (e?.validation) {
    const { message, fields } = validationFields(e.validation, e.validationContext);
    return new AppError(ErrorCodes.VALIDATION_FAILED, 400, message, fields);
  }
  if (e?.code === 'FST_REQ_FILE_TOO_LARGE' || e?.code === 'FST_FILES_LIMIT') {
    return new AppError(ErrorCodes.UPLOAD_REJECTED, 413, '文件太大或数量太多。');
  }
  if (e?.statusCode === 429) return new AppError(ErrorCodes.RATE_LIMITED, 429, '操作过于频繁，请稍后再试。');
  if (isDbUnavailable(error)) return new AppError(ErrorCodes.DB_UNAVAILABLE, 503, '系统正在恢复与数据库的连接，请稍后再试。', {}, { cause: error });
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return new AppError('BAD_REQUEST', e.statusCode, '请求无法处理，请检查后重试。');
  }
  return new AppError(ErrorCodes.INTERNAL, 500, '系统出现了问题，我们已记录。请稍后再试。', {}, { cause: error });
}
