/**
 * A tabular resource sent whole as CSV, JSON or XLSX, page by page from the database into the response, so memory
 * stays flat however many rows there are. Used by the public downloads and by a granted applicant's.
 */
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Queryable } from '../../lib/db.ts';
import { csvCell } from '../../lib/csv.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { xlsxStream } from '../../lib/xlsxStream.ts';
import { allRows, typedValue } from './datastore.ts';
import type { ResourceRow } from './queries.ts';

export const TABLE_FORMATS = ['csv', 'json', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

const MIME: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function sendTable(db: Queryable, reply: FastifyReply, datasetName: string, r: ResourceRow, format: TableFormat) {
  if (r.row_count === null) throw new NotFoundError('这个资源不是表格，请下载原文件。');
  const ids = r.fields.map((f) => f.id);
  const name = encodeURIComponent(`${datasetName}-${r.name}.${format}`);
  const rowsAsArrays = async function* () {
    for await (const rows of allRows(db, r.id)) yield rows.map((row) => ids.map((id) => row[id]));
  };
  const body =
    format === 'xlsx'
      ? xlsxStream(
          r.name,
          r.fields.map((f) => ({ header: f.id, numeric: f.type === 'int' || f.type === 'numeric' })),
          r.row_count,
          rowsAsArrays(),
        )
      : Readable.from(
          (async function* () {
            if (format === 'csv') {
              // Text cells that a spreadsheet would run as a formula are kept as text; numbers stay as they are.
              const text = r.fields.map((f) => f.type === 'text' || f.type === 'date');
              yield '\ufeff' + ids.map((id) => csvCell(id)).join(',') + '\r\n';
              for await (const rows of allRows(db, r.id)) yield rows.map((row) => ids.map((id, i) => csvCell(row[id] ?? '', text[i])).join(',') + '\r\n').join('');
            } else {
              let first = true;
              yield '[';
              for await (const rows of allRows(db, r.id)) {
                yield (
                  (first ? '' : ',') +
                  rows.map((row) => JSON.stringify(Object.fromEntries(ids.map((id) => [id, typedValue(r.fields.find((f) => f.id === id)?.type, row[id])])))).join(',')
                );
                first = false;
              }
              yield ']\n';
            }
          })(),
        );
  return reply.type(MIME[format]).header('content-disposition', `attachment; filename*=UTF-8''${name}`).send(body);
}
