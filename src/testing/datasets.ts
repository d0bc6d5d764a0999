/** Dataset factories for tests: drive the real commands so test data goes through the same rules as real data. */
import fs from 'node:fs';
import type { Db } from '../lib/db.ts';
import type { Actor } from '../lib/authz.ts';
import { addResource, approveDataset, saveDataset, submitDataset } from '../modules/opendata/index.ts';
import type { MetadataInput } from '../modules/opendata/rules.ts';

const system: Actor = { kind: 'system', label: 'test' };

/** 40 real Guangdong service items (fixtures/SOURCES.md). */
export const SERVICE_ITEMS_CSV = fs.readFileSync(new URL('../../fixtures/opendata/gd-service-items-40.csv', import.meta.url));
export const DATA_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 100_000, maxColumns: 100 };

export const sampleMetadata = (o: Partial<MetadataInput> = {}): MetadataInput => ({
  title: '政务服务事项办理时限',
  summary: '本单位政务服务事项的法定时限和承诺时限（工作日）。',
  areaCode: '01',
  topic: '政务服务',
  keywords: '政务服务，办理时限、承诺时限',
  frequency: 'monthly',
  openness: 'open',
  opennessReason: '',
  licenceId: 'cc-by-4.0',
  terms: '',
  temporalStart: '2021-01-01',
  temporalEnd: '',
  spatial: '广东省',
  contactName: '数据管理科',
  contactPhone: '020-12345678',
  contactEmail: '',
  maintainer: '示范市政务服务数据管理局',
  ...o,
});

/** Creates a dataset with the service-items table (or the given resources) and publishes it through review. */
export async function publishedDataset(
  db: Db,
  unitId: number,
  now: Date,
  o: { name: string; metadata?: Partial<MetadataInput>; resources?: { name: string; filename: string; content: Buffer; dictionary?: string }[] },
) {
  const id = await saveDataset(db, system, now, { unitId, name: o.name, metadata: sampleMetadata(o.metadata), changeNote: '' });
  const resources = [];
  for (const r of o.resources ?? [{ name: '事项时限表', filename: 'items.csv', content: SERVICE_ITEMS_CSV, dictionary: '法定时限|工作日|法律规定的办理时限' }])
    resources.push(
      await addResource(db, system, now, id, { name: r.name, description: '', dictionary: r.dictionary ?? '', file: { filename: r.filename, content: r.content } }, DATA_LIMITS),
    );
  await submitDataset(db, system, now, id);
  await approveDataset(db, system, now, id);
  return { id, resources };
}
