/** Reads of information items. No writes here; every list is scoped by the caller (unit subtrees or public). */
import { normalizeDocNo } from './docNo.ts';
import { containsPattern, type Queryable } from '../../lib/db.ts';
import { grantedPaths, type Actor, type Role } from '../../lib/authz.ts';
import type { VersionState } from './states.ts';
import type { LegalForm } from './taxonomy.ts';

export interface ItemRow {
  id: number;
  unit_id: number;
  kind: 'information' | 'interpretation';
  /** 文件性质: a 规章, a 行政规范性文件, or neither (''). */
  legal_form: LegalForm;
  index_no: string | null;
  status: 'unpublished' | 'published' | 'filed' | 'withdrawn';
  current_version_id: number | null;
  first_published_at: Date | null;
  withdrawn_at: Date | null;
  withdrawn_reason: string | null;
  validity: 'current' | 'revised' | 'repealed' | 'expired';
  validity_by_item_id: number | null;
  created_at: Date;
  updated_at: Date;
  unit_path: string;
  unit_name: string;
  unit_slug: string;
  unit_code: string;
}

export interface VersionRow {
  id: number;
  item_id: number;
  version_no: number;
  state: VersionState;
  title: string;
  publisher_name: string;
  issuing_organs: string[];
  doc_no: string;
  doc_no_normalized: string;
  written_date: string | null;
  publish_date: string | null;
  effective_date: string | null;
  expiry_date: string | null;
  formed_date: string;
  topic: string;
  genre: string;
  audience: string;
  keywords: string[];
  summary: string;
  section_code: string;
  disclosure: 'proactive' | 'on_request' | 'withheld';
  withheld_ground: string | null;
  interpretation_form: string | null;
  body_html: string;
  body_text: string;
  change_note: string;
  scheduled_at: Date | null;
  published_at: Date | null;
  created_by: number | null;
  created_at: Date;
  updated_at: Date;
}

export interface AttachmentRow {
  id: number;
  version_id: number;
  blob_sha256: string;
  filename: string;
  position: number;
  size: number;
  mime: string;
}

const ITEM_SELECT = `SELECT i.*, u.path AS unit_path, u.name AS unit_name, u.slug AS unit_slug, u.code AS unit_code
  FROM information_items i JOIN units u ON u.id = i.unit_id`;

export async function getItem(q: Queryable, id: number): Promise<ItemRow | undefined> {
  if (!Number.isSafeInteger(id) || id <= 0) return undefined;
  return (await q.query<ItemRow>(`${ITEM_SELECT} WHERE i.id = $1`, [id])).rows[0];
}

/** Locks the item row for the rest of the transaction, so two transitions on one item never interleave. */
export async function lockItem(q: Queryable, id: number): Promise<ItemRow | undefined> {
  await q.query('SELECT id FROM information_items WHERE id = $1 FOR UPDATE', [id]);
  return getItem(q, id);
}

export async function getVersion(q: Queryable, id: number): Promise<VersionRow | undefined> {
  return (await q.query<VersionRow>('SELECT * FROM item_versions WHERE id = $1', [id])).rows[0];
}

/** The newest version of an item (the one being worked on, or the published one). */
export async function latestVersion(q: Queryable, itemId: number): Promise<VersionRow | undefined> {
  return (await q.query<VersionRow>('SELECT * FROM item_versions WHERE item_id = $1 ORDER BY version_no DESC LIMIT 1', [itemId])).rows[0];
}

export async function listVersions(q: Queryable, itemId: number) {
  return (
    await q.query<{ id: number; version_no: number; state: VersionState; title: string; published_at: Date | null; change_note: string; updated_at: Date }>(
      'SELECT id, version_no, state, title, published_at, change_note, updated_at FROM item_versions WHERE item_id = $1 ORDER BY version_no DESC',
      [itemId],
    )
  ).rows;
}

export async function listAttachments(q: Queryable, versionId: number): Promise<AttachmentRow[]> {
  return (
    await q.query<AttachmentRow>(
      `SELECT a.id, a.version_id, a.blob_sha256, a.filename, a.position, b.size, b.mime FROM attachments a
       JOIN blobs b ON b.sha256 = a.blob_sha256 WHERE a.version_id = $1 ORDER BY a.position, a.id`,
      [versionId],
    )
  ).rows;
}

export async function listEvents(q: Queryable, itemId: number) {
  return (
    await q.query<{ id: number; type: string; from_state: string | null; to_state: string | null; actor_label: string; remarks: string; at: Date; version_id: number | null }>(
      'SELECT id, type, from_state, to_state, actor_label, remarks, at, version_id FROM item_events WHERE item_id = $1 ORDER BY id',
      [itemId],
    )
  ).rows;
}

export async function listFindings(q: Queryable, versionId: number) {
  return (
    await q.query<{ id: number; source: string; kind: string; excerpt: string; resolution: string | null; justification: string | null; value_hash: string }>(
      'SELECT id, source, kind, excerpt, resolution, justification, value_hash FROM personal_data_findings WHERE version_id = $1 ORDER BY id',
      [versionId],
    )
  ).rows;
}

