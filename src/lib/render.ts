/** Renders a JSX page to HTML, in the reader's script (简/繁), with the headers every page needs. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { CachedPage, PageCache } from './pageCache.ts';
import { htmlToTraditional } from './script.ts';
import type { ViewContext } from '../views/context.ts';

export function renderHtml(ctx: ViewContext, page: VNode): string {
  const html = '<!doctype html>' + renderToString(page);
  return ctx.script === 'hant' ? htmlToTraditional(html) : html;
}

export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Sends a page. Public pages (cache: 'public') get an ETag and answer 304 when the browser already has them;
 * pages for signed-in staff are never stored by caches.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, ctx: ViewContext, page: VNode, opts: { status?: number; cache?: 'public' | 'private' } = {}) {
  const html = renderHtml(ctx, page);
  reply.code(opts.status ?? 200).type('text/html; charset=utf-8');
  if (opts.cache === 'public' && ctx.actor.kind === 'anonymous' && (opts.status ?? 200) === 200) {
    const tag = etagOf(html);
    reply.header('ETag', tag).header('Cache-Control', 'public, max-age=0, must-revalidate').header('Vary', 'Cookie');
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
  } else {
    reply.header('Cache-Control', 'no-store');
  }
  return reply.send(html);
}

/**
 * Sends a public page from the page cache when an anonymous reader asks for it; otherwise renders it (and caches it).
 * Signed-in staff always get a fresh, uncached page.
 */
export async function sendPublicPage(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, build: (ctx: ViewContext) => Promise<VNode> | VNode) {
  const cache = app.pageCache;
  if (!cache || request.actor.kind !== 'anonymous') {
    const ctx = app.viewContext(request, reply);
    return sendPage(request, reply, ctx, await build(ctx), { cache: 'public' });
  }
  if (!cache.isFresh()) await cache.validate();
  if (serveCached(cache, request, reply)) return reply;
  const key = pageKey(request);
  const ctx = app.viewContext(request, reply);
  const version = cache.currentVersion();
  const html = renderHtml(ctx, await build(ctx));
  const e: CachedPage = { body: Buffer.from(html), etag: etagOf(html), type: 'text/html; charset=utf-8' };
  reply.header('ETag', e.etag).header('Cache-Control', 'public, max-age=0, must-revalidate').header('Vary', 'Cookie').type(e.type);
  // Everything this response carries (security headers included), kept for the next reader of the same page.
  const headers: Record<string, unknown> = { ...reply.getHeaders(), 'content-length': String(e.body.length) };
  const flat = (h: Record<string, unknown>) => Object.entries(h).flatMap(([k, v]) => (v === undefined ? [] : [k, String(v)]));
  e.rawHeaders = flat(headers);
  const { 'content-length': _l, 'content-type': _t, ...notModified } = headers;
  e.rawHeaders304 = flat(notModified);
  cache.set(key, e, version);
  if (request.headers['if-none-match'] === e.etag) return reply.code(304).send();
  return reply.send(e.body);
}

/** The reader's preferences, set by /prefs as cookies: script (简/繁) and the large view. */
export function readingPrefs(request: FastifyRequest): { script: 'hans' | 'hant'; large: boolean } {
  return { script: request.cookies.gk_script === 'hant' ? 'hant' : 'hans', large: request.cookies.gk_view === 'large' };
}

/** The cache key of a public page: reading preferences and the URL. */
export function pageKey(request: FastifyRequest): string {
  const p = readingPrefs(request);
  return `${p.script}|${p.large ? 1 : 0}|${request.url}`;
}

/**
 * Writes a cached page straight to the socket with the headers prepared when it was cached (the measured hot path).
 * Returns false when the page is not in the cache. Only pages rendered by sendPublicPage for anonymous readers are
 * ever stored, so a hit is always a public page.
 */
export function serveCached(cache: PageCache, request: FastifyRequest, reply: FastifyReply): boolean {
  const hit = cache.get(pageKey(request));
  if (!hit?.rawHeaders) return false;
  reply.hijack();
  const res = reply.raw;
  if (request.headers['if-none-match'] === hit.etag) {
    res.writeHead(304, hit.rawHeaders304);
    res.end();
  } else {
    res.writeHead(200, hit.rawHeaders);
    res.end(request.method === 'HEAD' ? undefined : hit.body);
  }
  return true;
}
