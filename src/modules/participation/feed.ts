/** An Atom feed of consultations (新发布的意见征集), so people and newsrooms hear of a consultation while it is open. */
import type { ConsultationRow } from './queries.ts';

const esc = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export function consultationFeed(rows: ConsultationRow[], o: { baseUrl: string; siteName: string }): string {
  const shown = rows.filter((r) => r.state === 'published').slice(0, 50);
  const updated = shown.reduce((d, r) => (r.created_at > d ? r.created_at : d), new Date(0));
  const entries = shown
    .map((r) => {
      const url = `${o.baseUrl}/hdjl/yjzj/${r.id}`;
      return (
        `<entry><id>${esc(url)}</id><title>${esc(r.title)}</title><link rel="alternate" type="text/html" href="${esc(url)}"/>` +
        `<published>${new Date(`${r.opens_on}T00:00:00+08:00`).toISOString()}</published><updated>${r.created_at.toISOString()}</updated>` +
        `<author><name>${esc(r.unit_name)}</name></author><summary>${esc(`征求意见期限：${r.opens_on} 至 ${r.closes_on}`)}</summary></entry>`
      );
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${esc(`${o.baseUrl}/hdjl/yjzj`)}</id>` +
    `<title>${esc(`${o.siteName} 意见征集`)}</title><link rel="self" type="application/atom+xml" href="${esc(`${o.baseUrl}/hdjl/yjzj/feed.xml`)}"/>` +
    `<link rel="alternate" type="text/html" href="${esc(`${o.baseUrl}/hdjl/yjzj`)}"/><updated>${updated.toISOString()}</updated>${entries}</feed>\n`
  );
}
