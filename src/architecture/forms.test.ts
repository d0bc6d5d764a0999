/**
 * Every HTML form post goes through the one form helper (src/lib/form.ts), so each refuses bad input the same way:
 * a schema, text that cannot be stored reported on the form, the form re-rendered with the values kept. A page route
 * file that registers a POST by hand, or reads the body untyped, fails here. (JSON API routes are typed by their
 * Fastify schemas instead: src/modules/api.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('page routes post only through the form helper', () => {
  const offenders: string[] = [];
  const pageRoutes = files('src/modules').filter((f) => /routes\.(staff|public)\.tsx$/.test(f));
  assert.ok(pageRoutes.length >= 9, `${pageRoutes.length} page route files`);
  for (const f of pageRoutes) {
    const src = fs.readFileSync(f, 'utf8');
    src.split('\n').forEach((line, i) => {
      if (/\bapp\.(post|put|patch|delete)\(/.test(line)) offenders.push(`${f}:${i + 1} registers a write route by hand`);
      if (/request\.body\s+as\b/.test(line)) offenders.push(`${f}:${i + 1} reads the body untyped`);
      if (/\breadMultipart\(/.test(line)) offenders.push(`${f}:${i + 1} reads a multipart body by hand`);
    });
  }
  assert.deepEqual(offenders, []);
});