export async function countUnresolvedFindings(q: Queryable, versionId: number): Promise<number> {
  const r = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM personal_data_findings WHERE version_id = $1 AND resolution IS NULL', [versionId]);
  return r.rows[0].n;
}

/** Linked items: for an interpretation, the policies it interprets; for a policy, its interpretations. */
export async function linkedItems(q: Queryable, itemId: number, direction: 'interprets' | 'interpreted_by', publicOnly: boolean) {
  const join = direction === 'interprets' ? 'l.to_item_id = i.id AND l.from_item_id = $1' : 'l.from_item_id = i.id AND l.to_item_id = $1';
  return (
    await q.query<{ id: number; title: string; interpretation_form: string | null; status: string; publish_date: string | null; unit_slug: string; index_no: string | null }>(
      `SELECT i.id, i.index_no, COALESCE(cv.title, lv.title) AS title, COALESCE(cv.interpretation_form, lv.interpretation_form) AS interpretation_form,
              i.status, cv.publish_date, u.slug AS unit_slug
       FROM item_links l JOIN information_items i ON ${join} JOIN units u ON u.id = i.unit_id
       LEFT JOIN item_versions cv ON cv.id = i.current_version_id
       LEFT JOIN LATERAL (SELECT title, interpretation_form FROM item_versions v WHERE v.item_id = i.id ORDER BY version_no DESC LIMIT 1) lv ON true
       WHERE l.kind = 'interprets' ${publicOnly ? "AND i.status = 'published'" : ''}
       ORDER BY i.id`,
      [itemId],
    )
  ).rows;
}

export interface StaffListRow {
  id: number;
  title: string;
  state: VersionState;
  status: string;
  unit_name: string;
  index_no: string | null;
  version_no: number;
  updated_at: Date;
  formed_date: string;
  publish_date: string | null;
  disclosure: string;
  validity: string;
}

/** Items in the given unit subtrees with their newest version, newest first; optional state filter. */
export async function listStaffItems(
  q: Queryable,
  paths: string[],
  opts: { state?: string; limit?: number; offset?: number; q?: string } = {},
): Promise<{ rows: StaffListRow[]; total: number }> {
  if (!paths.length) return { rows: [], total: 0 };
  const params: unknown[] = [paths.map((p) => `${p}%`)];
  let where = 'u.path LIKE ANY ($1::text[])';
  if (opts.state) {
    params.push(opts.state);
    where += ` AND v.state = $${params.length}`;
  }
  if (opts.q) {
    params.push(containsPattern(opts.q));
    where += ` AND (v.title ILIKE $${params.length} OR v.doc_no_normalized ILIKE $${params.length} OR i.index_no ILIKE $${params.length})`;
  }
  const base = `FROM information_items i JOIN units u ON u.id = i.unit_id
    JOIN LATERAL (SELECT * FROM item_versions x WHERE x.item_id = i.id ORDER BY x.version_no DESC LIMIT 1) v ON true WHERE ${where}`;
  const total = (await q.query<{ n: number }>(`SELECT count(*)::int AS n ${base}`, params)).rows[0].n;
  params.push(opts.limit ?? 50, opts.offset ?? 0);
  const rows = (
    await q.query<StaffListRow>(
      `SELECT i.id, v.title, v.state, i.status, u.name AS unit_name, i.index_no, v.version_no, v.updated_at, v.formed_date, v.publish_date, v.disclosure, i.validity
       ${base} ORDER BY v.updated_at DESC, i.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )
  ).rows;
  return { rows, total };
}

/** Proactive items not yet published (for the Art. 26 watch list), in the given subtrees. */
export async function listUnpublishedProactive(q: Queryable, paths: string[]) {
  if (!paths.length) return [];
  return (
    await q.query<{ id: number; title: string; state: VersionState; unit_name: string; formed_date: string }>(
      `SELECT i.id, v.title, v.state, u.name AS unit_name, v.formed_date FROM information_items i JOIN units u ON u.id = i.unit_id
       JOIN LATERAL (SELECT * FROM item_versions x WHERE x.item_id = i.id ORDER BY x.version_no DESC LIMIT 1) v ON true
       WHERE u.path LIKE ANY ($1::text[]) AND v.disclosure = 'proactive'
         AND v.state IN ('draft', 'returned', 'secrecy_review', 'review', 'scheduled')
       ORDER BY v.formed_date, i.id`,
      [paths.map((p) => `${p}%`)],
    )
  ).rows;
}

/** The dashboard's item queues: drafts awaiting the actor's 保密审查 or 审核, and drafts returned in units they write for. */
export async function itemQueueCounts(q: Queryable, actor: Actor): Promise<{ secrecy_review: number; review: number; returned: number }> {
  const count = async (roles: Role[], state: string) => {
    const paths = grantedPaths(actor, roles);
    if (!paths.length) return 0;
    return (
      await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_items i JOIN units u ON u.id = i.unit_id
           JOIN LATERAL (SELECT x.state FROM item_versions x WHERE x.item_id = i.id ORDER BY x.version_no DESC LIMIT 1) v ON true
          WHERE u.path LIKE ANY ($1::text[]) AND v.state = $2`,
        [paths.map((p) => `${p}%`), state],
      )
    ).rows[0].n;
  };
  return { secrecy_review: await count(['secrecy_reviewer'], 'secrecy_review'), review: await count(['reviewer'], 'review'), returned: await count(['publisher'], 'returned') };
}

