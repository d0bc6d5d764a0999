/** Factories with overrides (conventions C9): each test owns its data and never depends on the demo seed. */
import type { Db } from '../lib/db.ts';
import type { Actor, Role } from '../lib/authz.ts';
import { createUnit } from '../modules/orgs/commands/createUnit.ts';
import { createUser } from '../modules/orgs/commands/createUser.ts';
import { createApiToken } from '../modules/orgs/commands/createApiToken.ts';

const system = { kind: 'system' as const, label: 'test' };
let seq = 0;

export async function makeUnit(
  db: Db,
  over: Partial<{
    parentId: number | null;
    code: string;
    name: string;
    shortName: string;
    slug: string;
    level: 'city' | 'county' | 'township';
    kind: 'government' | 'department';
  }> = {},
) {
  seq++;
  const n = `${process.pid % 1000}${seq}`.padStart(8, '0').slice(-8);
  const id = await createUnit(db, system, {
    parentId: over.parentId ?? null,
    code: over.code ?? `T${n}`,
    name: over.name ?? `测试单位${seq}`,
    shortName: over.shortName ?? `测试${seq}`,
    slug: over.slug ?? `unit-${seq}-${process.pid}`,
    level: over.level ?? 'city',
    kind: over.kind ?? 'department',
  });
  const r = await db.query<{ id: number; path: string; code: string; slug: string; name: string }>('SELECT id, path, code, slug, name FROM units WHERE id = $1', [id]);
  return r.rows[0];
}

export const TEST_PASSWORD = 'Correct-Horse-Battery-7';

export async function makeUser(db: Db, unitId: number, roles: Role[], over: Partial<{ username: string; scopeUnitId: number }> = {}) {
  seq++;
  const username = over.username ?? `user${seq}_${process.pid}`;
  const id = await createUser(db, system, {
    username,
    displayName: `用户${seq}`,
    unitId,
    password: TEST_PASSWORD,
    grants: roles.map((role) => ({ role, unitId: over.scopeUnitId ?? unitId })),
  });
  return { id, username };
}

/** The signed-in actor a user would be, read from the database, for calling commands directly in tests. */
export async function actorFor(db: Db, username: string): Promise<Actor> {
  const u = (await db.query<{ id: number; display_name: string }>('SELECT id, display_name FROM users WHERE username = $1', [username])).rows[0];
  const grants = (
    await db.query<{ role: Role; unit_id: number; path: string }>(
      'SELECT r.role, r.unit_id, g.path FROM role_assignments r JOIN units g ON g.id = r.unit_id WHERE r.user_id = $1',
      [u.id],
    )
  ).rows;
  return {
    kind: 'user',
    id: u.id,
    username,
    displayName: u.display_name,
    unitId: grants[0].unit_id,
    grants: grants.map((g) => ({ role: g.role, unitId: g.unit_id, unitPath: g.path })),
    sessionId: 'test',
  };
}

/** A unit's API token with these scopes, made by the system; the secret to send. */
export async function makeApiToken(db: Db, unitId: number, scopes: string[], name = '12345热线'): Promise<string> {
  return (await createApiToken(db, { kind: 'system', label: 'test' }, { unitId, name, scopes })).token;
}
