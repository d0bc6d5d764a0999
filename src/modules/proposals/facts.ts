/** The year's 建议提案 of a unit (as 主办单位) for its annual report, which covers the unit itself like its other tables. */
import type { Queryable } from '../../lib/db.ts';
import { reportSentence, yearSummary } from './rules.ts';

export async function proposalFacts(q: Queryable, unitId: number, year: number): Promise<{ sentence: string }> {
  const rows = (
    await q.query<{ kind: 'suggestion' | 'proposal'; state: string; replied_on: string | null; reply_due_on: string; publication: string; published: boolean }>(
      `SELECT p.kind, p.state, p.replied_on::text, p.reply_due_on::text, p.publication, coalesce(i.status = 'published', false) AS published
         FROM proposals p LEFT JOIN information_items i ON i.id = p.item_id
        WHERE p.year = $1 AND p.unit_id = $2`,
      [year, unitId],
    )
  ).rows;
  return { sentence: reportSentence(year, yearSummary(rows)) };
}
