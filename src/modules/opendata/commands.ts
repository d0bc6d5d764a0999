/**
 * Dataset commands, each in one transaction with its event and audit entry: save the working copy's metadata, add a
 * resource (a table loaded into the datastore, another file stored, or a link) or take one off the working copy,
 * submit, approve (a new published version with its change note), return, withdraw with a reason.
 */
import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { inTx, type DbOrTx, type Queryable } from '../../lib/db.ts';
import { authorize, type Actor } from '../../lib/authz.ts';
import { logRecordEvent, type EventLog } from '../../lib/audit.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { getUnit } from '../orgs/index.ts';
import { storeBlob } from '../publishing/index.ts';
import { loadTable } from './datastore.ts';
import { areaNames, getDataset, resourcesByIds, unitCatalogueItems, type DatasetRow } from './queries.ts';
import { catalogueItemValue } from '../../lib/anchors.ts';
import { checkMetadata, checkName, describeFields, nextState, type MetadataInput } from './rules.ts';

const LOG: EventLog = { table: 'dataset_events', column: 'dataset_id', subjectType: 'dataset', actionPrefix: 'dataset' };

export interface DataLimits {
  maxBytes: number;
  maxRows: number;
  maxColumns: number;
}

async function locked(tx: Queryable, id: number): Promise<DatasetRow> {
  await tx.query('SELECT 1 FROM datasets WHERE id = $1 FOR UPDATE', [id]);
  const d = await getDataset(tx, id);
  if (!d) throw new NotFoundError('没有这个数据集。');
  return d;
}

/** A dataset being changed goes back to draft; a published version stays public until the new one is approved. */
async function editable(tx: Queryable, actor: Actor, id: number): Promise<DatasetRow> {
  const d = await locked(tx, id);
  authorize(actor, 'dataset.edit', { unitPath: d.unit_path });
  if (d.state === 'withdrawn') throw new ValidationError({ title: '已撤回的数据集不能修改' });
  return d;
}

export interface SaveDatasetInput {
  unitId: number;
  name: string;
  metadata: MetadataInput;
  changeNote: string;
}

