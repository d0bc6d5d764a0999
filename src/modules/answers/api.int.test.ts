/**
 * The knowledge base's API: the 12345 hotline reads every current answer with its sources (an answer whose policy was
 * repealed drops out); a unit's system pushes an entry in as a draft for the unit's review, with its token's scope.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeApiToken, makeUnit } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { changeValidity } from '../publishing/index.ts';
import { approveEntry, submitEntry } from './index.ts';

test('answers out for the hotline, entries in as drafts', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z', config: { baseUrl: 'https://gov.example.cn' } });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const jyj = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100009', name: '示范市教育局', kind: 'department' });
  const policy = await publishedItem(h.db, jyj.id, h.clock.now(), { title: '示范市义务教育阶段随迁子女入学办法' });
  const kb = await makeApiToken(h.db, jyj.id, ['answers:write'], '教育局咨询系统');
  const other = await makeApiToken(h.db, jyj.id, ['messages:write']);
  const post = (token: string, payload: object) => h.app.inject({ method: 'POST', url: '/api/v1/answers', headers: { authorization: `Bearer ${token}` }, payload });
  const entry = {
    question: '随迁子女入学需要哪些材料？',
    variants: ['外地孩子上学要什么'],
    answer: '居住证、租赁合同、户口簿。',
    answerClass: 'instant',
    reviewBy: '2026-09-01',
    sources: [String(policy.itemId)],
  };

  assert.equal((await post(other, entry)).statusCode, 403);
  const bad = await post(kb, { ...entry, answerClass: 'someday' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().error.code, 'VALIDATION_FAILED');
  const badSource = await post(kb, { ...entry, sources: ['没有这份文件'] });
  assert.equal(badSource.statusCode, 400);
  assert.ok(badSource.json().error.fields.sources);
  const made = await post(kb, entry);
  assert.equal(made.statusCode, 201);
  assert.equal(made.json().state, 'draft');
  const id = made.json().id as number;
  assert.equal((await h.app.inject('/api/v1/answers')).json().answers.length, 0, 'a draft is not public');

  const system = { kind: 'system' as const, label: 'test' };
  await submitEntry(h.db, system, h.clock.now(), id);
  await approveEntry(h.db, system, h.clock.now(), id);
  const out = (await h.app.inject('/api/v1/answers')).json().answers;
  assert.equal(out.length, 1);
  assert.deepEqual(
    [out[0].question, out[0].variants, out[0].answerClass, out[0].url, out[0].sources[0].url],
    ['随迁子女入学需要哪些材料？', ['外地孩子上学要什么'], 'instant', `https://gov.example.cn/hdjl/wd/${id}`, `https://gov.example.cn/xxgk/jyj/items/${policy.itemId}`],
  );
  await changeValidity(h.db, system, h.clock.now(), policy.itemId, { validity: 'repealed', byItemId: null });
  assert.equal((await h.app.inject('/api/v1/answers')).json().answers.length, 0, 'withheld for review');
});
