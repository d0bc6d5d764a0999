/**
 * Attachments come with the first save of a draft (the form is multipart and still works urlencoded); a refused file
 * leaves neither the draft nor any file behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { tinyPdf } from '../../../db/seeds/demo/files.ts';

test('a draft is saved with its attachments in one step, or not at all', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const unit = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, unit.id, ['publisher'], { username: 'clerk' });
  const b = new Browser(h.app);
  await b.login('clerk');
  const fields = {
    unitId: String(unit.id),
    kind: 'information',
    title: '关于公布2026年行政事业性收费目录的通知',
    sectionCode: 'a20_08',
    disclosure: 'proactive',
    topic: '财政、金融、审计\\财政',
    genre: '通知',
    bodyHtml: '<p>现将收费目录公布如下。</p>',
  };
  const count = async () => (await h.db.query<{ n: number }>('SELECT (SELECT count(*) FROM information_items)::int + (SELECT count(*) FROM attachments)::int AS n')).rows[0].n;
  const bad = await b.postMultipart(
    '/staff/items',
    fields,
    [{ field: 'files', filename: '目录.pdf', content: Buffer.from('not a pdf at all'), type: 'application/pdf' }],
    '/staff/items/new',
  );
  assert.equal(bad.statusCode, 415);
  assert.match(bad.body, /关于公布2026年行政事业性收费目录的通知/, 'what was typed is kept');
  assert.equal(await count(), 0, 'no draft, no file');
  const ok = await b.postMultipart(
    '/staff/items',
    fields,
    [{ field: 'files', filename: '收费目录.pdf', content: tinyPdf(['收费目录']), type: 'application/pdf' }],
    '/staff/items/new',
  );
  assert.equal(ok.statusCode, 303);
  const id = Number(/\/staff\/items\/(\d+)/.exec(ok.headers.location as string)![1]);
  assert.match((await b.get(`/staff/items/${id}`)).body, /收费目录.pdf/);
  // Urlencoded (no file chosen) still saves.
  assert.equal((await b.post(`/staff/items/${id}/edit`, { ...fields, title: '关于公布2026年行政事业性收费目录的通知（修改）' }, `/staff/items/${id}/edit`)).statusCode, 303);
});
