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

/** Converts only text outside tags, so URLs, attribute names and the CSRF token stay as they are. */
export function htmlToTraditional(html: string): string {
  return html
    .replace(/>([^<>]+)</g, (_m, text: string) => `>${toTraditional(text)}<`)
    .replace(/(\s(?:title|alt|placeholder|aria-label|content)=")([^"]*)(")/g, (_m, a: string, v: string, b: string) => `${a}${toTraditional(v)}${b}`);
}
