import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { userInput } from '../schema.ts';
import { getUnit } from '../queries.ts';
import { hashPassword } from '../passwords.ts';
import { passwordProblem } from '../passwordPolicy.ts';

/** Creates a staff user with roles, each scoped to a unit subtree the creator manages. */
export async function createUser(db: DbOrTx, actor: Actor, raw: unknown): Promise<number> {
  const input = parseOrThrow(userInput, raw);
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw new ValidationError({ password: problem });
  const passwordHash = await hashPassword(input.password);
  return inTx(db, async (tx) => {
    const home = await getUnit(tx, input.unitId);
    if (!home) throw new ValidationError({ unitId: '所属单位不存在' });
    authorize(actor, 'user.manage', { unitPath: home.path });
    for (const g of input.grants) {
      const scope = await getUnit(tx, g.unitId);
      if (!scope) throw new ValidationError({ grants: '授权范围的单位不存在' });
      authorize(actor, 'user.manage', { unitPath: scope.path });
      // Only a system administrator may create another system administrator.
      if (g.role === 'system_admin' && actor.kind === 'user' && !actor.grants.some((x) => x.role === 'system_admin')) {
        throw new ValidationError({ grants: '只有系统管理员可以授予系统管理员角色' });
      }
    }
    const dup = await tx.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
    if (dup.rows.length) throw new ConflictError('USERNAME_TAKEN', '用户名已被使用。', { username: '该用户名已被使用' });
    // A password set by an administrator is known to two people: the user replaces it at the first sign-in.
    const r = await tx.query<{ id: number }>('INSERT INTO users (username, display_name, unit_id, password_hash, must_change_password) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      input.username,
      input.displayName,
      input.unitId,
      passwordHash,
      actor.kind === 'user',
    ]);
    const id = r.rows[0].id;
    for (const g of input.grants) {
      await tx.query('INSERT INTO role_assignments (user_id, role, unit_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [id, g.role, g.unitId]);
    }
    await audit(tx, actor, { action: 'user.create', subjectType: 'user', subjectId: id, unitId: input.unitId, details: { username: input.username, grants: input.grants } });
    return id;
  });
}
