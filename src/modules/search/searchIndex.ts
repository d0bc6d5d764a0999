/**
 * The searchable set of one node: ranking (engine), the fields results are shown, filtered and counted by, and exact
 * lookups by 文号 and 索引号. Pure and synchronous; the service keeps it in step with the database.
 */
import { SearchEngine, type Analysed } from './engine.ts';
import { tokenize } from './text.ts';
import { FACET_KEYS, type FacetKey, type FacetCount, facetValue } from './facets.ts';
import { parseDocNo } from '../publishing/index.ts';

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

interface Entry {
  doc: SearchDoc;
  /** Facet values as codes into the facet dictionaries, in FACET_KEYS order. */
  codes: Int32Array;
  /** Publish date as a sortable number (20260302). */
  date: number;
}

/** Facet values are counted by small integer codes: far cheaper than string maps over tens of thousands of matches. */
class FacetDictionary {
  readonly values: string[] = [];
  private codes = new Map<string, number>();
  code(v: string): number {
    let c = this.codes.get(v);
    if (c === undefined) this.codes.set(v, (c = this.values.push(v) - 1));
    return c;
  }
  find(v: string): number {
    return this.codes.get(v) ?? -2;
  }
}

export class SearchIndex {
  readonly engine = new SearchEngine();
  private entries = new Map<number, Entry>();
  private dictionaries = FACET_KEYS.map(() => new FacetDictionary());
  private byDocNo = new Map<string, Set<number>>();
  private byIndexNo = new Map<string, number>();
  /** Words of the titles with the number of titles using them: the vocabulary spelling suggestions draw on. */
  readonly titleWords = new Map<string, number>();
  /** Changes whenever a document is added or removed. */
  version = 0;

  get size() {
    return this.entries.size;
  }

  get(id: number) {
    return this.entries.get(id)?.doc;
  }

  /** The text a document is indexed under: the title counts twice and the 文号 is searchable as written. */
  static indexText(d: SearchDoc, text: string) {
    return `${d.title}\n${d.title}\n${d.docNo}\n${text}`;
  }

  put(d: SearchDoc, text: string, analysed?: Analysed) {
    this.drop(d.id);
    const codes = Int32Array.from(FACET_KEYS.map((k, i) => (facetValue(d, k) ? this.dictionaries[i].code(facetValue(d, k)) : -1)));
    this.entries.set(d.id, { doc: d, codes, date: Number(d.publishDate.replace(/-/g, '')) || 0 });
    if (analysed) this.engine.addAnalysed(d.id, analysed);
    else this.engine.add(d.id, SearchIndex.indexText(d, text));
    if (d.docNo) (this.byDocNo.get(d.docNo) ?? this.byDocNo.set(d.docNo, new Set()).get(d.docNo)!).add(d.id);
    if (d.indexNo) this.byIndexNo.set(d.indexNo, d.id);
    for (const w of new Set(tokenize(d.title))) this.titleWords.set(w, (this.titleWords.get(w) ?? 0) + 1);
    this.version++;
  }

  drop(id: number) {
    const old = this.entries.get(id)?.doc;
    if (!old) return;
    this.engine.remove(id);
    this.entries.delete(id);
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
    const { ids, scores } = q.text || q.expansions?.length ? this.engine.scoreAll(q.text, q.expansions) : { ids: new Int32Array(0), scores: new Float64Array(0) };
    let best = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] > best) best = scores[i];
    const floor = best * RELATIVE_FLOOR;
    const exact = new Set(this.exactMatches(q.text));
    const matched: Entry[] = [];
    const matchedScores: number[] = [];
    const consider = (id: number, textScore: number) => {
      const e = this.entries.get(id);
      if (!e || (q.allowed && !q.allowed.has(id)) || (q.scopePath && !e.doc.unitPath.startsWith(q.scopePath))) return;
      const isExact = exact.has(id);
      if (!isExact && (textScore <= 0 || textScore < floor)) return;
      matched.push(e);
      matchedScores.push((textScore + (isExact ? EXACT_BOOST : 0)) * (e.doc.validity === 'current' ? 1 : NOT_CURRENT_FACTOR));
    };
    for (let i = 0; i < ids.length; i++) if (scores[i] >= floor || exact.has(ids[i])) consider(ids[i], scores[i]);
    const scored = new Set(ids);
    for (const id of exact) if (!scored.has(id)) consider(id, 0);
    // A phrase alone (no other words) matches every document holding it.
    if (q.allowed && !ids.length) for (const id of q.allowed) if (!exact.has(id)) consider(id, floor || 1);

    const filters = FACET_KEYS.map((k, i) => (q.filters?.[k] ? this.dictionaries[i].find(q.filters[k]!) : -1));
    const counts = this.dictionaries.map((d) => new Int32Array(d.values.length));
    const hits: number[] = [];
    for (let m = 0; m < matched.length; m++) {
      const codes = matched[m].codes;
      let failing = -1;
      let failures = 0;
      for (let k = 0; k < filters.length; k++) {
        if (filters[k] !== -1 && codes[k] !== filters[k]) {
          failing = k;
          if (++failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) hits.push(m);
      // Each facet counts the matches that pass every other facet's filter.
      for (let k = 0; k < codes.length; k++) if ((failures === 0 || failing === k) && codes[k] >= 0) counts[k][codes[k]]++;
    }
    const facets = Object.fromEntries(
      FACET_KEYS.map((k, i) => {
        const list: FacetCount[] = [];
        counts[i].forEach((n, code) => n && list.push({ value: this.dictionaries[i].values[code], count: n }));
        list.sort(k === 'year' ? (a, b) => b.value.localeCompare(a.value) : (a, b) => b.count - a.count || a.value.localeCompare(b.value));
        return [k, list];
      }),
    ) as Record<FacetKey, FacetCount[]>;

    const offset = q.offset ?? 0;
    const want = offset + (q.limit ?? 10);
    const byScore = (a: number, b: number) => matchedScores[b] - matchedScores[a] || matched[b].date - matched[a].date || matched[b].doc.id - matched[a].doc.id;
    const byDate = (a: number, b: number) => matched[b].date - matched[a].date || matchedScores[b] - matchedScores[a] || matched[b].doc.id - matched[a].doc.id;
    const top = best_k(hits, want, q.sort === 'date' ? byDate : byScore);
    return {
      total: hits.length,
      results: top.slice(offset).map((m) => ({ ...matched[m].doc, score: matchedScores[m] })),
      facets,
    };
  }
}

/** The k first items in the comparator's order, without sorting everything. */
function best_k(items: number[], k: number, cmp: (a: number, b: number) => number): number[] {
  if (items.length <= k * 4) return items.sort(cmp).slice(0, k);
  const out: number[] = [];
  for (const x of items) {
    if (out.length < k) {
      out.push(x);
      if (out.length === k) out.sort(cmp);
    } else if (cmp(x, out[k - 1]) < 0) {
      let i = k - 1;
      while (i > 0 && cmp(x, out[i - 1]) < 0) i--;
      out.splice(i, 0, x);
      out.pop();
    }
  }
  return out.length < k ? out.sort(cmp) : out;
}
