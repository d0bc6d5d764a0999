/** Reads of units and users. Batch-first; no writes here. */
import type { Queryable } from '../../lib/db.ts';

export interface UnitRow {
  id: number;
  parent_id: number | null;
  path: string;
  code: string;
  credit_code: string | null;
  name: string;
  short_name: string;
  slug: string;
  level: 'city' | 'county' | 'township';
  kind: 'government' | 'department';
  office_name: string;
  address: string;
  office_hours: string;
  phone: string;
  fax: string;
  web_contact: string;
  email: string;
  postcode: string;
  guide_text: string;
  guide_updated_at: Date;
  sort_order: number;
}

export async function listUnits(q: Queryable): Promise<UnitRow[]> {
  return (await q.query<UnitRow>('SELECT * FROM units ORDER BY path, sort_order, id')).rows;
}

export async function getUnit(q: Queryable, id: number): Promise<UnitRow | undefined> {
  return (await q.query<UnitRow>('SELECT * FROM units WHERE id = $1', [id])).rows[0];
}

export async function getUnitBySlug(q: Queryable, slug: string): Promise<UnitRow | undefined> {
  return (await q.query<UnitRow>('SELECT * FROM units WHERE slug = $1', [slug])).rows[0];
}

export async function getUnitByCode(q: Queryable, code: string): Promise<UnitRow | undefined> {
  return (await q.query<UnitRow>('SELECT * FROM units WHERE code = $1 OR slug = $1', [code])).rows[0];
}

/** Units ordered as a tree (depth-first by path), each with its depth, for menus and pickers. */
export function asTree(units: UnitRow[]): (UnitRow & { depth: number })[] {
  const byParent = new Map<number | null, UnitRow[]>();
  for (const u of units) {
    const list = byParent.get(u.parent_id) ?? [];
    list.push(u);
    byParent.set(u.parent_id, list);
  }
  const out: (UnitRow & { depth: number })[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of (byParent.get(parent) ?? []).sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)) {
      out.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  unit_id: number;
  active: boolean;
  failed_logins: number;
  locked_until: Date | null;
  password_hash: string;
  password_changed_at: Date;
  totp_secret: string | null;
  totp_last_step: number | string | null;
}

export async function getUserByUsername(q: Queryable, username: string): Promise<UserRow | undefined> {
  return (await q.query<UserRow>('SELECT * FROM users WHERE username = $1', [username])).rows[0];
}

/** Users whose home unit lies in one of the given subtrees, with their grants as text. */
export async function listUsersIn(q: Queryable, paths: string[]) {
  if (!paths.length) return [];
  return (
    await q.query<{ id: number; username: string; display_name: string; unit_name: string; active: boolean; roles: string | null }>(
      `SELECT u.id, u.username, u.display_name, un.name AS unit_name, u.active,
              (SELECT string_agg(ra.role || '@' || ru.short_name, ', ' ORDER BY ra.role) FROM role_assignments ra
                 JOIN units ru ON ru.id = ra.unit_id WHERE ra.user_id = u.id) AS roles
       FROM users u JOIN units un ON un.id = u.unit_id
       WHERE un.path LIKE ANY ($1::text[]) ORDER BY un.path, u.username`,
      [paths.map((p) => `${p}%`)],
    )
  ).rows;
}

/** Active users holding one of the roles over the unit at `unitPath` (granted on it or on a unit above it). */
export async function usersHolding(db: Queryable, unitPath: string, roles: string[]): Promise<{ id: number; name: string }[]> {
  const r = await db.query<{ id: number; name: string }>(
    `SELECT DISTINCT u.id, u.display_name AS name FROM users u JOIN role_assignments r ON r.user_id = u.id JOIN units g ON g.id = r.unit_id
      WHERE u.active AND r.role = ANY($2::text[]) AND $1 LIKE g.path || '%' ORDER BY u.id`,
    [unitPath, roles],
  );
  return r.rows;
}
