/**
 * The person's work, counted from each module's own queue function: each queue has a count, a link to the list it
 * counts (filtered the same way), and whether it needs attention now (overdue, due within the reminder window).
 */
import type { Db } from '../../lib/db.ts';
import { grantedPaths, type Actor } from '../../lib/authz.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { itemQueueCounts } from '../publishing/index.ts';
import { caseQueueCounts, DUE_SOON_WORKING_DAYS } from '../requests/index.ts';
import { catalogueQueueCounts } from '../catalogues/index.ts';
import { reportQueueCounts } from '../reports/index.ts';
import { unreadCount } from '../notifications/index.ts';
import { consultationQueueCounts } from '../participation/index.ts';
import { opendataQueueCounts } from '../opendata/index.ts';

export interface Queue {
  key: string;
  label: string;
  count: number;
  href: string;
  urgent?: boolean;
}

export async function queuesFor(db: Db, actor: Actor, today: string, calendar: WorkingDayCalendar): Promise<Queue[]> {
  if (actor.kind !== 'user') return [];
  const items = await itemQueueCounts(db, actor);
  const paths = grantedPaths(actor, ['request_officer', 'office_admin']);
  const cases = await caseQueueCounts(db, { paths, userId: actor.id, today, calendar });
  const catalogues = await catalogueQueueCounts(db, actor);
  const reports = await reportQueueCounts(db, actor);
  const consultations = await consultationQueueCounts(db, grantedPaths(actor, ['office_admin', 'publisher']), today);
  const data = await opendataQueueCounts(db, grantedPaths(actor, ['office_admin', 'publisher']), today);
  const roles = new Set(actor.grants.map((g) => g.role));
  const all: (Queue & { show: boolean })[] = [
    { key: 'inbox', label: '未读通知', count: await unreadCount(db, actor.id), href: '/staff/inbox', show: true },
    { key: 'secrecy', label: '待保密审查的信息', count: items.secrecy_review, href: '/staff/items?state=secrecy_review', show: roles.has('secrecy_reviewer') },
    { key: 'review', label: '待审核的信息', count: items.review, href: '/staff/items?state=review', show: roles.has('reviewer') },
    { key: 'returned', label: '被退回修改的信息', count: items.returned, href: '/staff/items?state=returned', show: roles.has('publisher') },
    { key: 'overdue', label: '已超过答复期限的申请', count: cases.overdue, href: '/staff/requests?view=overdue', urgent: cases.overdue > 0, show: paths.length > 0 },
    {
      key: 'due_soon',
      label: `${DUE_SOON_WORKING_DAYS}个工作日内到期的申请`,
      count: cases.due_soon,
      href: '/staff/requests?view=due_soon',
      urgent: cases.due_soon > 0,
      show: paths.length > 0,
    },
    { key: 'to_confirm', label: '待确认收到的网上申请', count: cases.to_confirm, href: '/staff/requests?view=to_confirm', show: paths.length > 0 },
    { key: 'corrected', label: '申请人已提交补正', count: cases.corrected, href: '/staff/requests?view=corrected', show: paths.length > 0 },
    { key: 'to_approve', label: '待审批的答复告知书', count: cases.to_approve, href: '/staff/requests?view=to_approve', show: roles.has('office_admin') },
    { key: 'mine', label: '我承办的申请', count: cases.mine, href: '/staff/requests?view=mine', show: roles.has('request_officer') },
    { key: 'catalogue_review', label: '待审核的标准目录', count: catalogues.to_review, href: '/staff/catalogues', show: roles.has('office_admin') },
    { key: 'catalogue_returned', label: '被退回的标准目录', count: catalogues.returned, href: '/staff/catalogues', show: roles.has('office_admin') || roles.has('publisher') },
    {
      key: 'consultation_moderate',
      label: '待审核的征集意见',
      count: consultations.to_moderate,
      href: '/staff/consultations',
      show: roles.has('office_admin') || roles.has('publisher'),
    },
    {
      key: 'consultation_feedback',
      label: '已截止、待公布采纳情况的意见征集',
      count: consultations.to_feedback,
      href: '/staff/consultations',
      urgent: consultations.feedback_overdue > 0,
      show: roles.has('office_admin') || roles.has('publisher'),
    },
    {
      key: 'meeting_applications',
      label: '待处理的会议列席报名',
      count: consultations.meeting_applications,
      href: '/staff/meetings',
      show: roles.has('office_admin') || roles.has('publisher'),
    },
    {
      key: 'data_applications',
      label: '待决定的有条件开放数据申请',
      count: data.applications,
      href: '/staff/data/applications',
      urgent: data.applications_late > 0,
      show: roles.has('office_admin') || roles.has('publisher'),
    },
    {
      key: 'data_demands',
      label: '待答复的数据需求和意见',
      count: data.demands,
      href: '/staff/data/demands',
      urgent: data.demands_late > 0,
      show: roles.has('office_admin') || roles.has('publisher'),
    },
    { key: 'report_file', label: '待审核备案的年度报告', count: reports.to_file, href: '/staff/reports', show: roles.has('office_admin') },
    { key: 'report_finish', label: '编写中或被退回的年度报告', count: reports.to_finish, href: '/staff/reports', show: roles.has('office_admin') || roles.has('publisher') },
  ];
  return all.filter((q) => q.show).map(({ show: _s, ...q }) => q);
}
