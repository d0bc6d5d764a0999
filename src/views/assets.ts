/**
 * Static assets served from memory with a content hash ETag: the stylesheet, the icon, and the staff pages' script,
 * bundled from src/client by esbuild the first time it is asked for (a second or so), so a node that serves no staff
 * pages never builds it and there is no build step between a checkout and a running platform.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { etagOf } from '../lib/render.ts';

const clientDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'client');
let staffScript: Promise<{ code: Buffer; tag: string }> | undefined;

/** The staff script, bundled and minified once per process. */
export function staffBundle(): Promise<{ code: Buffer; tag: string }> {
  staffScript ??= import('esbuild')
    .then((esbuild) =>
      esbuild.build({
        entryPoints: [path.join(clientDir, 'staff.ts')],
        bundle: true,
        minify: true,
        format: 'iife',
        target: ['chrome100', 'firefox100', 'safari15'],
        write: false,
        legalComments: 'none',
        logLevel: 'silent',
      }),
    )
    .then((r) => {
      const code = Buffer.from(r.outputFiles[0].contents);
      return { code, tag: etagOf(code) };
    })
    .catch((err: unknown) => {
      staffScript = undefined;
      throw err;
    });
  return staffScript;
}

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
  app.get('/assets/staff.js', async (request, reply) => {
    const { code, tag } = await staffBundle();
    reply.header('ETag', tag).header('Cache-Control', 'public, max-age=3600').type('text/javascript; charset=utf-8');
    if (request.headers['if-none-match'] === tag) return reply.code(304).send();
    return reply.send(code);
  });
  // Browsers ask for /favicon.ico whatever the page says; answer with the icon rather than a logged 404.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
}
