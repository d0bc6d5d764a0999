/**
 * The form helper: a field the schema refuses, text that cannot be stored, and a command's own error all re-render
 * the form with the values as typed and a field message, with a 4xx and nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../testing/harness.ts';
import { makeUnit, makeUser } from '../testing/factories.ts';
import { Browser } from '../testing/http.ts';

test('a form post with invalid input shows the form again with the values kept', async (t) => {
  const h = await makeTestApp();
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001' });
  await makeUser(h.db, city.id, ['office_admin', 'system_admin'], { username: 'office' });
  const b = new Browser(h.app);
  await b.login('office');
  const count = async () => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM search_synonyms')).rows[0].n;

  const before = await count();

  // NUL in a field: the form comes back with the field named and the rest of what was typed.
  const nul = await b.post('/staff/search/synonyms', { term: '低保\u0000', synonyms: '最低生活保障' }, '/staff/search/synonyms');
  assert.equal(nul.statusCode, 400);
  assert.match(nul.body, /含有无法保存的字符/);
  assert.match(nul.body, /value="低保"/, 'the term as typed, without the character that cannot be shown');
  assert.match(nul.body, /最低生活保障/);

  // Over the schema's length: a message on the field, values kept.
  const long = await b.post('/staff/search/synonyms', { term: '长'.repeat(101), synonyms: '短' }, '/staff/search/synonyms');
  assert.equal(long.statusCode, 400);
  assert.match(long.body, /不能超过 100 个字/);

  // The command's own rule (a term needs synonyms) comes back the same way.
  const none = await b.post('/staff/search/synonyms', { term: '低保', synonyms: '' }, '/staff/search/synonyms');
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /value="低保"/);
  assert.equal(await count(), before);

  // A calendar day that is not a date names the field; a valid one saves.
  const badDay = await b.post('/staff/calendar/day', { day: '2026-02-30', working: 'true', name: '调休' }, '/staff/calendar');
  assert.equal(badDay.statusCode, 400);
  assert.match(badDay.body, /请填写有效日期/);
  assert.match(badDay.body, /value="调休"/);
  const okDay = await b.post('/staff/calendar/day', { day: '2026-10-10', working: 'true', name: '调休' }, '/staff/calendar');
  assert.equal(okDay.statusCode, 200);
  assert.match(okDay.body, /已保存：2026-10-10 上班/);
});
