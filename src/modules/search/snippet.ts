/** A short passage around the first place the question's words occur, split into plain and highlighted parts. */
import { normalise, tokenize } from './text.ts';

export interface SnippetPart {
  text: string;
  mark: boolean;
}

export function snippet(text: string, query: string, width = 80): SnippetPart[] {
  const words = [...new Set(tokenize(query))].filter((w) => w.length > 1 || /[a-z0-9]/.test(w)).sort((a, b) => b.length - a.length);
  const flat = text.replace(/\s+/g, ' ').trim();
  const norm = normalise(flat);
  let at = -1;
  for (const w of words) {
    const i = norm.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, at < 0 ? 0 : at - Math.floor(width / 3));
  const piece = flat.slice(start, start + width);
  const pieceNorm = norm.slice(start, start + width);
  const marks = new Array<boolean>(piece.length).fill(false);
  for (const w of words) {
    for (let i = pieceNorm.indexOf(w); i >= 0; i = pieceNorm.indexOf(w, i + w.length)) for (let k = i; k < i + w.length && k < marks.length; k++) marks[k] = true;
  }
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '…', mark: false });
  for (let i = 0; i < piece.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.mark === marks[i] && !(i === 0 && start > 0)) last.text += piece[i];
    else parts.push({ text: piece[i], mark: marks[i] });
  }
  if (start + width < flat.length) parts.push({ text: '…', mark: false });
  return parts;
}
