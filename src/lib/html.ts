/**
 * The one place raw HTML enters a page: rich text is sanitised here against an allow-list before it is stored,
 * and only strings that passed through sanitizeRichText may be rendered unescaped.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p', 'br', 'h2', 'h3', 'h4', 'h5', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'blockquote',
  'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption', 'a', 'img', 'hr', 'span', 'div', 'pre', 'code',
];

declare const sanitizedBrand: unique symbol;
/** HTML that went through sanitizeRichText. */
export type SafeHtml = string & { readonly [sanitizedBrand]: true };

export function sanitizeRichText(html: string): SafeHtml {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'width', 'height'],
      th: ['colspan', 'rowspan', 'scope'],
      td: ['colspan', 'rowspan'],
      ol: ['start'],
    },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    allowProtocolRelative: false,
    // Headings inside a document are demoted so the page keeps one h1 (accessibility).
    transformTags: { h1: 'h2' },
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
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Plain text to paragraphs of safe HTML. */
export function textToHtml(text: string): SafeHtml {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .split(/\n+/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => `<p>${esc(l)}</p>`)
    .join('\n') as SafeHtml;
}
