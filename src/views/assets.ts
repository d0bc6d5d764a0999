/** Static assets (the stylesheet and the icon) served from memory with a content hash ETag and long caching. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { etagOf } from '../lib/render.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');

export function registerAssets(app: FastifyInstance) {
  const css = fs.readFileSync(path.join(dir, 'site.css'));
  const tag = etagOf(css);
  app.get('/assets/site.css', async (request, reply) => {
    reply.header('ETag', tag).header('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8');
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    return reply.send(css);
  });
  const icon = fs.readFileSync(path.join(dir, 'favicon.svg'));
  const iconTag = etagOf(icon);
  app.get('/assets/favicon.svg', async (request, reply) => {
    reply.header('ETag', iconTag).header('Cache-Control', 'public, max-age=86400').type('image/svg+xml');
    if (request.headers['if-none-match'] === iconTag) return reply.code(304).send();
    return reply.send(icon);
  });
  // Browsers ask for /favicon.ico whatever the page says; answer with the icon rather than a logged 404.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
}
