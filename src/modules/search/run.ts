/** One search as the portal and the API make it: the answer, and a line in the query log for a new question. */
import type { Db } from '../../lib/db.ts';
import type { SearchAnswer, SearchRequest, SearchService } from './service.ts';
import { recordSearch } from './queryLog.ts';

export async function runSearch(deps: { db: Db; search: SearchService; now: Date }, req: SearchRequest & { unitId?: number; channel: 'portal' | 'api' }): Promise<SearchAnswer> {
  const answer = await deps.search.search(req);
  // Paging, sorting and narrowing refine a question already counted.
  const fresh = (req.page ?? 1) === 1 && !Object.values(req.filters ?? {}).some(Boolean) && req.sort !== 'date';
  if (fresh && req.q) await recordSearch(deps.db, { q: req.q, unitId: req.unitId, results: answer.total, channel: req.channel, at: deps.now });
  return answer;
}
