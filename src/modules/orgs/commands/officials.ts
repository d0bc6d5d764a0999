/**
 * The people of a unit's 政务公开 work (HZ 五(一)): the official in charge (分管负责人), published in the guide; the head
 * of the 政务公开 office and the liaisons, for the office's own use. Each save records the date of the change.
 */
import { z } from 'zod';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { NotFoundError } from '../../../lib/errors.ts';
import { audit } from '../../../lib/audit.ts';
import { parseOrThrow } from '../../../lib/validation.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { getUnit } from '../queries.ts';

const text = (max: number) => z.string().trim().max(max, `不能超过${max}个字`);
const PHONE = /^[0-9+\-\s()（）转]{0,30}$/;

export const officialsInput = z.object({
  leaderName: text(30),
  leaderPost: text(60),
  headName: text(30),
  headPost: text(60),
  headPhone: text(30).regex(PHONE, '请填写有效的电话号码'),
  /** One liaison a line: 姓名 职务 电话 (separated by spaces or commas). */
  liaisons: text(2000),
});

export interface Officials {
  leader_name: string;
  leader_post: string;
  head_name: string;
  head_post: string;
  head_phone: string;
  liaisons: { name: string; post: string; phone: string }[];
  changed_on: string;
}

export function parseLiaisons(lines: string): { name: string; post: string; phone: string }[] {
  return lines
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 20)
    .map((l) => {
      const [name = '', post = '', phone = ''] = l.split(/[\s,，、]+/);
      return { name, post, phone };
    });
}

export async function unitOfficials(q: Queryable, unitId: number): Promise<Officials | undefined> {
  return (
    await q.query<Officials>('SELECT leader_name, leader_post, head_name, head_post, head_phone, liaisons, changed_on::text FROM unit_officials WHERE unit_id = $1', [unitId])
  ).rows[0];
}

export async function saveOfficials(db: DbOrTx, actor: Actor, unitId: number, raw: unknown, now: Date): Promise<void> {
  const input = parseOrThrow(officialsInput, raw);
  await inTx(db, async (tx) => {
    const unit = await getUnit(tx, unitId);
    if (!unit) throw new NotFoundError();
    authorize(actor, 'unit.manage', { unitPath: unit.path });
    const liaisons = parseLiaisons(input.liaisons);
    await tx.query(
      `INSERT INTO unit_officials (unit_id, leader_name, leader_post, head_name, head_post, head_phone, liaisons, changed_on, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (unit_id) DO UPDATE SET leader_name = EXCLUDED.leader_name, leader_post = EXCLUDED.leader_post, head_name = EXCLUDED.head_name,
         head_post = EXCLUDED.head_post, head_phone = EXCLUDED.head_phone, liaisons = EXCLUDED.liaisons, changed_on = EXCLUDED.changed_on, updated_at = EXCLUDED.updated_at`,
      [unitId, input.leaderName, input.leaderPost, input.headName, input.headPost, input.headPhone, JSON.stringify(liaisons), chinaDate(now), now],
    );
    // The guide shows the official in charge: it has changed (and cached public pages are renewed with it).
    await tx.query('UPDATE units SET guide_updated_at = $2, updated_at = $2 WHERE id = $1', [unitId, now]);
    // The names are public (the guide shows the official in charge); phone numbers are not copied into the log.
    await audit(tx, actor, {
      at: now,
      action: 'unit.officials_saved',
      subjectType: 'unit',
      subjectId: unitId,
      unitId,
      details: { leader: input.leaderName, head: input.headName, liaisons: liaisons.length },
    });
  });
}