export async function saveDataset(db: DbOrTx, actor: Actor, now: Date, input: SaveDatasetInput, id?: number): Promise<number> {
  return inTx(db, async (tx) => {
    const areaCodes = (await areaNames(tx)).map((a) => a.code);
    const d = id ? await editable(tx, actor, id) : undefined;
    // Every problem at once: the metadata's and the identifier's (fixed once published: clients key on it).
    const [metadata, name] = collect(
      () => checkMetadata(input.metadata, areaCodes),
      () => (d?.published_version ? d.name : checkName(input.name)),
    );
    if (metadata.catalogueKeys?.length) {
      const known = new Set((await unitCatalogueItems(tx, d?.unit_id ?? input.unitId)).map(catalogueItemValue));
      if (metadata.catalogueKeys.some((k) => !known.has(k))) throw new ValidationError({ catalogueKeys: '只能选择提供单位已公布的标准目录中的事项' });
    }
    const changeNote = input.changeNote.trim().slice(0, 500);
    if (d) {
      await nameFree(tx, name, d.id);
      await tx.query(`UPDATE datasets SET name = $2, metadata = $3, change_note = $4, state = 'draft', updated_at = $5 WHERE id = $1`, [d.id, name, metadata, changeNote, now]);
      await logRecordEvent(tx, LOG, actor, now, d, 'saved');
      return d.id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择提供单位' });
    authorize(actor, 'dataset.edit', { unitPath: unit.path });
    await nameFree(tx, name);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO datasets (uuid, name, unit_id, state, metadata, change_note, created_at, updated_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $6) RETURNING id`,
      [randomUUID(), name, unit.id, metadata, changeNote, now],
    );
    await logRecordEvent(tx, LOG, actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created', { name });
    return r.rows[0].id;
  });
}

/** Runs each check and reports all their field errors together. */
function collect<A, B>(a: () => A, b: () => B): [A, B] {
  const errors: Record<string, string> = {};
  const run = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      Object.assign(errors, err.fields);
      return undefined;
    }
  };
  const ra = run(a);
  const rb = run(b);
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return [ra as A, rb as B];
}

async function nameFree(tx: Queryable, name: string, id?: number) {
  if ((await tx.query('SELECT 1 FROM datasets WHERE name = $1 AND id IS DISTINCT FROM $2', [name, id ?? null])).rows.length)
    throw new ValidationError({ name: '这个标识符已被其他数据集使用' });
}

export interface ResourceInput {
  name: string;
  description: string;
  /** One line per column: "列名|单位|说明" (tables only). */
  dictionary: string;
  file?: { filename: string; content: Buffer };
  url?: string;
}

const TABULAR = ['CSV', 'XLSX'] as const;

/** What a data file is, by its bytes and name: a table to load, or a file to keep as it is. */
async function checkDataFile(filename: string, content: Buffer, maxBytes: number): Promise<string> {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(filename)?.[1] ?? '').toLowerCase();
  if (!content.length) throw new ValidationError({ file: `文件“${filename}”是空的` });
  if (content.length > maxBytes) throw new ValidationError({ file: `文件超过 ${Math.round(maxBytes / 1048576)} MB 的上限` });
  const detected = await fileTypeFromBuffer(content);
  if (detected?.ext === 'xlsx' && ext === 'xlsx') return 'XLSX';
  if (detected?.ext === 'pdf' && ext === 'pdf') return 'PDF';
  if (!detected && !content.subarray(0, 65536).includes(0)) {
    if (ext === 'csv') return 'CSV';
    const head = content.subarray(0, 64).toString('utf8').trimStart();
    if ((ext === 'json' || ext === 'geojson') && (head.startsWith('{') || head.startsWith('['))) return ext === 'json' ? 'JSON' : 'GeoJSON';
  }
  throw new ValidationError({ file: `不接受“${filename}”：可上传 CSV、XLSX、JSON、GeoJSON 或 PDF，扩展名须与文件实际格式一致` });
}

export async function addResource(db: DbOrTx, actor: Actor, now: Date, id: number, input: ResourceInput, limits: DataLimits): Promise<string> {
  const name = input.name.trim().slice(0, 200);
  if (!name) throw new ValidationError({ resourceName: '请填写资源名称' });
  if (!input.file === !input.url?.trim()) throw new ValidationError({ file: '请上传一个文件，或填写一个链接（二者选一）' });
  const format = input.file ? await checkDataFile(input.file.filename, input.file.content, limits.maxBytes) : linkFormat(input.url!);
  return inTx(db, async (tx) => {
    const d = await editable(tx, actor, id);
    if (d.resource_ids.length >= 50) throw new ValidationError({ file: '一个数据集最多50个资源' });
    const rid = randomUUID();
    let fields: unknown[] = [];
    let rowCount: number | null = null;
    let sha: string | null = null;
    // The resource row first: the datastore rows refer to it, and the transaction undoes both if the load fails.
    await tx.query(`INSERT INTO dataset_resources (id, dataset_id, name, description, format, kind, url, byte_size, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
      rid,
      id,
      name,
      input.description.trim().slice(0, 1000),
      format,
      input.file ? 'file' : 'link',
      input.url?.trim() ?? '',
      input.file?.content.length ?? null,
      now,
    ]);
    if (input.file && (TABULAR as readonly string[]).includes(format)) {
      const t = await loadTable(tx, rid, input.file.content, { format: format as (typeof TABULAR)[number], maxRows: limits.maxRows, maxColumns: limits.maxColumns });
      fields = describeFields(t.header, t.types, input.dictionary);
      rowCount = t.rowCount;
    } else if (input.file) sha = await storeBlob(tx, input.file.content, MIMES[format]);
    await tx.query('UPDATE dataset_resources SET fields = $2, row_count = $3, blob_sha256 = $4 WHERE id = $1', [rid, JSON.stringify(fields), rowCount, sha]);
    await tx.query(`UPDATE datasets SET resource_ids = array_append(resource_ids, $2::uuid), state = 'draft', updated_at = $3 WHERE id = $1`, [id, rid, now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'resource_added', { resource: rid, name, format, rows: rowCount });
    return rid;
  });
}

const MIMES: Record<string, string> = { PDF: 'application/pdf', JSON: 'application/json', GeoJSON: 'application/geo+json' };

function linkFormat(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ValidationError({ url: '链接地址格式不对' });
  }
  if (!['http:', 'https:'].includes(u.protocol)) throw new ValidationError({ url: '链接须以 http:// 或 https:// 开头' });
  const ext = /\.([A-Za-z0-9]+)$/.exec(u.pathname)?.[1]?.toUpperCase();
  return ext && ext.length <= 8 ? ext : 'API';
}

