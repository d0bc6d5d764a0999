/**
 * data.json: the catalogue as DCAT-US 1.1 validates against the Project Open Data schemas (draft-04, copied in
 * fixtures) with ajv; the US-only codes carry their documented placeholders; a conditional dataset is "restricted
 * public" with its reason and no download.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { makeTestApp } from '../../testing/harness.ts';
import { makeUnit } from '../../testing/factories.ts';
import { publishedDataset } from '../../testing/datasets.ts';

const DIR = new URL('../../../fixtures/standards/dcat-us-1.1/', import.meta.url);

test('data.json is valid DCAT-US 1.1', async (t) => {
  const h = await makeTestApp({ now: '2026-03-02T02:00:00Z' });
  t.after(() => h.close());
  const sjj = await makeUnit(h.db, { kind: 'department', slug: 'sjj', code: '990100030', name: '示范市政务服务数据管理局' });
  await publishedDataset(h.db, sjj.id, h.clock.now(), { name: 'service-time-limits', metadata: { temporalEnd: '2026-02-28', contactEmail: 'data@sjj.example.gov.cn' } });
  await publishedDataset(h.db, sjj.id, h.clock.now(), {
    name: 'power-use',
    metadata: { title: '企业用电数据', openness: 'conditional', opennessReason: '涉及企业经营信息', frequency: 'irregular' },
  });
  const res = await h.app.inject({ method: 'GET', url: '/data.json' });
  assert.equal(res.statusCode, 200);
  const body = res.json<{ dataset: Record<string, unknown>[] }>();

  // The schemas' patterns predate the u flag (they escape "_" and "~"), so they are compiled without it.
  const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  formats.default(ajv);
  for (const f of fs.readdirSync(DIR)) ajv.addSchema(JSON.parse(fs.readFileSync(new URL(f, DIR), 'utf8')) as object);
  const validate = ajv.getSchema('https://project-open-data.cio.gov/v1.1/schema/catalog.json#')!;
  assert.equal(validate(body), true, JSON.stringify(validate.errors));
  // The schema bites: without its required codes a dataset is refused.
  assert.equal(validate({ ...body, dataset: [{ ...body.dataset[0], bureauCode: undefined }] }), false);

  const open = body.dataset.find((d) => d.title === '政务服务事项办理时限')!;
  assert.deepEqual([open.accessLevel, open.accrualPeriodicity, open.temporal, open.bureauCode], ['public', 'R/P1M', '2021-01-01/2026-02-28', ['000:00']]);
  assert.deepEqual(open.contactPoint, { '@type': 'vcard:Contact', fn: '数据管理科', hasEmail: 'mailto:data@sjj.example.gov.cn' });
  assert.match(String((open.distribution as { downloadURL: string }[])[0].downloadURL), /\/download\.csv$/);
  const closed = body.dataset.find((d) => d.title === '企业用电数据')!;
  assert.deepEqual([closed.accessLevel, closed.rights, closed.accrualPeriodicity], ['restricted public', '涉及企业经营信息', 'irregular']);
  assert.equal((closed.distribution as { downloadURL?: string }[])[0].downloadURL, undefined);
  assert.equal((closed.contactPoint as { hasEmail: string }).hasEmail, `mailto:${h.app.deps.config.openDataEmail}`, 'no contact e-mail: the open-data mailbox');
});
