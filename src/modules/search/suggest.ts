/**
 * "您是不是要找": a query typed in pinyin (shebao, di bao biao zhun) or with a wrong character of the same sound
 * (低包, 社宝) is turned into the words the published documents use. Words come from document titles and the synonym
 * list, so a suggestion always names something the site has.
 */
import { pinyin } from 'pinyin-pro';
import { normalise } from './text.ts';

const HAN_WORD = /^\p{Script=Han}{2,6}$/u;
const MAX_PINYIN = 30;

export function toPinyin(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
}

/** The first letters of the syllables: 低保标准 → dbbz (how people type abbreviations on a phone). */
export function toInitials(word: string): string {
  return pinyin(word, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
}

export class Suggester {
  private bySound = new Map<string, { word: string; weight: number }>();
  private byInitials = new Map<string, { word: string; weight: number }>();

  /** vocabulary: word → weight (how many documents use it); the heavier word wins among words of the same sound. */
  constructor(vocabulary: Map<string, number>) {
    for (const [word, weight] of vocabulary) {
      if (!HAN_WORD.test(word)) continue;
      const sound = toPinyin(word);
      if (!sound || sound.length > MAX_PINYIN) continue;
      const had = this.bySound.get(sound);
      if (!had || weight > had.weight || (weight === had.weight && word < had.word)) this.bySound.set(sound, { word, weight });
      // Initials are ambiguous: only words of three or more characters, and the most used word of those initials.
      if (word.length >= 3) {
        const initials = toInitials(word);
        const prev = this.byInitials.get(initials);
        if (!prev || weight > prev.weight || (weight === prev.weight && word < prev.word)) this.byInitials.set(initials, { word, weight });
      }
    }
  }

  get size() {
    return this.bySound.size;
  }

  /**
   * A better query, or undefined. `known(word)` tells whether documents contain the word as typed; only unknown
   * stretches are replaced, so a correct query is left alone.
   */
  suggest(query: string, known: (word: string) => boolean): string | undefined {
    const q = normalise(query).trim();
    // Corrections are made on what was typed (only width-normalised), so untouched characters stay as they were.
    const typed = query.normalize('NFKC').trim();
    if (/^[a-z' ]+$/.test(q) && q.replace(/[^a-z]/g, '').length >= 2) {
      const parts = q.split(/\s+/).filter(Boolean);
      // Syllables typed apart (di bao) are tried as one word first.
      const whole = this.fromPinyin(parts.join(''));
      if (whole) return whole;
      const initials = parts.length === 1 ? this.byInitials.get(parts[0]) : undefined;
      if (initials) return initials.word;
      const each = parts.map((p) => this.fromPinyin(p));
      return each.every(Boolean) ? each.join(' ') : undefined;
    }
    let changed = false;
    const out = typed.replace(/\p{Script=Han}+/gu, (run) => {
      let result = '';
      for (let i = 0; i < run.length;) {
        let step = 1;
        let piece = run[i];
        for (let len = Math.min(4, run.length - i); len >= 2; len--) {
          const w = run.slice(i, i + len);
          if (known(normalise(w))) {
            step = len;
            piece = w;
            break;
          }
          const c = this.bySound.get(toPinyin(w));
          if (c && c.word !== w) {
            step = len;
            piece = c.word;
            changed = true;
            break;
          }
        }
        result += piece;
        i += step;
      }
      return result;
    });
    return changed ? out : undefined;
  }

  /** Splits a run of letters into known words, as few as possible. */
  private fromPinyin(letters: string): string | undefined {
    const s = letters.replace(/'/g, '');
    if (s.length < 2) return undefined;
    const best: ({ n: number; words: string[] } | undefined)[] = [{ n: 0, words: [] }];
    for (let i = 0; i < s.length; i++) {
      const from = best[i];
      if (!from) continue;
      for (let j = i + 2; j <= Math.min(s.length, i + MAX_PINYIN); j++) {
        const w = this.bySound.get(s.slice(i, j));
        if (!w) continue;
        const cand = { n: from.n + 1, words: [...from.words, w.word] };
        if (!best[j] || cand.n < best[j]!.n) best[j] = cand;
      }
    }
    return best[s.length]?.words.join('');
  }
}
