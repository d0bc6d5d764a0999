/**
 * 事前公开, 双随机 and the yearly figures over HTTP: entries checked (no ID numbers), changed with their old values kept
 * and withdrawn with a reason; a draw that anyone re-runs from the public API to the same result; the inspection's
 * results against their 20-working-day clock; a year's figures computed from the records, late after 31 January.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit, makeUser } from '../../testing/factories.ts';
import { Browser } from '../../testing/http.ts';
import { poolHash, runDraw } from './index.ts';

test('the 事前 register, a draw anyone can re-run, its results, and the yearly figures', async (t) => {
  const h = await makeTestApp({ now: '2026-02-10T02:00:00Z' });
  t.after(() => h.close());
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100000', name: '示范市人民政府' });
  const scjg = await makeUnit(h.db, { parentId: city.id, slug: 'scjg', code: '990100021', name: '示范市市场监督管理局' });
  const other = await makeUnit(h.db, { parentId: city.id, slug: 'jyj', code: '990100010', name: '示范市教育局' });
  const clerk = await makeUser(h.db, scjg.id, ['publisher']);
  const stranger = await makeUser(h.db, other.id, ['publisher']);
  const w = new Browser(h.app);
  await w.login(clerk.username);
  const work = `/staff/enforcement/units/${scjg.id}`;
  const add = (kind: string, fields: Record<string, string>) => w.post(`${work}/register/new?kind=${kind}`, fields, `${work}/register/new?kind=${kind}`);

  const refused = await add('officer', { title: '110101199003071233', certificate: '', reviewOn: '2026-01-01' });
  assert.equal(refused.statusCode, 400);
  for (const m of [/不得公开身份证号/, /请填写执法证号/, /下次核对日期应在今天之后/]) assert.match(refused.body, m);
  assert.match(refused.body, /value="110101199003071233"/, 'the form keeps what was typed');
  const officers = [
    ['王明', '99010021001'],
    ['李华', '99010021002'],
    ['赵静', '99010021003'],
    ['陈伟', '99010021004'],
  ];
  for (const [name, cert] of officers)
    assert.equal(
      (await add('officer', { title: name, certificate: cert, area: '市场监管综合执法', issuer: '示范市人民政府', validUntil: '2028-12-31', reviewOn: '2026-12-31' })).statusCode,
      303,
    );
  await add('officer', { title: '孙老', certificate: '99010021005', area: '市场监管综合执法', issuer: '示范市人民政府', validUntil: '2025-12-31', reviewOn: '2026-12-31' });
  assert.equal(
    (
      await add('inspection_item', {
        title: '食品经营者监督检查',
        basis: '《中华人民共和国食品安全法》第一百一十条',
        objects: '食品经营者',
        method: '现场检查',
        ratio: '每年不低于5%',
        reviewOn: '2026-12-31',
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (await add('remedy', { title: '行政复议', how: '自知道该行政行为之日起六十日内', where: '示范市人民政府', phone: '0999-12345', reviewOn: '2026-12-31' })).statusCode,
    303,
  );
  assert.equal((await add('nonsense', { title: 'x', reviewOn: '2026-12-31' })).statusCode, 404);

  const entry = async (title: string) => (await h.db.query<{ id: number }>('SELECT id FROM enforcement_register WHERE title = $1', [title])).rows[0].id;
  const remedy = await entry('行政复议');
  const changed = await w.post(
    `/staff/enforcement/register/${remedy}`,
    { title: '行政复议', how: '自知道该行政行为之日起六十日内提出', where: '示范市人民政府行政复议办公室', phone: '0999-12345', reviewOn: '2026-12-31' },
    `/staff/enforcement/register/${remedy}`,
  );
  assert.equal(changed.statusCode, 303);
  const log = (
    await h.db.query<{ details: { before: { fields: Record<string, string> } } }>("SELECT details FROM enforcement_register_events WHERE entry_id = $1 AND kind = 'changed'", [
      remedy,
    ])
  ).rows;
  assert.equal(log[0].details.before.fields.where, '示范市人民政府');
  const citizen = new Browser(h.app);
  const shiqian = (await citizen.get('/zfgs/scjg/shiqian')).body;
  assert.match(shiqian, /王明[\s\S]*99010021001/);
  assert.match(shiqian, /示范市人民政府行政复议办公室/);
  assert.match(shiqian, /孙老[\s\S]*已过期/);
  const wd = await w.post(`/staff/enforcement/register/${await entry('陈伟')}/withdraw`, { reason: '调离执法岗位' }, `/staff/enforcement/register/${await entry('陈伟')}`);
  assert.equal(wd.statusCode, 303);
  assert.doesNotMatch((await citizen.get('/zfgs/scjg/shiqian')).body, /陈伟/);

  // The draw: the pool pasted, one 回避; the expired and the withdrawn officers are not in the pool.
  const entities = Array.from({ length: 40 }, (_, i) => `9199010${String(i).padStart(2, '0')}MA000000X 示范市第${i + 1}食品店`).join('\n');
  const item = await entry('食品经营者监督检查');
  const bad = await w.post(
    `${work}/draws`,
    { itemId: String(item), title: '', entities: 'no-name', exclusions: '', entityCount: '3', inspectorsPerEntity: '2', inspectionEndsOn: '2026-01-01' },
    work,
  );
  assert.equal(bad.statusCode, 400);
  for (const m of [/请填写本次抽查的名称/, /第1行应为“编号 名称”/, /检查结束日期不能早于今天/]) assert.match(bad.body, m);
  const tooMany = await w.post(
    `${work}/draws`,
    { itemId: String(item), title: '2026年第一批食品经营者抽查', entities, exclusions: '', entityCount: '41', inspectorsPerEntity: '2', inspectionEndsOn: '2026-03-31' },
    work,
  );
  assert.match(tooMany.body, /抽取数量应在 1 到 40 之间/);
  const drawn = await w.post(
    `${work}/draws`,
    {
      itemId: String(item),
      title: '2026年第一批食品经营者抽查',
      entities,
      exclusions: '99010021001 919901000MA000000X 其配偶任该店负责人',
      entityCount: '6',
      inspectorsPerEntity: '2',
      inspectionEndsOn: '2026-03-31',
    },
    work,
  );
  assert.equal(drawn.statusCode, 303, drawn.body.slice(0, 300));
  const drawId = Number(/draws\/(\d+)/.exec(String(drawn.headers.location))![1]);

  // Anyone re-runs it from the public API and gets the same result and the same pool hash.
  const pub = JSON.parse((await citizen.get(`/api/v1/enforcement/draws/${drawId}`)).body);
  assert.deepEqual(
    pub.inspectors.map((i: { name: string }) => i.name),
    ['王明', '李华', '赵静'],
  );
  const again = runDraw({
    entities: pub.entities,
    inspectors: pub.inspectors,
    exclusions: pub.exclusions,
    entityCount: pub.entityCount,
    inspectorsPerEntity: pub.inspectorsPerEntity,
    seed: pub.seed,
  });
  assert.deepEqual(again.result, pub.result);
  assert.equal(again.poolHash, pub.poolHash);
  assert.equal(poolHash(pub), pub.poolHash);
  assert.equal(pub.result.length, 6);
  assert.equal(pub.resultsDueOn, '2026-04-29', '20 working days after 31 March, over 清明');
  assert.match((await citizen.get(`/zfgs/scjg/draws/${drawId}`)).body, new RegExp(pub.seed));

  // Results: checked, then public, on time.
  const results = `/staff/enforcement/draws/${drawId}/results`;
  assert.equal((await w.post(results, { findings: '短' }, `/staff/enforcement/draws/${drawId}`)).statusCode, 400);
  assert.equal((await w.post(results, { findings: '抽查6户，5户未发现问题，1户责令整改进货查验记录。' }, `/staff/enforcement/draws/${drawId}`)).statusCode, 303);
  assert.match((await citizen.get(`/zfgs/scjg/draws/${drawId}`)).body, /抽查6户，5户未发现问题/);
  assert.equal((await w.post(results, { findings: '再公开一次的结果应被拒绝。' }, `/staff/enforcement/draws/${drawId}`)).statusCode, 409);

  // The year 2025: one licence recorded on the form, then the figures published after 31 January — late.
  const form = `${work}/decisions/new`;
  const decision = {
    kind: 'licence',
    docNo: '示市监许〔2025〕518号',
    name: '食品经营许可',
    category: '普通',
    subjectType: '法人及非法人组织',
    subjectName: '示范市平安超市有限公司',
    creditCode: '91990100MA0001234F',
    result: '准予食品经营许可',
    decidedOn: '2025-12-29',
    authority: '示范市市场监督管理局',
  };
  const missing = await w.post(form, { ...decision, result: '' }, form);
  assert.equal(missing.statusCode, 400);
  assert.match(missing.body, /缺少结果/);
  assert.match(missing.body, /value="示市监许〔2025〕518号"/);
  assert.equal((await w.post(form, decision, form)).statusCode, 303);
  assert.equal((await w.post(form, decision, form)).statusCode, 409, 'the same 文号 twice');
  assert.match((await w.get('/staff/enforcement')).body, /2025年度未公布/);
  assert.equal((await w.post(`${work}/stats`, { year: '2026', note: '' }, work)).statusCode, 400, 'only a finished year');
  assert.equal((await w.post(`${work}/stats`, { year: '2025', note: '' }, work)).statusCode, 303);
  const stats = (await citizen.get('/zfgs/scjg/stats/2025')).body;
  assert.match(stats, /应于 2026年1月31日前公布，逾期/);
  assert.match(stats, /行政许可<\/th><td>1<\/td><td>1<\/td>/, 'decided 29 December, due 8 January (4 January a make-up working Sunday), published 10 February');
  assert.equal((await w.post(`${work}/stats`, { year: '2025', note: '' }, work)).statusCode, 409);

  // Another unit's publisher can do none of it.
  const s = new Browser(h.app);
  await s.login(stranger.username);
  assert.equal((await s.get(`/staff/enforcement/register/${remedy}`)).statusCode, 403);
  assert.equal((await s.get(`/staff/enforcement/draws/${drawId}`)).statusCode, 403);
  assert.equal((await s.post(`${work}/stats`, { year: '2024', note: '' }, '/staff/enforcement')).statusCode, 403);
});