/**
 * The published items that staff name by 索引号, 文号 or full title, one per line (an item's number still works), for
 * linking an interpretation to its policy without reading ids out of URLs. Each line finds exactly one item or is
 * reported: not found, or several (then the 文号 or 索引号 tells them apart).
 */
export async function resolveItemRefs(q: Queryable, lines: string[]): Promise<{ ids: number[]; errors: string[] }> {
  const ids: number[] = [];
  const errors: string[] = [];
  for (const raw of lines.slice(0, 50)) {
    const ref = raw.trim();
    if (!ref) continue;
    if (/^\d{1,12}$/.test(ref)) {
      ids.push(Number(ref));
      continue;
    }
    const found = (
      await q.query<{ id: number }>(
        `SELECT i.id::int FROM information_items i JOIN item_versions v ON v.id = i.current_version_id
          WHERE i.status = 'published' AND (i.index_no = $1 OR v.doc_no_normalized = $2 OR v.title = $1) LIMIT 3`,
        [ref, normalizeDocNo(ref)],
      )
    ).rows;
    if (found.length === 1) ids.push(found[0].id);
    else errors.push(found.length ? `“${ref}”对应多条信息，请改用文号或索引号` : `“${ref}”没有找到已公开的信息（请用标题全文、文号或索引号）`);
  }
  return { ids: [...new Set(ids)], errors };
}

export interface ItemLookupRow {
  /** What to put in the form: the 索引号 (unique), else the 文号, else the title. */
  ref: string;
  title: string;
  docNo: string;
  indexNo: string;
  unit: string;
  publishDate: string;
}

/**
 * Published items whose title, 文号 or 索引号 contains the words typed, for the picker beside the fields that name
 * items (interpretations, revising or repealing items). Published items are public, so any staff member may look.
 */
export async function lookupPublishedItems(q: Queryable, text: string, limit = 10): Promise<ItemLookupRow[]> {
  const t = text.trim().slice(0, 100);
  if (!t) return [];
  const like = containsPattern(t);
  const r = await q.query<{ title: string; doc_no: string | null; index_no: string | null; unit: string; publish_date: string | null }>(
    `SELECT v.title, v.doc_no_normalized AS doc_no, i.index_no, u.name AS unit, v.publish_date::text
       FROM information_items i JOIN item_versions v ON v.id = i.current_version_id JOIN units u ON u.id = i.unit_id
      WHERE i.status = 'published' AND (v.title ILIKE $1 OR v.doc_no_normalized ILIKE $2 OR i.index_no ILIKE $1)
      ORDER BY (v.title = $3 OR v.doc_no_normalized = $4 OR i.index_no = $3) DESC, v.publish_date DESC NULLS LAST, i.id DESC
      LIMIT $5`,
    [like, containsPattern(normalizeDocNo(t)), t, normalizeDocNo(t), limit],
  );
  return r.rows.map((x) => ({
    ref: x.index_no || x.doc_no || x.title,
    title: x.title,
    docNo: x.doc_no ?? '',
    indexNo: x.index_no ?? '',
    unit: x.unit,
    publishDate: x.publish_date ?? '',
  }));
}

/** How staff name an item in a form: its 索引号, else its 文号, else its title (what resolveItemRefs reads back). */
export async function itemRefOf(q: Queryable, itemId: number): Promise<string> {
  const r = (
    await q.query<{ index_no: string | null; doc_no: string | null; title: string }>(
      `SELECT i.index_no, v.doc_no_normalized AS doc_no, v.title FROM information_items i
         JOIN item_versions v ON v.id = COALESCE(i.current_version_id, (SELECT max(x.id) FROM item_versions x WHERE x.item_id = i.id)) WHERE i.id = $1`,
      [itemId],
    )
  ).rows[0];
  return r ? r.index_no || r.doc_no || r.title : '';
}

/** The 主题分类 a unit uses most (its items' latest versions), for the item form to offer first. */
export async function usedTopics(q: Queryable, unitId: number, limit = 6): Promise<string[]> {
  return (
    await q.query<{ topic: string }>(
      `SELECT v.topic FROM information_items i JOIN LATERAL (SELECT x.topic FROM item_versions x WHERE x.item_id = i.id ORDER BY x.version_no DESC LIMIT 1) v ON true
        WHERE i.unit_id = $1 AND v.topic <> '' GROUP BY v.topic ORDER BY count(*) DESC, v.topic LIMIT $2`,
      [unitId, limit],
    )
  ).rows.map((r) => r.topic);
}
