/**
 * The CKAN Action API as CKAN's own tests (ckan/tests/logic/action/test_get.py @ 15c6083) check it: each assertion
 * marked "CKAN:" is ported from the test named there, adapted to a catalogue whose datasets come through review
 * (no private datasets; drafts are simply unpublished). The rest check the envelope and the Chinese metadata.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset, sampleMetadata } from '../../testing/datasets.ts';
import { saveDataset, withdrawDataset } from './index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- CKAN's JSON is read field by field in the assertions
type Json = any;
type Envelope = { help: string; success: boolean; result: Json; error: Record<string, Json> };

async function setup() {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  const city = await makeUnit(h.db, { kind: 'government', slug: 'city', code: '990100001', name: '示范市人民政府' });
  const sjj = await makeUnit(h.db, { parentId: city.id, slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局', kind: 'department' });
  const mzj = await makeUnit(h.db, { parentId: city.id, slug: 'mzj', code: '990100005', name: '示范市民政局', kind: 'department' });
  const system = { kind: 'system' as const, label: 'test' };
  const a = await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'test0' });
  h.clock.advanceMs(60_000);
  const lowIncome = Buffer.from('月份,户数,人数,金额\n2026-01,1203,2011,1523400.5\n2026-02,1198,2003,1519800\n');
  const b = await publishedDataset(h.db, mzj.id, h.clock.now(), {
    name: 'test1',
    metadata: { title: '城乡低保月度数据', areaCode: '02', keywords: '低保、社会救助', summary: '每月城乡最低生活保障的户数、人数和金额。' },
    resources: [{ name: 'resource_abc', filename: 'dibao.csv', content: lowIncome, dictionary: '金额|元|当月发放总额' }],
  });
  h.clock.advanceMs(60_000);
  const c = await publishedDataset(h.db, sjj.id, h.clock.now(), {
    name: 'test2',
    metadata: { title: '企业用电数据', openness: 'conditional', opennessReason: '涉及企业经营信息，依《上海市公共数据开放暂行办法》第十二条有条件开放', keywords: '用电' },
  });
  await saveDataset(h.db, system, h.clock.now(), { unitId: sjj.id, name: 'draft-dataset', metadata: sampleMetadata({ title: 'Rivers draft' }), changeNote: '' });
  const gone = await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'withdrawn-dataset' });
  await withdrawDataset(h.db, system, h.clock.now(), gone.id, '口径调整');
  const call = async (action: string, params: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'POST') => {
    const res =
      method === 'POST'
        ? await h.app.inject({ method: 'POST', url: `/api/3/action/${action}`, payload: params })
        : await h.app.inject({ method: 'GET', url: `/api/3/action/${action}?${new URLSearchParams(params as Record<string, string>)}` });
    return { status: res.statusCode, body: res.json<Envelope>() };
  };
  const ok = async (action: string, params: Record<string, unknown> = {}, method: 'GET' | 'POST' = 'POST') => {
    const r = await call(action, params, method);
    assert.equal(r.status, 200, `${action} ${JSON.stringify(params)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.success, true);
    assert.equal(r.body.help, `${h.app.deps.config.baseUrl}/api/3/action/help_show?name=${action}`);
    return r.body.result;
  };
  return { h, call, ok, a, b, c };
}

// One catalogue for all the tests below (read-only), closed after the last.
let shared: Promise<Awaited<ReturnType<typeof setup>>> | undefined;
const ctx = (_t?: unknown) => (shared ??= setup());
after(async () => {
  if (shared) await (await shared).h.close();
});

test('package_show and package_list: the dataset dict with CKAN keys, the Chinese fields as extras', async (t) => {
  const { ok, call, b } = await ctx(t);
  const byName = await ok('package_show', { id: 'test1' });
  // CKAN: TestPackageShow.test_package_show — the name comes back; title and groups are present.
  assert.equal(byName.name, 'test1');
  assert.ok('title' in byName && 'groups' in byName);
  // CKAN: test_package_show_with_full_dataset — the whole dict's keys.
  for (const key of [
    'author',
    'author_email',
    'creator_user_id',
    'extras',
    'groups',
    'id',
    'isopen',
    'license_id',
    'license_title',
    'maintainer',
    'maintainer_email',
    'metadata_created',
    'metadata_modified',
    'name',
    'notes',
    'num_resources',
    'num_tags',
    'organization',
    'owner_org',
    'private',
    'relationships_as_object',
    'relationships_as_subject',
    'resources',
    'state',
    'tags',
    'title',
    'type',
    'url',
    'version',
  ])
    assert.ok(key in byName, `package_show has ${key}`);
  for (const key of [
    'cache_url',
    'created',
    'description',
    'format',
    'hash',
    'id',
    'last_modified',
    'metadata_modified',
    'mimetype',
    'mimetype_inner',
    'name',
    'package_id',
    'position',
    'resource_type',
    'size',
    'state',
    'url',
    'url_type',
  ])
    assert.ok(key in byName.resources[0], `resource has ${key}`);
  for (const key of ['approval_status', 'created', 'description', 'id', 'image_url', 'is_organization', 'name', 'state', 'title', 'type'])
    assert.ok(key in byName.organization, `organization has ${key}`);
  assert.equal((await ok('package_show', { id: byName.id })).name, 'test1', 'by id as well as by name');
  assert.deepEqual([byName.type, byName.state, byName.private, byName.num_resources, byName.num_tags], ['dataset', 'active', false, 1, 2]);
  assert.deepEqual(
    byName.tags.map((x: { name: string }) => x.name),
    ['低保', '社会救助'],
  );
  assert.equal(byName.organization.title, '示范市民政局');
  assert.equal(byName.resources[0].package_id, byName.id);
  assert.equal(byName.resources[0].id, b.resources[0]);
  assert.match(byName.resources[0].url, /\/dataset\/test1\/resource\/[0-9a-f-]{36}\/download\.csv$/);
  assert.equal(byName.resources[0].datastore_active, true);
  const extras = Object.fromEntries(byName.extras.map((e: { key: string; value: string }) => [e.key, e.value]));
  assert.equal(extras.openness, '无条件开放');
  assert.equal(extras.update_frequency, '每月');
  const conditional = await ok('package_show', { id: 'test2' });
  assert.equal(conditional.isopen, false);
  assert.equal(conditional.resources[0].url, '', 'no download address for 有条件开放');
  assert.equal(conditional.resources[0].datastore_active, false);

  const missing = await call('package_show', { id: 'draft-dataset' });
  assert.equal(missing.status, 404, 'an unpublished dataset does not exist for the API');
  assert.deepEqual(missing.body.error, { message: 'Not found', __type: 'Not Found Error' });
  assert.equal((await call('package_show', { id: 'withdrawn-dataset' })).status, 404);
  const noId = await call('package_show', {});
  assert.equal(noId.status, 409);
  assert.deepEqual(noId.body.error, { id: ['Missing value'], __type: 'Validation Error' });

  // CKAN: TestPackageList — names, sorted, only public active datasets; limit and offset.
  assert.deepEqual(await ok('package_list'), ['test0', 'test1', 'test2']);
  assert.deepEqual(await ok('package_list', { limit: 1, offset: 1 }), ['test1']);
  // CKAN: TestBadLimitQueryParameters — a limit that is not a natural number is a validation error.
  for (const limit of ['not_an_int', -1]) {
    const bad = await call('package_list', { limit });
    assert.equal(bad.status, 409);
    assert.deepEqual(bad.body.error, { limit: ['Must be a natural number'], __type: 'Validation Error' });
  }
});

test('package_search as CKAN searches: q, fl, rows, facets, sort, fq, and its errors', async (t) => {
  const { ok, call } = await ctx(t);
  // CKAN: test_search — a word from the title finds that dataset only.
  const low = await ok('package_search', { q: '低保' });
  assert.equal(low.results[0].title, '城乡低保月度数据');
  assert.equal(low.count, 1);
  // CKAN: test_search_fl — only the fields asked, as a list or a comma-separated string.
  assert.deepEqual((await ok('package_search', { q: '低保', fl: ['title', 'name'] })).results, [{ title: '城乡低保月度数据', name: 'test1' }]);
  assert.deepEqual((await ok('package_search', { q: '低保', fl: 'title,name' })).results, [{ title: '城乡低保月度数据', name: 'test1' }]);
  // CKAN: test_search_all — no q: everything public (not the draft, not the withdrawn).
  const all = await ok('package_search');
  assert.equal(all.count, 3);
  assert.equal(all.sort, 'score desc, metadata_modified desc');
  // CKAN: test_bad_action_parameter, test_bad_solr_parameter — an unknown parameter, a sort without order.
  for (const params of [{ weird_param: 1 }, { sort: 'metadata_modified' }]) {
    const bad = await call('package_search', params);
    assert.equal(bad.status, 409);
    assert.equal(bad.body.error.__type, 'Search Error');
  }
  // CKAN: test_rows_returned_default / test_rows_returned_limited — 10 by default, capped (here at 1000) silently.
  assert.equal((await ok('package_search', { rows: 1 })).results.length, 1);
  assert.equal((await ok('package_search', { rows: '5000' }, 'GET')).results.length, 3);
  const negative = await call('package_search', { rows: -1 });
  assert.deepEqual([negative.status, negative.body.error.rows], [409, ['Must be a natural number']]);
  // CKAN: test_facets — search_facets in CKAN's exact shape, organization titles as display names.
  const facets = await ok('package_search', { 'facet.field': ['organization'] });
  assert.deepEqual(facets.search_facets, {
    organization: {
      items: [
        // CKAN's order: display names descending by code point (民 U+6C11 after 政 U+653F).
        { count: 1, display_name: '示范市民政局', name: 'mzj' },
        { count: 2, display_name: '示范市政务服务数据管理局', name: 'sjj' },
      ],
      title: 'organization',
    },
  });
  assert.deepEqual(facets.facets, { organization: { sjj: 2, mzj: 1 } });
  // CKAN: test_facet_limit / test_facet_no_limit.
  const limited = await ok('package_search', { 'facet.field': '["groups"]', 'facet.limit': 1 });
  assert.deepEqual(limited.search_facets.groups.items, [{ count: 2, display_name: '城乡规划', name: 'area-01' }]);
  assert.equal((await ok('package_search', { 'facet.field': ['groups'], 'facet.limit': -1 })).search_facets.groups.items.length, 2);
  // CKAN: TestBadLimitQueryParameters.test_package_search_facet_field_is_json.
  const notJson = await call('package_search', { 'facet.field': 'notjson' });
  assert.deepEqual([notJson.status, notJson.body.error.__type], [409, 'Validation Error']);
  // CKAN: test_sort — metadata_created desc.
  assert.deepEqual(
    (await ok('package_search', { sort: 'metadata_created desc' })).results.map((r: { name: string }) => r.name),
    ['test2', 'test1', 'test0'],
  );
  assert.deepEqual(
    (await ok('package_search', { sort: 'metadata_created asc' })).results.map((r: { name: string }) => r.name),
    ['test0', 'test1', 'test2'],
  );
  // CKAN: test_package_search_on_resource_name.
  assert.equal((await ok('package_search', { q: 'resource_abc' })).results[0].resources[0].name, 'resource_abc');
  // CKAN: test_package_search_excludes_private_and_drafts / fq capacity:private / fq state:draft / include_drafts anon.
  assert.equal((await ok('package_search', { fq: 'capacity:private' })).count, 0);
  assert.equal((await ok('package_search', { fq: 'state:draft' })).count, 0);
  assert.deepEqual((await ok('package_search', { include_drafts: true })).results.map((r: { name: string }) => r.name).sort(), ['test0', 'test1', 'test2']);
  assert.equal((await ok('package_search', { fq: '(creator_user_id:abc AND +state:draft)' })).count, 0);
  // CKAN: test_local_parameters_not_supported.
  assert.equal((await call('package_search', { q: '{!child of="content_type:parentDoc"}' })).status, 409);
  // CKAN: TestPackageAutocompleteWithDatasetForm — q="id:<id>" finds that dataset.
  const one = await ok('package_show', { id: 'test0' });
  assert.equal((await ok('package_search', { q: `id:${one.id}` })).results[0].id, one.id);
  // Filters CKAN clients use: organization, groups, tags, res_format, and the data dictionary in q.
  assert.equal((await ok('package_search', { fq: 'organization:sjj' })).count, 2);
  assert.equal((await ok('package_search', { fq: 'groups:area-02 AND res_format:CSV' })).count, 1);
  assert.equal((await ok('package_search', { fq: 'tags:"社会救助"' }, 'GET')).count, 1);
  assert.equal((await ok('package_search', { q: '当月发放总额' })).results[0].name, 'test1', 'the dictionary is searched');
});

test('organizations, groups, tags, licences, status, help and the envelope for unknown actions', async (t) => {
  const { ok, call } = await ctx(t);
  // CKAN: TestOrganizationList — names; all_fields gives dicts with package_count; sorted by title by default (in
  // pinyin order here: 民政局 min before 政务服务 zheng).
  assert.deepEqual(await ok('organization_list'), ['mzj', 'sjj']);
  const orgs = await ok('organization_list', { all_fields: true, sort: 'package_count desc' });
  assert.deepEqual(
    orgs.map((o: { name: string; package_count: number }) => [o.name, o.package_count]),
    [
      ['sjj', 2],
      ['mzj', 1],
    ],
  );
  assert.equal((await ok('organization_show', { id: 'mzj' })).packages[0].name, 'test1');
  assert.equal((await call('organization_show', { id: 'nobody' })).status, 404);
  // CKAN: TestGroupList — names of groups only; limit and offset; all_fields gives package_count.
  const groups: string[] = await ok('group_list');
  assert.equal(groups.length, 26);
  assert.ok(groups.every((g) => /^area-\d{2}$/.test(g)));
  assert.equal((await ok('group_list', { limit: 1 })).length, 1);
  assert.equal((await ok('group_list', { offset: 25 })).length, 1);
  assert.equal((await ok('group_list', { all_fields: true })).length, 25, 'CKAN: test_all_fields_limit_default');
  const grp = await ok('group_show', { id: 'area-02' });
  assert.deepEqual([grp.package_count, grp.packages.length], [1, 1]);
  // CKAN: TestTagList — all tags, and those matching query.
  assert.deepEqual((await ok('tag_list')).sort(), ['低保', '办理时限', '承诺时限', '政务服务', '用电', '社会救助'].sort());
  assert.deepEqual(await ok('tag_list', { query: '时限' }), ['办理时限', '承诺时限']);
  // CKAN: TestStatusShow — the keys.
  const status = await ok('status_show', {}, 'GET');
  for (const key of ['site_title', 'site_description', 'site_url', 'error_emails_to', 'locale_default', 'extensions', 'ckan_version']) assert.ok(key in status, key);
  assert.ok((await ok('license_list')).some((l: { id: string; od_conformance: string }) => l.id === 'cc-by-4.0' && l.od_conformance === 'approved'));
  assert.match(await ok('help_show', { name: 'package_search' }), /rows/);
  const unknown = await call('no_such_action');
  assert.equal(unknown.status, 400);
  assert.equal(unknown.body as unknown as string, 'Bad request - Action name not known: no_such_action');
  const alias = await (await ctx(t)).h.app.inject({ method: 'GET', url: '/api/action/package_list' });
  assert.deepEqual(alias.json<Envelope>().result, ['test0', 'test1', 'test2'], '/api/action is the same API');
  assert.deepEqual((await (await ctx(t)).h.app.inject({ method: 'GET', url: '/api/3' })).json(), { version: 3 });
});

test('resource_show and datastore_search: rows of open data only, typed, filtered, sorted, paged', async (t) => {
  const { ok, call, b, c } = await ctx(t);
  const rid = b.resources[0];
  const res = await ok('resource_show', { id: rid });
  assert.deepEqual([res.name, res.format, res.url_type, res.position], ['resource_abc', 'CSV', 'upload', 0]);
  assert.equal((await call('resource_show', { id: '00000000-0000-0000-0000-000000000000' })).status, 404);
  const found = await ok('datastore_search', { resource_id: rid });
  assert.equal(found.total, 2);
  assert.deepEqual(found.fields, [
    { id: '_id', type: 'int' },
    { id: '月份', type: 'text', info: { unit: '', notes: '' } },
    { id: '户数', type: 'int', info: { unit: '', notes: '' } },
    { id: '人数', type: 'int', info: { unit: '', notes: '' } },
    { id: '金额', type: 'numeric', info: { unit: '元', notes: '当月发放总额' } },
  ]);
  assert.deepEqual(found.records[0], { _id: 1, 月份: '2026-01', 户数: 1203, 人数: 2011, 金额: 1523400.5 });
  assert.deepEqual([found.limit, found.offset, found.records_format], [100, 0, 'objects']);
  const filtered = await ok('datastore_search', { resource_id: rid, filters: '{"月份":"2026-02"}' }, 'GET');
  assert.deepEqual(
    filtered.records.map((r: { 户数: number }) => r.户数),
    [1198],
  );
  const sorted = await ok('datastore_search', { resource_id: rid, sort: '户数 asc', limit: 1, offset: 1, fields: '月份' });
  assert.deepEqual(sorted.records, [{ 月份: '2026-01' }]);
  assert.equal(sorted._links.next, `/api/3/action/datastore_search?resource_id=${rid}&offset=2&limit=1`);
  const badSort = await call('datastore_search', { resource_id: rid, sort: '不存在 desc' });
  assert.deepEqual([badSort.status, badSort.body.error.__type, badSort.body.error.sort], [409, 'Validation Error', ['字段“不存在”不存在']]);
  const badFilters = await call('datastore_search', { resource_id: rid, filters: '{oops' }, 'GET');
  assert.deepEqual([badFilters.status, badFilters.body.error.filters], [409, ['Could not parse as valid JSON']]);
  const closed = await call('datastore_search', { resource_id: c.resources[0] });
  assert.deepEqual([closed.status, closed.body.error.__type], [403, 'Authorization Error']);
  assert.equal((await call('datastore_search', {})).status, 409);
});
