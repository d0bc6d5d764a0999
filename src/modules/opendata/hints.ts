/**
 * Datasets for a question in words. A citizen asks "东莞空气质量怎么样", not in CKAN's terms, so the question is cut
 * into words with the search module's segmenter, and a dataset matches when at least half of those words occur in its
 * title, keywords, summary or data dictionary. Ranked by where the words occur: title, keywords, summary, dictionary.
 * The portal's data list uses this; the site-wide search box also asks that one word be in the title, keywords or
 * summary, because a column name alone is too weak a sign there. (The CKAN API keeps CKAN's own term semantics.)
 */
import { tokenize } from '../search/index.ts';
import type { Catalogue } from './ckan.ts';
import type { PublishedDataset } from './queries.ts';

export interface DatasetHint {
  name: string;
  title: string;
  unitName: string;
}

/** At least this share of the question's words must occur in a dataset. */
export const WORD_COVERAGE = 0.5;
const WEIGHT = { title: 3, keywords: 2, summary: 1, dictionary: 0.5 } as const;

function parts(c: Catalogue, d: PublishedDataset) {
  const m = d.metadata;
  return {
    title: m.title.toLowerCase(),
    keywords: m.keywords.join(' ').toLowerCase(),
    summary: m.summary.toLowerCase(),
    dictionary: d.resource_ids
      .flatMap((id) => c.resources.get(id)?.fields ?? [])
      .map((f) => `${f.id} ${f.description}`)
      .join('\n')
      .toLowerCase(),
  };
}

/** The question's words that can find something: two characters or more (a single 的 or 市 finds everything). */
export function questionWords(q: string): string[] {
  return [...new Set(tokenize(q.toLowerCase()).filter((w) => [...w].length >= 2))];
}

export function rankDatasets(c: Catalogue, q: string, opts: { scopePath?: string; strong?: boolean } = {}): { d: PublishedDataset; score: number }[] {
  const typed = q.trim().toLowerCase();
  const words = questionWords(typed);
  // A question of one character (水) is looked for as it is on the data list; the search box needs a real word.
  if (!words.length && typed && !opts.strong) words.push(typed);
  if (!words.length) return [];
  const scored: { d: PublishedDataset; score: number }[] = [];
  for (const d of c.datasets) {
    if (opts.scopePath && !d.unit_path.startsWith(opts.scopePath)) continue;
    const p = parts(c, d);
    let matched = 0;
    let strong = false;
    let score = 0;
    for (const w of words) {
      let found = false;
      for (const key of ['title', 'keywords', 'summary', 'dictionary'] as const) {
        if (!p[key].includes(w)) continue;
        score += WEIGHT[key];
        found = true;
        if (key !== 'dictionary') strong = true;
      }
      if (found) matched++;
    }
    if ((strong || !opts.strong) && matched && matched / words.length >= WORD_COVERAGE) scored.push({ d, score });
  }
  return scored.sort((a, b) => b.score - a.score || b.d.published_at.getTime() - a.d.published_at.getTime() || a.d.id - b.d.id);
}

/** The best few datasets for the site-wide search box, and how many match in all. */
export function datasetHints(c: Catalogue, q: string, opts: { scopePath?: string; limit?: number } = {}): { total: number; hits: DatasetHint[] } {
  const scored = rankDatasets(c, q, { scopePath: opts.scopePath, strong: true });
  return {
    total: scored.length,
    hits: scored.slice(0, opts.limit ?? 3).map(({ d }) => ({ name: d.name, title: d.metadata.title, unitName: d.unit_name })),
  };
}

/** The datasets of a unit filed under each item of one area's standard catalogue, by item key (the catalogue page). */
export function datasetsForCatalogue(c: Catalogue, unitId: number, areaCode: string): Map<string, { name: string; title: string }[]> {
  const out = new Map<string, { name: string; title: string }[]>();
  const prefix = `${areaCode}|`;
  for (const d of c.datasets) {
    if (d.unit_id !== unitId) continue;
    for (const key of d.metadata.catalogueKeys ?? []) {
      if (!key.startsWith(prefix)) continue;
      const item = key.slice(prefix.length);
      out.set(item, [...(out.get(item) ?? []), { name: d.name, title: d.metadata.title }]);
    }
  }
  return out;
}
