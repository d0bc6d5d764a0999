/** Static assets (one stylesheet) served from memory with a content hash ETag and long caching. */
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
}
