/** An Atom feed of consultations (新发布的意见征集), so people and newsrooms hear of a consultation while it is open. */
import { escapeXml } from '../../lib/html.ts';
import type { ConsultationRow } from './queries.ts';

export function consultationFeed(rows: ConsultationRow[], o: { baseUrl: string; siteName: string }): string {
  const shown = rows.filter((r) => r.state === 'published').slice(0, 50);
  const updated = shown.reduce((d, r) => (r.created_at > d ? r.created_at : d), new Date(0));
  const entries = shown
    .map((r) => {
      const url = `${o.baseUrl}/hdjl/yjzj/${r.id}`;
      return (
        `<entry><id>${escapeXml(url)}</id><title>${escapeXml(r.title)}</title><link rel="alternate" type="text/html" href="${escapeXml(url)}"/>` +
        `<published>${new Date(`${r.opens_on}T00:00:00+08:00`).toISOString()}</published><updated>${r.created_at.toISOString()}</updated>` +
        `<author><name>${escapeXml(r.unit_name)}</name></author><summary>${escapeXml(`征求意见期限：${r.opens_on} 至 ${r.closes_on}`)}</summary></entry>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(`${o.baseUrl}/hdjl/yjzj`)}</id>` +
    `<title>${escapeXml(`${o.siteName} 意见征集`)}</title><link rel="self" type="application/atom+xml" href="${escapeXml(`${o.baseUrl}/hdjl/yjzj/feed.xml`)}"/>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(`${o.baseUrl}/hdjl/yjzj`)}"/><updated>${updated.toISOString()}</updated>${entries}</feed>\n`
  );
}
