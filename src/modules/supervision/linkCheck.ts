/**
 * Checks the external links of published texts: HEAD (then GET when a server refuses HEAD) with a timeout, a few at a
 * time, each URL at most once a week, results kept in link_checks for the supervision view. Run by a daily timer in
 * every node (results are keyed by URL, so two nodes only repeat work) and by `npx gongkai links check`.
 */
import type { Db } from '../../lib/db.ts';

export const RECHECK_DAYS = 7;
const TIMEOUT_MS = 10_000;
const CONCURRENCY = 4;

/** External http(s) links in a text, not those of the platform itself. */
export function externalLinks(html: string, ownBase: string): string[] {
  const own = ownBase.replace(/\/$/, '');
  const out = new Set<string>();
  for (const m of html.matchAll(/href="(https?:\/\/[^"\s<>]{3,2000})"/g)) {
    const url = m[1].replace(/&amp;/g, '&');
    if (!url.startsWith(own + '/') && url !== own) out.add(url);
  }
  return [...out];
}

async function probe(url: string, fetcher: typeof fetch): Promise<{ ok: boolean; status: number | null; error: string }> {
  for (const method of ['HEAD', 'GET'] as const) {
    try {
      const res = await fetcher(url, { method, redirect: 'follow', signal: AbortSignal.timeout(TIMEOUT_MS) });
      await res.body?.cancel().catch(() => undefined);
      if (method === 'HEAD' && (res.status === 405 || res.status === 501)) continue;
      return { ok: res.status < 400, status: res.status, error: '' };
    } catch (e) {
      if (method === 'HEAD') continue;
      return { ok: false, status: null, error: (e as Error).name === 'TimeoutError' ? '超时' : '无法连接' };
    }
  }
  return { ok: false, status: null, error: '无法连接' };
}

export async function checkLinks(db: Db, opts: { baseUrl: string; now: Date; fetcher?: typeof fetch; limit?: number }): Promise<{ checked: number; broken: number }> {
  const texts = (
    await db.query<{ html: string }>(
      `SELECT v.body_html AS html FROM information_items i JOIN item_versions v ON v.id = i.current_version_id WHERE i.status = 'published' AND v.body_html LIKE '%http%'`,
    )
  ).rows;
  const urls = [...new Set(texts.flatMap((t) => externalLinks(t.html, opts.baseUrl)))];
  const since = new Date(opts.now.getTime() - RECHECK_DAYS * 86400_000);
  const fresh = new Set((await db.query<{ url: string }>('SELECT url FROM link_checks WHERE checked_at >= $1', [since])).rows.map((r) => r.url));
  const todo = urls.filter((u) => !fresh.has(u)).slice(0, opts.limit ?? 500);
  let broken = 0;
  for (let i = 0; i < todo.length; i += CONCURRENCY) {
    const batch = todo.slice(i, i + CONCURRENCY);
    const results = await Promise.all(batch.map((u) => probe(u, opts.fetcher ?? fetch)));
    for (const [k, r] of results.entries()) {
      if (!r.ok) broken++;
      await db.query(
        `INSERT INTO link_checks (url, ok, status, error, checked_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (url) DO UPDATE SET ok = EXCLUDED.ok, status = EXCLUDED.status, error = EXCLUDED.error, checked_at = EXCLUDED.checked_at`,
        [batch[k], r.ok, r.status, r.error, opts.now],
      );
    }
  }
  return { checked: todo.length, broken };
}
