/**
 * Database-backed sessions (several app nodes share them) and API tokens. Cookies and bearer tokens carry a random
 * secret; the database keeps only its SHA-256, so a leaked table does not leak sessions.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../lib/db.ts';
import { anonymous, type Actor, type Role } from '../../lib/authz.ts';
import type { AppDeps } from '../../app.ts';

export const SESSION_COOKIE = 'gk_sid';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => randomBytes(32).toString('base64url');

export async function createSession(q: Queryable, userId: number, hours: number, now: Date, ip: string, userAgent: string): Promise<string> {
  const token = newToken();
  await q.query(`INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES ($1, $2, $3, $3, $4, $5, $6)`, [
    hashToken(token),
    userId,
    now,
    new Date(now.getTime() + hours * 3600_000),
    ip,
    userAgent.slice(0, 300),
  ]);
  return token;
}

/** Loads the grants of a user: each role with the unit (and its path) it is scoped to. */
export async function loadGrants(q: Queryable, userId: number) {
  const r = await q.query<{ role: Role; unit_id: number; path: string }>(
    `SELECT ra.role, ra.unit_id, u.path FROM role_assignments ra JOIN units u ON u.id = ra.unit_id WHERE ra.user_id = $1 ORDER BY ra.role`,
    [userId],
  );
  return r.rows.map((g) => ({ role: g.role, unitId: g.unit_id, unitPath: g.path }));
}

/**
 * The actor of a unit's API token: sent as a bearer token to /api/, or as Open311's api_key parameter. An unknown or
 * revoked token is nobody.
 */
export async function actorForApiKey(deps: Pick<AppDeps, 'db' | 'clock'>, key: string): Promise<Actor> {
  if (!key) return anonymous;
  const r = await deps.db.query<{ id: number; name: string; unit_id: number; scopes: string[]; path: string }>(
    `SELECT t.id, t.name, t.unit_id, t.scopes, u.path FROM api_tokens t JOIN units u ON u.id = t.unit_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(key.trim())],
  );
  const t = r.rows[0];
  if (!t) return anonymous;
  await deps.db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [t.id, deps.clock.now()]);
  return { kind: 'api', tokenId: t.id, name: t.name, unitId: t.unit_id, unitPath: t.path, scopes: t.scopes };
}

export async function loadActorFromRequest(deps: AppDeps, request: FastifyRequest): Promise<Actor> {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ') && request.url.startsWith('/api/')) return actorForApiKey(deps, auth.slice(7));
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return anonymous;
  // The JSON API writes with bearer tokens only: a browser sends the session cookie along with any cross-site
  // request, and API routes carry no CSRF token, so a cookie never authorises an API write.
  if (request.url.startsWith('/api/') && request.method !== 'GET' && request.method !== 'HEAD') return anonymous;
  const now = deps.clock.now();
  const id = hashToken(token);
  // Sliding expiry after GONGKAI_SESSION_HOURS idle, and an absolute end GONGKAI_SESSION_MAX_HOURS after sign-in.
  const r = await deps.db.query<{ user_id: number; username: string; display_name: string; unit_id: number; must_change_password: boolean; totp: boolean }>(
    `SELECT s.user_id, u.username, u.display_name, u.unit_id, u.must_change_password, u.totp_secret IS NOT NULL AS totp FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.created_at > $3 AND u.active`,
    [id, now, new Date(now.getTime() - deps.config.sessionMaxHours * 3600_000)],
  );
  const s = r.rows[0];
  if (!s) return anonymous;
  // Sliding expiry: each use extends the session by the configured idle time.
  await deps.db.query('UPDATE sessions SET last_seen_at = $2, expires_at = $3 WHERE id = $1', [id, now, new Date(now.getTime() + deps.config.sessionHours * 3600_000)]);
  return {
    kind: 'user',
    id: s.user_id,
    username: s.username,
    displayName: s.display_name,
    unitId: s.unit_id,
    grants: await loadGrants(deps.db, s.user_id),
    sessionId: id,
    mustChangePassword: s.must_change_password,
    totp: s.totp,
  };
}
