/** Item factories for tests: drive the real commands so test data goes through the same rules as real data. */
import type { Db } from '../lib/db.ts';
import type { Actor } from '../lib/authz.ts';
import { saveDraft } from '../modules/publishing/commands/saveDraft.ts';
import { transitionItem } from '../modules/publishing/commands/transition.ts';

const system: Actor = { kind: 'system', label: 'test' };

export const baseInput = (over: Record<string, unknown> = {}) => ({
  kind: 'information',
  title: '关于做好政务公开工作的通知',
  sectionCode: 'a20_01',
  disclosure: 'proactive',
  topic: '综合政务\\政务公开',
  genre: '通知',
  docNo: '示府办〔2026〕1号',
  issuingOrgans: ['示范市人民政府办公室'],
  writtenDate: '2026-02-27',
  bodyHtml: '各区县人民政府：现将有关事项通知如下。',
  ...over,
});

/** Creates and publishes an item through draft → secrecy review → review → published. */
export async function publishedItem(db: Db, unitId: number, now: Date, over: Record<string, unknown> = {}) {
  const { itemId } = await saveDraft(db, system, now, { unitId, input: baseInput(over) });
  await transitionItem(db, system, now, itemId, 'submit');
  await transitionItem(db, system, now, itemId, 'secrecy_approve');
  const r = await transitionItem(db, system, now, itemId, 'approve');
  return { itemId, indexNo: r.indexNo };
}

export async function draftItem(db: Db, unitId: number, now: Date, over: Record<string, unknown> = {}) {
  return saveDraft(db, system, now, { unitId, input: baseInput(over) });
}
