/**
 * Simplified ↔ Traditional Chinese. Pages are written in Simplified Chinese; the Traditional view converts the
 * rendered page (OpenCC, character standard of Taiwan, without phrase substitution so legal terms stay the same words), so every page has both views without a second template.
 */
import * as OpenCC from 'opencc-js';

let toHant: ((s: string) => string) | undefined;
let toHans: ((s: string) => string) | undefined;

export function toTraditional(s: string): string {
  const convert = (toHant ??= OpenCC.Converter({ from: 'cn', to: 'tw' }));
  return convert(s);
}

export function toSimplified(s: string): string {
  const convert = (toHans ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(s);
}

/**
 * True for a character that only Traditional text uses (這, 麼): its Simplified form differs and it has no other
 * Traditional form. A Simplified character such as 么 (Traditional 麼) is not one, though a character-by-character
 * Traditional→Simplified table maps it to 幺 (the Traditional 么): converting already-Simplified text that way turned
 * 怎么 into 怎幺.
 */
export function isTraditionalOnly(c: string): boolean {
  return toSimplified(c) !== c && toTraditional(c) === c;
}

let toHansPhrases: ((s: string) => string) | undefined;

/**
 * Text as Simplified Chinese, converted by phrase (乾隆 stays, 乾燥 becomes 干燥) and only when it holds Traditional-only
 * characters: Simplified text is returned as it is.
 */
export function toSimplifiedText(s: string): string {
  if (![...s].some(isTraditionalOnly)) return s;
  const convert = (toHansPhrases ??= OpenCC.Converter({ from: 'twp', to: 'cn' }));
  return convert(s);
}

/** Converts only text outside tags, so URLs, attribute names and the CSRF token stay as they are. */
export function htmlToTraditional(html: string): string {
  return html
    .replace(/>([^<>]+)</g, (_m, text: string) => `>${toTraditional(text)}<`)
    .replace(/(\s(?:title|alt|placeholder|aria-label|content)=")([^"]*)(")/g, (_m, a: string, v: string, b: string) => `${a}${toTraditional(v)}${b}`);
}
