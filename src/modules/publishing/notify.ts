/**
 * Who hears of a step: a draft sent for 保密审查 reaches the unit's secrecy reviewers, one passed reaches its
 * reviewers, and a returned draft reaches the person who wrote it, each in their inbox (and by e-mail if they chose).
 */
import type { DbOrTx } from '../../lib/db.ts';
import { actorUserId, type Actor } from '../../lib/authz.ts';
import { notifyStaff, notifyUsers } from '../notifications/index.ts';
import type { ItemRow, VersionRow } from './queries.ts';
import type { VersionState } from './states.ts';

export async function notifyStep(tx: DbOrTx, now: Date, actor: Actor, item: ItemRow, v: VersionRow, to: VersionState, remarks: string) {
  const link = `/staff/items/${item.id}`;
  const except = actorUserId(actor);
  if (to === 'secrecy_review')
    await notifyStaff(tx, now, { unitPath: item.unit_path, roles: ['secrecy_reviewer'], kind: 'item.secrecy_review', title: v.title, link, exceptUserId: except });
  else if (to === 'review') await notifyStaff(tx, now, { unitPath: item.unit_path, roles: ['reviewer'], kind: 'item.review', title: v.title, link, exceptUserId: except });
  else if (to === 'returned' && v.created_by && v.created_by !== except)
    await notifyUsers(tx, now, { userIds: [v.created_by], kind: 'item.returned', title: `${v.title}${remarks ? `（意见：${remarks.trim().slice(0, 100)}）` : ''}`, link });
}
