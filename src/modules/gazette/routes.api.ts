/** The gazette's JSON API: the published issues (of a year), and one issue with its entries in print order. */
import type { FastifyInstance } from 'fastify';
import { entryTexts, issueEntries, listIssues } from './queries.ts';
import { issueOf } from './routes.public.tsx';
import { printOrder, SECTIONS } from './rules.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const errors = { 400: { $ref: 'Error#' }, 404: { $ref: 'Error#' } };
const issueSchema = {
  type: 'object',
  properties: { year: int, number: int, serial: int, publishDate: str, pages: int, entries: int, url: str, pdf: str },
} as const;

export function registerGazetteApi(api: FastifyInstance, app: FastifyInstance) {
  const { deps } = app;
  const base = deps.config.baseUrl;
  const issueJson = (i: { year: number; number: number; serial: number; publish_date: string; page_count: number | null; entries: number }) => ({
    year: i.year,
    number: i.number,
    serial: i.serial,
    publishDate: i.publish_date,
    pages: i.page_count ?? 0,
    entries: i.entries,
    url: `${base}/zfgb/${i.year}/${i.number}`,
    pdf: `${base}/zfgb/${i.year}/${i.number}/gazette.pdf`,
  });

  api.get(
    '/api/v1/gazette/issues',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['gazette'],
        summary: '已出版的政府公报各期（可按年份）',
        querystring: { type: 'object', properties: { year: { type: 'integer', minimum: 1949, maximum: 2200 } } },
        response: { 200: { type: 'object', properties: { issues: { type: 'array', items: issueSchema } } }, ...errors },
      },
    },
    async (request) => {
      const { year } = request.query as { year?: number };
      return { issues: (await listIssues(deps.db, { publicOnly: true, year })).map(issueJson) };
    },
  );

  api.get(
    '/api/v1/gazette/issues/:year/:number',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags: ['gazette'],
        summary: '一期政府公报：按印刷顺序的各篇，含栏目、页码和刊登的文本',
        params: { type: 'object', properties: { year: str, number: str }, required: ['year', 'number'] },
        response: {
          200: {
            type: 'object',
            properties: {
              ...issueSchema.properties,
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    section: str,
                    sectionName: str,
                    title: str,
                    docNo: str,
                    issuer: str,
                    pageFrom: int,
                    pageTo: int,
                    indexNo: { type: 'string', nullable: true },
                    url: { type: 'string', nullable: true },
                    text: str,
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (request) => {
      const issue = await issueOf(deps.db, request);
      const texts = await entryTexts(deps.db, issue.id);
      return {
        ...issueJson(issue),
        items: printOrder(await issueEntries(deps.db, issue.id)).map((e) => ({
          section: e.section,
          sectionName: SECTIONS[e.section],
          title: e.title,
          docNo: e.doc_no,
          issuer: e.issuer,
          pageFrom: e.page_from ?? 0,
          pageTo: e.page_to ?? 0,
          indexNo: e.index_no,
          url: e.item_id && e.item_public && e.unit_slug ? `${base}/xxgk/${e.unit_slug}/items/${e.item_id}` : null,
          text: texts.get(e.id) ?? '',
        })),
      };
    },
  );
}
