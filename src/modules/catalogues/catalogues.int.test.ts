import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { actorFor, makeUnit, makeUser } from '../../testing/factories.ts';
import { publishedItem } from '../../testing/items.ts';
import { sampleCatalogueXlsx } from '../../testing/catalogues.ts';
import { importCatalogue, CatalogueImportError } from './commands/importCatalogue.ts';
import { publishTemplate } from './commands/publishTemplate.ts';
import { adoptTemplate } from './commands/adoptTemplate.ts';
import { transitionCatalogue } from './commands/transitionCatalogue.ts';
import { fileItemUnderCatalogue } from './commands/fileItem.ts';
import { catalogueItems, getCatalogue, publishedCatalogues } from './queries.ts';

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const county = await makeUnit(h.db, { parentId: city.id, slug: 'dcq', code: '990102001', name: '东城区人民政府', level: 'county', kind: 'government' });
  const town = await makeUnit(h.db, { parentId: county.id, slug: 'qhz', code: '990102101', name: '清河镇人民政府', level: 'township', kind: 'government' });
  await makeUser(h.db, city.id, ['office_admin'], { username: 'office' });
  await makeUser(h.db, county.id, ['office_admin'], { username: 'county' });
  await makeUser(h.db, town.id, ['office_admin', 'publisher'], { username: 'town' });
  return { h, city, county, town, office: await actorFor(h.db, 'office'), countyOffice: await actorFor(h.db, 'county'), townOffice: await actorFor(h.db, 'town') };
}

test('an office publishes an area template; a town adopts it for its level, submits it, the county approves, the town publishes', async (t) => {
  const { h, city, town, office, countyOffice, townOffice } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const tpl = await importCatalogue(h.db, office, now, { unitId: city.id, areaCode: '03', asTemplate: true, file: await sampleCatalogueXlsx() });
  assert.equal(tpl.rows, 3);
  await assert.rejects(importCatalogue(h.db, townOffice, now, { unitId: town.id, areaCode: '03', asTemplate: true, file: await sampleCatalogueXlsx() }), { code: 'FORBIDDEN' });
  await publishTemplate(h.db, office, now, tpl.catalogueId);
  const adopted = await adoptTemplate(h.db, townOffice, now, { unitId: town.id, templateId: tpl.catalogueId });
  const items = await catalogueItems(h.db, adopted.catalogueId);
  assert.deepEqual(
    items.map((i) => i.level2),
    ['资格预审公告', '交易结果'],
    'the township keeps the items marked 乡级',
  );
  assert.equal(items[1].publisher, '清河镇人民政府', 'a generic 公开主体 becomes the unit');
  await assert.rejects(transitionCatalogue(h.db, countyOffice, now, adopted.catalogueId, 'approve'), { code: 'CATALOGUE_INVALID_TRANSITION' }, 'not submitted yet');
  await transitionCatalogue(h.db, townOffice, now, adopted.catalogueId, 'submit');
  await assert.rejects(transitionCatalogue(h.db, townOffice, now, adopted.catalogueId, 'approve'), { code: 'FORBIDDEN' }, 'a unit does not approve its own catalogue');
  await assert.rejects(transitionCatalogue(h.db, countyOffice, now, adopted.catalogueId, 'return'), (e: { fields: Record<string, string> }) => !!e.fields.remarks);
  await transitionCatalogue(h.db, countyOffice, now, adopted.catalogueId, 'return', '资格预审公告的公开主体应写明');
  assert.equal((await getCatalogue(h.db, adopted.catalogueId)).remarks, '资格预审公告的公开主体应写明');
  // The town corrects it by importing again: the same version, rows replaced.
  const again = await importCatalogue(h.db, townOffice, now, { unitId: town.id, areaCode: '03', file: await sampleCatalogueXlsx() });
  assert.equal(again.catalogueId, adopted.catalogueId);
  await transitionCatalogue(h.db, townOffice, now, adopted.catalogueId, 'submit');
  await transitionCatalogue(h.db, countyOffice, now, adopted.catalogueId, 'approve');
  await transitionCatalogue(h.db, townOffice, now, adopted.catalogueId, 'publish');
  assert.deepEqual(
    (await publishedCatalogues(h.db, town.id)).map((c) => [c.area_name, c.version_no]),
    [['公共资源交易', 1]],
  );
  // A second version supersedes the first when it is published; the first is kept.
  const v2 = await importCatalogue(h.db, townOffice, now, { unitId: town.id, areaCode: '03', file: await sampleCatalogueXlsx() });
  assert.notEqual(v2.catalogueId, adopted.catalogueId);
  for (const [a, s] of [
    [townOffice, 'submit'],
    [countyOffice, 'approve'],
    [townOffice, 'publish'],
  ] as const)
    await transitionCatalogue(h.db, a, now, v2.catalogueId, s);
  assert.equal((await getCatalogue(h.db, adopted.catalogueId)).state, 'superseded');
  const events = (await h.db.query<{ kind: string }>('SELECT kind FROM catalogue_events WHERE catalogue_id = $1 ORDER BY id', [adopted.catalogueId])).rows.map((e) => e.kind);
  assert.deepEqual(events, ['create', 'submit', 'return', 'submit', 'approve', 'publish']);
});

test('a bad workbook writes nothing and lists its problems; items are filed under published catalogue items only', async (t) => {
  const { h, town, townOffice } = await setup();
  t.after(() => h.close());
  const now = h.clock.now();
  const err = await importCatalogue(h.db, townOffice, now, {
    unitId: town.id,
    areaCode: '03',
    file: await sampleCatalogueXlsx([[4, '其他', '', '', '', '', '', '', '', '', '', '', '', '']]),
  }).catch((e) => e);
  assert.ok(err instanceof CatalogueImportError);
  assert.deepEqual(
    err.problems.map((p: { row: number }) => p.row),
    [7, 7, 7],
  );
  assert.equal((await h.db.query('SELECT 1 FROM catalogues')).rows.length, 0);
  const item = await publishedItem(h.db, town.id, now, { title: '清河镇2026年第一季度农村集体产权交易结果' });
  await assert.rejects(
    fileItemUnderCatalogue(h.db, townOffice, now, item.itemId, '03|农村集体产权交易｜交易结果'),
    (e: { fields: Record<string, string> }) => !!e.fields.catalogue,
    'not published yet',
  );
  const c = await importCatalogue(h.db, townOffice, now, { unitId: town.id, areaCode: '03', file: await sampleCatalogueXlsx() });
  const { countyOffice } = { countyOffice: await actorFor(h.db, 'county') };
  for (const [a, s] of [
    [townOffice, 'submit'],
    [countyOffice, 'approve'],
    [townOffice, 'publish'],
  ] as const)
    await transitionCatalogue(h.db, a, now, c.catalogueId, s);
  await fileItemUnderCatalogue(h.db, townOffice, now, item.itemId, '03|农村集体产权交易｜交易结果');
  assert.deepEqual((await h.db.query('SELECT catalogue_area, catalogue_key FROM information_items WHERE id = $1', [item.itemId])).rows[0], {
    catalogue_area: '03',
    catalogue_key: '农村集体产权交易｜交易结果',
  });
});
