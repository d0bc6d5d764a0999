/**
 * The demo city's gazette: two issues of 2026 published from the city's and its departments' published 规章 and
 * 行政规范性文件, and a third being compiled; the older documents stay on the 应刊登未刊登 list (a city that has just
 * started would import its archive for them).
 */
import type { Db } from '../../../src/lib/db.ts';
import type { Actor } from '../../../src/lib/authz.ts';
import { addEntry, createIssue, defaultSection, dueItems, gazetteUnit, publishIssue } from '../../../src/modules/gazette/index.ts';

const SYSTEM: Actor = { kind: 'system', label: '演示数据' };

export async function seedDemoGazette(db: Db): Promise<{ published: number; entries: number }> {
  const top = await gazetteUnit(db);
  const due = (await dueItems(db)).filter((c) => c.publish_date && c.publish_date >= '2026-01-01' && c.publish_date < '2026-11-01');
  const section = (c: (typeof due)[number]) => defaultSection(c, top?.slug ?? '');
  const issues = [
    { year: 2026, number: 1, serial: 37, publishDate: '2026-06-30', before: '2026-06-20', publish: true },
    { year: 2026, number: 2, serial: 38, publishDate: '2026-11-10', before: '2026-11-01', publish: true },
  ];
  let entries = 0;
  let taken = new Set<number>();
  for (const i of issues) {
    const id = await createIssue(db, SYSTEM, new Date(`${i.publishDate}T01:00:00Z`), i);
    // At most eight documents an issue, the older first; a few are left for the next issue.
    const picked = due.filter((c) => !taken.has(c.item_id) && c.publish_date! < i.before).slice(0, 8);
    for (const c of picked) await addEntry(db, SYSTEM, new Date(`${i.publishDate}T01:00:00Z`), id, { indexNo: c.index_no, section: section(c) });
    taken = new Set([...taken, ...picked.map((c) => c.item_id)]);
    entries += picked.length;
    if (picked.length) await publishIssue(db, SYSTEM, new Date(`${i.publishDate}T02:00:00Z`), id);
  }
  const draft = await createIssue(db, SYSTEM, new Date('2026-11-28T02:00:00Z'), { year: 2026, number: 3, serial: 39, publishDate: '2026-12-15' });
  const next = due.find((c) => !taken.has(c.item_id));
  if (next) await addEntry(db, SYSTEM, new Date('2026-11-28T02:00:00Z'), draft, { indexNo: next.index_no, section: section(next) });
  return { published: issues.length, entries };
}
