/**
 * The searchable set of one node: ranking (engine), the fields results are shown, filtered and counted by, and exact
 * lookups by 文号 and 索引号. Pure and synchronous; the service keeps it in step with the database.
 */
import { SearchEngine } from './engine.ts';
import { tokenize } from './text.ts';
import { FACET_KEYS, type FacetKey, type FacetCount, facetValue } from './facets.ts';
import { parseDocNo } from '../publishing/docNo.ts';

export interface SearchDoc {
  id: number;
  title: string;
  unitId: number;
  unitPath: string;
  unitSlug: string;
  unitName: string;
  publishDate: string;
  docNo: string;
  indexNo: string;
  validity: string;
  section: string;
  topic: string;
  genre: string;
}

export interface SearchResult extends SearchDoc {
  score: number;
}

export interface IndexQuery {
  text: string;
  /** Other wordings of the query (synonyms), scored at a lower weight. */
  expansions?: string[];
  /** Only documents of this unit and the units below it ('/1/4/'). */
  scopePath?: string;
  filters?: Partial<Record<FacetKey, string>>;
  sort?: 'relevance' | 'date';
  /** When set, only these documents can match (the ones holding a quoted phrase). */
  allowed?: Set<number>;
  offset?: number;
  limit?: number;
}

export interface IndexAnswer {
  total: number;
  results: SearchResult[];
  facets: Record<FacetKey, FacetCount[]>;
}

/** A document whose text scores below this share of the best text score does not count as a match. */
export const RELATIVE_FLOOR = 0.2;
/** Documents no longer in force keep this share of their score. */
export const NOT_CURRENT_FACTOR = 0.5;
const EXACT_BOOST = 1000;

export class SearchIndex {
  readonly engine = new SearchEngine();
  private docs = new Map<number, SearchDoc>();
  private byDocNo = new Map<string, Set<number>>();
  private byIndexNo = new Map<string, number>();
  /** Words of the titles with the number of titles using them: the vocabulary spelling suggestions draw on. */
  readonly titleWords = new Map<string, number>();
  /** Changes whenever a document is added or removed. */
  version = 0;

  get size() {
    return this.docs.size;
  }

  get(id: number) {
    return this.docs.get(id);
  }

  put(d: SearchDoc, text: string) {
    this.drop(d.id);
    this.docs.set(d.id, d);
    // The title counts twice and the 文号 is searchable as written.
    this.engine.add(d.id, `${d.title}\n${d.title}\n${d.docNo}\n${text}`);
    if (d.docNo) (this.byDocNo.get(d.docNo) ?? this.byDocNo.set(d.docNo, new Set()).get(d.docNo)!).add(d.id);
    if (d.indexNo) this.byIndexNo.set(d.indexNo, d.id);
    for (const w of new Set(tokenize(d.title))) this.titleWords.set(w, (this.titleWords.get(w) ?? 0) + 1);
    this.version++;
  }

  drop(id: number) {
    const old = this.docs.get(id);
    if (!old) return;
    this.engine.remove(id);
    this.docs.delete(id);
    this.byDocNo.get(old.docNo)?.delete(id);
    if (this.byIndexNo.get(old.indexNo) === id) this.byIndexNo.delete(old.indexNo);
    for (const w of new Set(tokenize(old.title))) {
      const n = (this.titleWords.get(w) ?? 1) - 1;
      if (n > 0) this.titleWords.set(w, n);
      else this.titleWords.delete(w);
    }
    this.version++;
  }

  /** Documents whose 文号 is the query in any common form, or whose 索引号 it is. */
  exactMatches(text: string): number[] {
    const out: number[] = [];
    const docNo = parseDocNo(text)?.normalized;
    if (docNo) out.push(...(this.byDocNo.get(docNo) ?? []));
    const byIndex = this.byIndexNo.get(text.trim());
    if (byIndex !== undefined) out.push(byIndex);
    return out;
  }

  query(q: IndexQuery): IndexAnswer {
    const scores = q.text || q.expansions?.length ? this.engine.scoreAll(q.text, q.expansions) : new Map<number, number>();
    let best = 0;
    for (const s of scores.values()) if (s > best) best = s;
    const floor = best * RELATIVE_FLOOR;
    const exact = new Set(this.exactMatches(q.text));
    const matches: SearchResult[] = [];
    const consider = (id: number, textScore: number) => {
      const d = this.docs.get(id);
      if (!d || (q.allowed && !q.allowed.has(id)) || (q.scopePath && !d.unitPath.startsWith(q.scopePath))) return;
      if (!exact.has(id) && (textScore <= 0 || textScore < floor)) return;
      const score = (textScore + (exact.has(id) ? EXACT_BOOST : 0)) * (d.validity === 'current' ? 1 : NOT_CURRENT_FACTOR);
      matches.push({ ...d, score });
    };
    for (const [id, s] of scores) consider(id, s);
    for (const id of exact) if (!scores.has(id)) consider(id, 0);
    // A phrase alone (no other words) matches every document holding it.
    if (q.allowed && !scores.size) for (const id of q.allowed) if (!exact.has(id)) consider(id, floor || 1);

    const filters = Object.entries(q.filters ?? {}).filter(([, v]) => v) as [FacetKey, string][];
    const facets = countFacets(matches, filters);
    const hits = matches.filter((m) => filters.every(([k, v]) => facetValue(m, k) === v));
    hits.sort(q.sort === 'date' ? byDate : byScore);
    const offset = q.offset ?? 0;
    return { total: hits.length, results: hits.slice(offset, offset + (q.limit ?? 10)), facets };
  }
}

const byScore = (a: SearchResult, b: SearchResult) => b.score - a.score || b.publishDate.localeCompare(a.publishDate) || b.id - a.id;
const byDate = (a: SearchResult, b: SearchResult) => b.publishDate.localeCompare(a.publishDate) || b.score - a.score || b.id - a.id;

/**
 * Counts per facet value among the matches that pass every other facet's filter, so a chosen value still shows
 * the alternatives next to it with the numbers a click on them would give.
 */
function countFacets(matches: SearchResult[], filters: [FacetKey, string][]): Record<FacetKey, FacetCount[]> {
  const counts = Object.fromEntries(FACET_KEYS.map((k) => [k, new Map<string, number>()])) as Record<FacetKey, Map<string, number>>;
  for (const m of matches) {
    const failing = filters.filter(([k, v]) => facetValue(m, k) !== v);
    if (failing.length > 1) continue;
    for (const k of FACET_KEYS) {
      if (failing.length === 1 && failing[0][0] !== k) continue;
      const v = facetValue(m, k);
      if (v) counts[k].set(v, (counts[k].get(v) ?? 0) + 1);
    }
  }
  return Object.fromEntries(
    FACET_KEYS.map((k) => [k, [...counts[k]].map(([value, count]) => ({ value, count })).sort((a, b) => (k === 'year' ? b.value.localeCompare(a.value) : b.count - a.count || a.value.localeCompare(b.value)))]),
  ) as Record<FacetKey, FacetCount[]>;
}
