/**
 * The public gazette (/zfgb): years and issues, each issue's web edition and print PDF, a search of what the issues
 * carry (title, 文号, 发文机关), an Atom feed of new issues. The JSON API is in routes.api.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Queryable } from '../../lib/db.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { escapeXml } from '../../lib/html.ts';
import { sendPublicPage } from '../../lib/render.ts';
import { entryTexts, findEntries, findIssuesByText, gazetteName, gazetteUnit, issueEntries, listIssues, publishedIssue, publishedYears, type IssueRow } from './queries.ts';
import { issueLabel } from './rules.ts';
import { GazetteHomePage, IssuePage } from './views/publicPages.tsx';

export async function issueOf(q: Queryable, request: FastifyRequest): Promise<IssueRow> {
  const { year, number } = request.params as { year: string; number: string };
  const issue = /^\d{4}$/.test(year) && /^\d{1,3}$/.test(number) ? await publishedIssue(q, Number(year), Number(number)) : undefined;
  if (!issue) throw new NotFoundError('没有这一期公报。');
  return issue;
}

export function registerGazettePublicRoutes(app: FastifyInstance) {
  const { deps } = app;
  const name = async () => {
    const unit = await gazetteUnit(deps.db);
    if (!unit) throw new NotFoundError('还没有政府公报。');
    return gazetteName(unit);
  };

  app.get('/zfgb', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const q = String((request.query as Record<string, unknown>).q ?? '')
        .trim()
        .slice(0, 100);
      return GazetteHomePage({
        ctx,
        name: await name(),
        years: await publishedYears(deps.db),
        issues: q ? [] : await listIssues(deps.db, { publicOnly: true, limit: 12 }),
        q,
        found: q ? await findEntries(deps.db, q) : undefined,
        foundIssues: q ? await findIssuesByText(deps.db, q) : undefined,
      });
    }),
  );

  app.get('/zfgb/:year', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const year = (request.params as { year: string }).year;
      if (!/^\d{4}$/.test(year)) throw new NotFoundError('没有这一年的公报。');
      const issues = await listIssues(deps.db, { publicOnly: true, year: Number(year) });
      if (!issues.length) throw new NotFoundError(`${year}年没有出版的公报。`);
      return GazetteHomePage({ ctx, name: await name(), years: await publishedYears(deps.db), issues, year: Number(year), q: '' });
    }),
  );

  app.get('/zfgb/:year/:number', async (request, reply) =>
    sendPublicPage(app, request, reply, async (ctx) => {
      const issue = await issueOf(deps.db, request);
      return IssuePage({ ctx, name: await name(), issue, entries: await issueEntries(deps.db, issue.id), texts: await entryTexts(deps.db, issue.id) });
    }),
  );

  app.get('/zfgb/:year/:number/gazette.pdf', async (request, reply) => {
    const issue = await issueOf(deps.db, request);
    const blob = (await deps.db.query<{ content: Buffer }>('SELECT content FROM blobs WHERE sha256 = $1', [issue.pdf_sha256])).rows[0];
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(`${await name()}${issue.year}年第${issue.number}期.pdf`)}`)
      .header('cache-control', 'public, max-age=3600')
      .send(Buffer.from(blob.content));
  });

  app.get('/zfgb/feed.atom', async (_request, reply) => {
    const title = await name();
    const base = deps.config.baseUrl;
    const issues = await listIssues(deps.db, { publicOnly: true, limit: 30 });
    const entries = issues
      .map((i) => {
        const url = `${base}/zfgb/${i.year}/${i.number}`;
        return (
          `<entry><id>${escapeXml(url)}</id><title>${escapeXml(`${title} ${issueLabel(i)}`)}</title><link rel="alternate" type="text/html" href="${escapeXml(url)}"/>` +
          `<link rel="enclosure" type="application/pdf" href="${escapeXml(`${url}/gazette.pdf`)}"/><updated>${i.published_at!.toISOString()}</updated>` +
          `<summary>${escapeXml(`${i.publish_date} 出版，刊登 ${i.entries} 篇`)}</summary></entry>`
        );
      })
      .join('');
    return reply
      .type('application/atom+xml; charset=utf-8')
      .send(
        `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN"><id>${escapeXml(`${base}/zfgb`)}</id><title>${escapeXml(title)}</title>` +
          `<author><name>${escapeXml(title)}</name></author><link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/zfgb/feed.atom`)}"/><link rel="alternate" type="text/html" href="${escapeXml(`${base}/zfgb`)}"/>` +
          `<updated>${(issues[0]?.published_at ?? new Date(0)).toISOString()}</updated>${entries}</feed>\n`,
      );
  });
}
