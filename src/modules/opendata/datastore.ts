/**
 * The datastore (ADR 0025): a tabular resource's rows as JSON objects in datastore_rows, loaded in the caller's
 * transaction from the sandboxed reader's batches, searched with CKAN's `datastore_search` parameters, and read back in
 * pages for downloads of any size.
 */
import type { Queryable } from '../../lib/db.ts';
import { runUntrusted } from '../../lib/untrusted/sandbox.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { FieldInfo } from './rules.ts';
import type { TableBatch, TableOptions, TableResult } from './table.task.ts';

const TASK = new URL('./table.task.ts', import.meta.url);

/** Loads a table into the resource's rows; the caller's transaction makes it all or nothing. */
export async function loadTable(
  tx: Queryable,
  resourceId: string,
  file: Buffer,
  options: Omit<TableOptions, 'batchRows'>,
): Promise<{ header: string[]; types: FieldInfo['type'][]; rowCount: number }> {
  let header: string[] = [];
  let next = 0;
  const result = await runUntrusted<TableResult>(TASK, file, { ...options, batchRows: 2000 }, async (raw) => {
    const b = raw as TableBatch;
    if (b.header) header = b.header;
    if (!b.rows.length) return;
    const objects = b.rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    await tx.query(
      `INSERT INTO datastore_rows (resource_id, row_no, data)
       SELECT $1, $2::int + t.ord::int, t.value FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS t(value, ord)`,
      [resourceId, next, JSON.stringify(objects)],
    );
    next += b.rows.length;
  });
  return { header, types: result.types, rowCount: result.rowCount };
}

export interface SearchParams {
  q?: string;
  filters?: Record<string, string | string[]>;
  limit: number;
  offset: number;
  sort?: string;
  fields?: string[];
}

/** A datastore_search parameter that cannot be used; reported as CKAN reports it (a ValidationError naming the field). */
const bad = (field: string, message: string) => new ValidationError({ [field]: message }, message, 'DATASTORE_BAD_QUERY');

/** CKAN's datastore_search over one resource's rows: `_id` is the row number (from 1), as CKAN numbers rows. */
export async function searchRows(q: Queryable, resourceId: string, dictionary: FieldInfo[], p: SearchParams) {
  const ids = dictionary.map((f) => f.id);
  const known = (f: string, param: string) => {
    if (f !== '_id' && !ids.includes(f)) throw bad(param, `字段“${f}”不存在`);
    return f;
  };
  const args: unknown[] = [resourceId];
  const where = ['resource_id = $1'];
  for (const [col, value] of Object.entries(p.filters ?? {})) {
    known(col, 'filters');
    const values = (Array.isArray(value) ? value : [value]).map(String);
    if (col === '_id') {
      if (values.some((v) => !/^\d{1,9}$/.test(v))) throw bad('filters', '_id 须为整数');
      args.push(values.map(Number));
      where.push(`row_no = ANY($${args.length}::int[])`);
    } else {
      args.push(col, values);
      where.push(`data->>$${args.length - 1} = ANY($${args.length}::text[])`);
    }
  }
  if (p.q?.trim()) {
    // A value containing the words, any case: one JSON path test per row ("q" makes the pattern literal text),
    // three times faster than expanding every row's values into a set to match (measured in bench/opendata.ts).
    args.push(`$.* ? (@ like_regex ${JSON.stringify(p.q.trim())} flag "iq")`);
    where.push(`jsonb_path_exists(data, $${args.length}::jsonpath)`);
  }
  const whereArgs = args.length;
  const order: string[] = [];
  for (const part of (p.sort ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const words = part.split(/\s+/);
    const last = words.length > 1 ? words[words.length - 1].toLowerCase() : '';
    const named = last === 'asc' || last === 'desc' ? words.slice(0, -1).join(' ') : part;
    const col = known(named.replace(/^"|"$/g, ''), 'sort');
    const dir = last === 'desc' ? 'DESC' : 'ASC';
    if (col === '_id') order.push(`row_no ${dir}`);
    else {
      args.push(col);
      const type = dictionary.find((f) => f.id === col)!.type;
      const expr = type === 'int' || type === 'numeric' ? `(data->>$${args.length})::numeric` : `data->>$${args.length}`;
      order.push(`${expr} ${dir} NULLS LAST`);
    }
  }
  order.push('row_no');
  const shown = p.fields?.length ? p.fields.map((f) => known(f, 'fields')) : ['_id', ...ids];
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM datastore_rows WHERE ${where.join(' AND ')}`, args.slice(0, whereArgs))).rows[0].n;
  // Sorted by a column, the sort carries only the row numbers and keys, and the page's rows are read after: sorting
  // whole rows made a deep page five times slower than the same question of a plain table (bench/opendata.ts).
  let rows: { row_no: number; data: Record<string, string | null> }[];
  if (order.length > 1) {
    const ranked = (
      await q.query<{ row_no: number }>(`SELECT row_no FROM datastore_rows WHERE ${where.join(' AND ')} ORDER BY ${order.join(', ')} LIMIT ${p.limit} OFFSET ${p.offset}`, args)
    ).rows.map((r) => r.row_no);
    const byNo = new Map(
      (
        await q.query<{ row_no: number; data: Record<string, string | null> }>('SELECT row_no, data FROM datastore_rows WHERE resource_id = $1 AND row_no = ANY($2::int[])', [
          resourceId,
          ranked,
        ])
      ).rows.map((r) => [r.row_no, r]),
    );
    rows = ranked.map((n) => byNo.get(n)!);
  } else
    rows = (
      await q.query<{ row_no: number; data: Record<string, string | null> }>(
        `SELECT row_no, data FROM datastore_rows WHERE ${where.join(' AND ')} ORDER BY row_no LIMIT ${p.limit} OFFSET ${p.offset}`,
        args,
      )
    ).rows;
  const typed = (f: FieldInfo | undefined, v: string | null | undefined) => typedValue(f?.type, v);
  return {
    fields: shown.map((id) =>
      id === '_id'
        ? { id: '_id', type: 'int' }
        : {
            id,
            type: dictionary.find((f) => f.id === id)!.type,
            info: { unit: dictionary.find((f) => f.id === id)!.unit, notes: dictionary.find((f) => f.id === id)!.description },
          },
    ),
    records: rows.map((r) =>
      Object.fromEntries(
        shown.map((id) => [
          id,
          id === '_id'
            ? r.row_no
            : typed(
                dictionary.find((f) => f.id === id),
                r.data[id],
              ),
        ]),
      ),
    ),
    total,
  };
}

/** A stored cell as its column's type gives it to clients: numbers as numbers, empty as null. */
export const typedValue = (type: FieldInfo['type'] | undefined, v: string | null | undefined) =>
  v === null || v === undefined ? null : type === 'int' || type === 'numeric' ? Number(v) : v;

/** Every row of a resource, a page at a time in row order (downloads stream these, however many). */
export async function* allRows(q: Queryable, resourceId: string, page = 5000): AsyncGenerator<Record<string, string | null>[]> {
  let after = 0;
  for (;;) {
    const rows = (
      await q.query<{ row_no: number; data: Record<string, string | null> }>(
        'SELECT row_no, data FROM datastore_rows WHERE resource_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3',
        [resourceId, after, page],
      )
    ).rows;
    if (!rows.length) return;
    yield rows.map((r) => r.data);
    after = rows[rows.length - 1].row_no;
  }
}
