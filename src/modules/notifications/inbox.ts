/**
 * The staff inbox (站内通知): what enters a person's queue reaches everyone who may act on it, in the platform and,
 * for the kinds the person chose, by e-mail through the outbox.
 */
import type { DbOrTx } from '../../lib/db.ts';
import { usersHolding } from '../orgs/index.ts';
import { enqueueEmail } from './outbox.ts';

/** The kinds of staff notification, with the words shown in the settings and the inbox. */
export const STAFF_KINDS = {
  'item.secrecy_review': '信息待保密审查',
  'item.review': '信息待审核',
  'item.returned': '信息被退回修改',
  'request.received': '收到新的公开申请',
  'request.correction': '申请人已提交补正',
  'request.due': '申请即将到期或已逾期',
  'request.approval': '答复告知书待审批',
  'request.reply_returned': '答复告知书被退回',
  'message.received': '收到新的留言',
  'message.transfer': '其他单位转来留言，待接收',
  'message.dispute': '留言转办有争议，待协调',
  'message.due': '留言即将到期或已逾期',
  'message.review': '留言答复待审核',
  'message.info_added': '留言人已补充说明',
  'message.poor_rating': '留言答复被评为不满意，须整改',
  'catalogue.review': '标准目录待审核',
  'data.application': '收到有条件开放数据申请',
  'data.demand': '收到数据开放需求或意见',
  'report.review': '年度报告待审核',
} as const;
export type StaffKind = keyof typeof STAFF_KINDS;

/** Notifies everyone holding one of `roles` over the unit (but not the person who caused it). */
export async function notifyStaff(
  tx: DbOrTx,
  now: Date,
  n: { unitPath: string; roles: string[]; kind: StaffKind; title: string; link: string; exceptUserId?: number | null },
): Promise<number> {
  const users = (await usersHolding(tx, n.unitPath, n.roles)).filter((u) => u.id !== n.exceptUserId);
  return notifyUsers(tx, now, { ...n, userIds: users.map((u) => u.id) });
}

/** Notifies named users; `link` is a path on the site (made absolute when e-mailed). */
export async function notifyUsers(tx: DbOrTx, now: Date, n: { userIds: number[]; kind: StaffKind; title: string; link: string }): Promise<number> {
  const ids = [...new Set(n.userIds)];
  if (!ids.length) return 0;
  await tx.query(`INSERT INTO staff_notifications (user_id, kind, title, link, created_at) SELECT u, $2, $3, $4, $5 FROM unnest($1::int[]) AS u`, [
    ids,
    n.kind,
    n.title.slice(0, 300),
    n.link,
    now,
  ]);
  const byMail = await tx.query<{ user_id: number; email: string }>(
    `SELECT user_id, email FROM notification_settings WHERE user_id = ANY($1::int[]) AND email <> '' AND $2 = ANY(email_kinds)`,
    [ids, n.kind],
  );
  for (const s of byMail.rows) {
    await enqueueEmail(tx, now, {
      to: s.email,
      subject: `【${STAFF_KINDS[n.kind]}】${n.title}`.slice(0, 200),
      body: `${STAFF_KINDS[n.kind]}：${n.title}`,
      links: [{ label: '打开', url: n.link }],
      purpose: `staff.${n.kind}`,
      subjectType: 'user',
      subjectId: s.user_id,
    });
  }
  return ids.length;
}

export interface InboxEntry {
  id: number;
  kind: string;
  title: string;
  link: string;
  created_at: Date;
  read_at: Date | null;
}

export async function inboxOf(db: DbOrTx, userId: number, limit = 100): Promise<{ entries: InboxEntry[]; unread: number }> {
  const entries = (
    await db.query<InboxEntry>('SELECT id::int, kind, title, link, created_at, read_at FROM staff_notifications WHERE user_id = $1 ORDER BY id DESC LIMIT $2', [userId, limit])
  ).rows;
  return { entries, unread: await unreadCount(db, userId) };
}

export async function unreadCount(db: DbOrTx, userId: number): Promise<number> {
  return (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM staff_notifications WHERE user_id = $1 AND read_at IS NULL', [userId])).rows[0].n;
}

/** Marks one entry (or, without an id, all) as read; only the user's own. Returns the entry's link. */
export async function markRead(db: DbOrTx, userId: number, now: Date, id?: number): Promise<string | null> {
  if (id === undefined) {
    await db.query('UPDATE staff_notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL', [userId, now]);
    return null;
  }
  const r = await db.query<{ link: string }>('UPDATE staff_notifications SET read_at = COALESCE(read_at, $3) WHERE id = $1 AND user_id = $2 RETURNING link', [id, userId, now]);
  return r.rows[0]?.link ?? null;
}

/**
 * Loaded history (the demo city, an import of past records) must not look like new work or go out to people: its
 * inbox entries are marked read and its messages closed unsent, with the reason on each.
 */
export async function settleLoadedHistory(db: DbOrTx, now: Date, reason: string): Promise<void> {
  await db.query('UPDATE staff_notifications SET read_at = $1 WHERE read_at IS NULL', [now]);
  await db.query(`UPDATE outbox_messages SET state = 'failed', last_error = $1 WHERE state = 'pending'`, [reason]);
}
