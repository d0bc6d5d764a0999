/**
 * The draft, clause by clause: a comment attaches to 第X条 (or a numbered paragraph) or to the whole text. Clauses are
 * read from the draft's paragraphs: a paragraph starting 第…条 begins an article, 第…章 a chapter heading (not
 * commentable on its own); a draft without articles is addressed by paragraph. The draft is fixed once published, so
 * the keys (a1 … for articles, p1 … for paragraphs) stay stable.
 */
import { htmlToText } from '../../lib/html.ts';

export interface Clause {
  key: string;
  label: string;
  text: string;
}

const ARTICLE = /^第([一二三四五六七八九十百零〇\d]+)条/u;
const CHAPTER = /^第([一二三四五六七八九十百零〇\d]+)[章节编]/u;

export function splitClauses(draftHtml: string): Clause[] {
  const paragraphs = htmlToText(draftHtml)
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const hasArticles = paragraphs.some((p) => ARTICLE.test(p));
  const clauses: Clause[] = [];
  if (!hasArticles) return paragraphs.map((text, i) => ({ key: `p${i + 1}`, label: `第${i + 1}段`, text }));
  let n = 0;
  for (const p of paragraphs) {
    const m = ARTICLE.exec(p);
    if (m) {
      n++;
      clauses.push({ key: `a${n}`, label: `第${m[1]}条`, text: p });
    } else if (CHAPTER.test(p) || !clauses.length) {
      // Chapter headings and the preamble stand alone: a comment on them is on the whole text.
      continue;
    } else {
      // A paragraph after an article belongs to it (its 款).
      clauses[clauses.length - 1].text += `\n${p}`;
    }
  }
  return clauses;
}

export function clauseLabel(clauses: Clause[], key: string): string {
  return key ? (clauses.find((c) => c.key === key)?.label ?? '') : '全文';
}
