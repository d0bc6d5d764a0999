import { z } from 'zod';
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { getUnit } from '../queries.ts';
import { hashToken, newToken } from '../sessions.ts';

export const API_SCOPES = {
  'items:write': '推送草稿（须经本单位审核后发布）',
  'items:publish': '推送并直接发布（来源系统已完成审核）',
  'requests:write': '登记依申请公开申请并记录办理各环节（统一接口）',
  'messages:write': '接收12345工单和留言、回传答复（含 Open311 接口的 api_key）',
  'answers:write': '推送常见问题（作为草稿，经本单位审核后发布）',
} as const;

const input = z.object({
  unitId: z.number().int().positive(),
  name: z.string().trim().min(1, '请填写令牌名称').max(100, '名称不超过100字'),
  scopes: z.array(z.enum(Object.keys(API_SCOPES) as [keyof typeof API_SCOPES])).min(1, '请至少选择一项权限'),
});

/** Creates an API token for one unit; the secret is shown once and only its hash is kept. */
export async function createApiToken(db: DbOrTx, actor: Actor, raw: unknown): Promise<{ id: number; token: string }> {
  const data = parseOrThrow(input, raw);
  return inTx(db, async (tx) => {
    const unit = await getUnit(tx, data.unitId);
    if (!unit) throw new ValidationError({ unitId: '单位不存在' });
    authorize(actor, 'token.manage', { unitPath: unit.path });
    const token = `gk_${newToken()}`;
    // items:publish implies items:write: a system that may publish may also push drafts.
    const scopes = [...new Set(data.scopes.includes('items:publish') ? [...data.scopes, 'items:write'] : data.scopes)];
    const r = await tx.query<{ id: number }>('INSERT INTO api_tokens (unit_id, name, token_hash, scopes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
      unit.id,
      data.name,
      hashToken(token),
      scopes,
      actor.kind === 'user' ? actor.id : null,
    ]);
    await audit(tx, actor, { action: 'token.create', subjectType: 'api_token', subjectId: r.rows[0].id, unitId: unit.id, details: { name: data.name, scopes } });
    return { id: r.rows[0].id, token };
  });
}
