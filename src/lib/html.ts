/**
 * The one place raw HTML enters a page: rich text is sanitised here against an allow-list before it is stored,
 * and only strings that passed through sanitizeRichText may be rendered unescaped.
 */
import sanitizeHtml from 'sanitize-html';
import { AppError } from './errors.ts';

/**
 * What the body editor (src/client/editor.ts) produces, and nothing else: its schema and this list are kept in step
 * (html.test.ts feeds the editor's output through and expects it back unchanged). Table header groups and captions
 * stay for Word imports and API clients; b, i and h1 become strong, em and h2; span and div go, their text stays.
 */
const ALLOWED_TAGS = [
  'p',
  'br',
  'h2',
  'h3',
  'h4',
  'h5',
  'strong',
  'em',
  'u',
  's',
  'sub',
  'sup',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'caption',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'th',
  'td',
  'a',
  'img',
  'hr',
];

declare const sanitizedBrand: unique symbol;
/** HTML that went through sanitizeRichText. */
export type SafeHtml = string & { readonly [sanitizedBrand]: true };

const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'area', 'base', 'wbr', 'source', 'track', 'param', 'embed']);

let maxDepth = 200;
/** Set once at start from the configuration (GONGKAI_MAX_HTML_DEPTH). */
export function configureHtmlLimits(opts: { maxDepth: number }) {
  maxDepth = opts.maxDepth;
}

/**
 * The deepest element nesting in html, by one linear scan (an upper bound: it does not parse comments or scripts
 * specially). The sanitiser's cost grows with the square of the depth (50,000 nested <div> took 20 s), so depth
 * is checked first.
 */
export function nestingDepth(html: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = html.indexOf('<'); i !== -1; i = html.indexOf('<', i + 1)) {
    const closing = html[i + 1] === '/';
    let j = i + (closing ? 2 : 1);
    let name = '';
    while (j < html.length && name.length < 12 && /[A-Za-z0-9]/.test(html[j])) name += html[j++];
    if (!name || !/^[A-Za-z]/.test(name)) continue;
    const end = html.indexOf('>', j);
    if (end === -1) break;
    if (closing) depth = Math.max(0, depth - 1);
    else if (!VOID.has(name.toLowerCase()) && html[end - 1] !== '/') deepest = Math.max(deepest, ++depth);
    i = end;
  }
  return deepest;
}

/** Sanitises rich text; refuses (HTML_TOO_DEEP, naming `field`) markup nested deeper than the configured limit. */
export function sanitizeRichText(html: string, field = 'bodyHtml'): SafeHtml {
  if (nestingDepth(html) > maxDepth) {
    const message = `正文的格式嵌套超过 ${maxDepth} 层，无法处理。请清除格式或分段粘贴后重试。`;
    throw new AppError('HTML_TOO_DEEP', 400, message, { [field]: message });
  }
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    allowProtocolRelative: false,
    // Headings inside a document are demoted so the page keeps one h1 (accessibility).
    transformTags: { h1: 'h2', b: 'strong', i: 'em', strike: 's', del: 's' },
  }) as SafeHtml;
}

/** Treats already-sanitised stored HTML as safe (it was sanitised on the way in). */
export function trustStored(html: string): SafeHtml {
  return html as SafeHtml;
}

/** Plain text of HTML, for search, summaries and personal-data checks. */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|div|h\d|li|tr|br)>/gi, '$&\n').replace(/<br\s*\/?>/gi, '\n'), {
    allowedTags: [],
    allowedAttributes: {},
  })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/(?<![ \t])[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text placed in HTML built as a string (text or a double-quoted attribute). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** Text placed in XML (feeds, sitemaps), where single-quoted attributes are common too. */
export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

/** Plain text to paragraphs of safe HTML. */
export function textToHtml(text: string): SafeHtml {
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${escapeHtml(l)}</p>`)
    .join('\n') as SafeHtml;
}