/** Takes a resource off the working copy; it stays in the versions that list it. */
export async function removeResource(db: DbOrTx, actor: Actor, now: Date, id: number, resourceId: string) {
  return inTx(db, async (tx) => {
    const d = await editable(tx, actor, id);
    if (!d.resource_ids.includes(resourceId)) throw new NotFoundError('这个数据集没有这个资源。');
    await tx.query(`UPDATE datasets SET resource_ids = array_remove(resource_ids, $2::uuid), state = 'draft', updated_at = $3 WHERE id = $1`, [id, resourceId, now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'resource_removed', { resource: resourceId });
  });
}

export async function submitDataset(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const d = await locked(tx, id);
    authorize(actor, 'dataset.edit', { unitPath: d.unit_path });
    if (!d.resource_ids.length) throw new ValidationError({ file: '请至少添加一个数据资源再送审' });
    if (d.published_version && !d.change_note) throw new ValidationError({ changeNote: '修改已发布的数据集，请写明变更说明' });
    await tx.query('UPDATE datasets SET state = $2, updated_at = $3 WHERE id = $1', [id, nextState(d.state, 'submit'), now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'submitted');
  });
}

/** The reviewer publishes the working copy as a new version; the change note goes with it and is cleared. */
export async function approveDataset(db: DbOrTx, actor: Actor, now: Date, id: number) {
  return inTx(db, async (tx) => {
    const d = await locked(tx, id);
    authorize(actor, 'dataset.review', { unitPath: d.unit_path });
    const state = nextState(d.state, 'approve');
    const version = d.published_version + 1;
    const note = d.change_note || (version === 1 ? '首次发布' : '');
    await tx.query('INSERT INTO dataset_versions (dataset_id, version_no, metadata, resource_ids, change_note, published_at) VALUES ($1, $2, $3, $4::uuid[], $5, $6)', [
      id,
      version,
      d.metadata,
      d.resource_ids,
      note,
      now,
    ]);
    await tx.query(`UPDATE datasets SET state = $2, published_version = $3, change_note = '', updated_at = $4 WHERE id = $1`, [id, state, version, now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'published', { version });
  });
}

export async function returnDataset(db: DbOrTx, actor: Actor, now: Date, id: number, note: string) {
  return inTx(db, async (tx) => {
    const d = await locked(tx, id);
    authorize(actor, 'dataset.review', { unitPath: d.unit_path });
    if (!note.trim()) throw new ValidationError({ note: '请写明退回修改的意见' });
    await tx.query('UPDATE datasets SET state = $2, updated_at = $3 WHERE id = $1', [id, nextState(d.state, 'return'), now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'returned', { note: note.trim() });
  });
}

/** Withdrawn with a reason the public sees; versions, resources and rows stay. */
export async function withdrawDataset(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const d = await locked(tx, id);
    authorize(actor, 'dataset.review', { unitPath: d.unit_path });
    if (!reason.trim()) throw new ValidationError({ reason: '请写明撤回的理由' });
    await tx.query('UPDATE datasets SET state = $2, withdrawn_reason = $3, updated_at = $4 WHERE id = $1', [id, nextState(d.state, 'withdraw'), reason.trim().slice(0, 500), now]);
    await logRecordEvent(tx, LOG, actor, now, d, 'withdrawn', { reason: reason.trim() });
  });
}

/** The resources of a working copy, in order (for the staff page). */
export const workingResources = (q: Queryable, d: DatasetRow) => resourcesByIds(q, d.resource_ids);
