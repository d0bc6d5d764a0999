/**
 * The workflow of a version (edition) of a government information item, as a state machine (conventions C4).
 * Mirrors the CHECK constraint on item_versions.state. See CONTEXT.md for the words.
 *
 *   draft ──submit──▶ secrecy_review ──secrecy_approve──▶ review ──approve──▶ published | scheduled | filed
 *     ▲                    │ secrecy_return                   │ return            scheduled ──publish_due──▶ published
 *     └──── returned ◀─────┴──────────────────────────────────┘                   scheduled ──unschedule──▶ review
 *   published ──supersede (a newer version is published)──▶ superseded
 *   published ──withdraw (with reason)──▶ withdrawn
 */
import type { Action } from '../../lib/authz.ts';

export const STATES = ['draft', 'secrecy_review', 'review', 'returned', 'scheduled', 'published', 'filed', 'superseded', 'withdrawn'] as const;
export type VersionState = (typeof STATES)[number];

export const STATE_LABELS: Record<VersionState, string> = {
  draft: '草稿',
  secrecy_review: '待保密审查',
  review: '待审核',
  returned: '已退回',
  scheduled: '定时发布',
  published: '已发布',
  filed: '已登记（不主动公开）',
  superseded: '历史版本',
  withdrawn: '已撤回',
};

export type TransitionName = 'submit' | 'secrecy_approve' | 'secrecy_return' | 'approve' | 'return' | 'publish_due' | 'unschedule' | 'supersede' | 'withdraw';

interface TransitionDef {
  from: VersionState[];
  /** approve has three outcomes, chosen by the guard context. */
  to: VersionState | ((c: GuardContext) => VersionState);
  /** Who may perform it; null means only the system itself (jobs, or as part of another transition). */
  permission: Action | null;
  label: string;
  needsRemarks?: boolean;
}

export interface GuardContext {
  disclosure: 'proactive' | 'on_request' | 'withheld';
  unresolvedPersonalData: number;
  /** Missing required metadata, as readable field names. */
  missingFields: string[];
  /** Publication requested for a later time. */
  scheduledAt?: Date | null;
  now: Date;
  remarks?: string;
}

export const TRANSITIONS: Record<TransitionName, TransitionDef> = {
  submit: { from: ['draft', 'returned'], to: 'secrecy_review', permission: 'item.draft', label: '送保密审查' },
  secrecy_approve: { from: ['secrecy_review'], to: 'review', permission: 'item.secrecy_review', label: '保密审查通过' },
  secrecy_return: { from: ['secrecy_review'], to: 'returned', permission: 'item.secrecy_review', label: '保密审查退回', needsRemarks: true },
  approve: {
    from: ['review'],
    to: (c) => (c.disclosure !== 'proactive' ? 'filed' : c.scheduledAt && c.scheduledAt > c.now ? 'scheduled' : 'published'),
    permission: 'item.review',
    label: '审核通过',
  },
  return: { from: ['review'], to: 'returned', permission: 'item.review', label: '审核退回', needsRemarks: true },
  publish_due: { from: ['scheduled'], to: 'published', permission: null, label: '定时发布' },
  unschedule: { from: ['scheduled'], to: 'review', permission: 'item.review', label: '取消定时发布' },
  supersede: { from: ['published'], to: 'superseded', permission: null, label: '被新版本替代' },
  withdraw: { from: ['published'], to: 'withdrawn', permission: 'item.withdraw', label: '撤回', needsRemarks: true },
};

/** Readable reasons why the transition cannot happen now; empty when it can. */
export function transitionProblems(name: TransitionName, from: VersionState, c: GuardContext): string[] {
  const t = TRANSITIONS[name];
  const problems: string[] = [];
  if (!t.from.includes(from)) {
    problems.push(`当前状态为“${STATE_LABELS[from]}”，不能执行“${t.label}”。`);
    return problems;
  }
  if (t.needsRemarks && !c.remarks?.trim()) problems.push(`“${t.label}”须填写意见或理由。`);
  if (name === 'submit' || name === 'approve') {
    if (c.missingFields.length) problems.push(`请先补全：${c.missingFields.join('、')}。`);
  }
  if (name === 'approve' || name === 'secrecy_approve') {
    if (c.unresolvedPersonalData > 0 && c.disclosure === 'proactive') {
      problems.push(`正文或附件中有 ${c.unresolvedPersonalData} 处个人信息尚未处理（遮盖或说明公开理由）。`);
    }
  }
  return problems;
}

export function targetState(name: TransitionName, c: GuardContext): VersionState {
  const t = TRANSITIONS[name].to;
  return typeof t === 'function' ? t(c) : t;
}

/** Transitions a person could choose from this state (for buttons). */
export function availableTransitions(from: VersionState): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((n) => TRANSITIONS[n].permission && TRANSITIONS[n].from.includes(from));
}
