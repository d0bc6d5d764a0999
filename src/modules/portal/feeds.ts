/** Atom feeds and sitemaps, built as escaped XML strings. */
import { escapeXml } from '../../lib/html.ts';
import type { PublicListRow } from './queries.ts';

export function atomFeed(o: { id: string; title: string; selfUrl: string; alternateUrl: string; baseUrl: string; rows: PublicListRow[]; updated: Date }): string {
  const entries = o.rows
    .map((r) => {
      const url = `${o.baseUrl}/xxgk/${r.unit_slug}/items/${r.id}`;
      return (
        `<entry><id>${escapeXml(url)}</id><title>${escapeXml(r.title)}</title><link rel="alternate" type="text/html" href="${escapeXml(url)}"/>` +
        `<published>${r.published_at.toISOString()}</published><updated>${r.updated_at.toISOString()}</updated>` +
        `<author><name>${escapeXml(r.unit_name)}</name></author>` +
        (r.summary ? `<summary>${escapeXml(r.summary)}</summary>` : '') +
        `<category term="${escapeXml(r.section_code)}"/></entry>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(o.id)}</id><title>${escapeXml(o.title)}</title>` +
    `<link rel="self" type="application/atom+xml" href="${escapeXml(o.selfUrl)}"/><link rel="alternate" type="text/html" href="${escapeXml(o.alternateUrl)}"/>` +
    `<updated>${o.updated.toISOString()}</updated>${entries}</feed>\n`
  );
}

export function urlset(urls: { loc: string; lastmod?: Date }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls
    .map((u) => `<url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`)
    .join('')}</urlset>\n`;
}

export function sitemapIndex(locs: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${locs.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`).join('')}</sitemapindex>\n`;
}
