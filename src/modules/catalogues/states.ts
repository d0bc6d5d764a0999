/**
 * The review of a unit's catalogue (regulations.md §6; 54号): compiled by the unit, submitted to its superior
 * department and the 政务公开 office, returned with remarks or approved, then published; earlier published versions
 * are kept as superseded.
 *
 *   compiling ──submit──▶ submitted ──approve──▶ approved ──publish──▶ published ──(a newer one is published)──▶ superseded
 *   returned  ──submit──▶ submitted ──return (remarks)──▶ returned
 */
import { ConflictError } from '../../lib/errors.ts';

export const CATALOGUE_STATES = ['compiling', 'submitted', 'returned', 'approved', 'published', 'superseded'] as const;
export type CatalogueState = (typeof CATALOGUE_STATES)[number];

export const CATALOGUE_STATE_LABELS: Record<CatalogueState, string> = {
  compiling: '编制中',
  submitted: '已报送审核',
  returned: '已退回修改',
  approved: '审核通过',
  published: '已公布',
  superseded: '历史版本',
};

export type CatalogueStep = 'submit' | 'return' | 'approve' | 'publish';

export const CATALOGUE_STEPS: Record<CatalogueStep, { from: CatalogueState[]; to: CatalogueState; label: string; remarks?: boolean }> = {
  submit: { from: ['compiling', 'returned'], to: 'submitted', label: '报送上级部门和政务公开办审核' },
  return: { from: ['submitted'], to: 'returned', label: '退回修改', remarks: true },
  approve: { from: ['submitted'], to: 'approved', label: '审核通过' },
  publish: { from: ['approved'], to: 'published', label: '公布' },
};

export function nextCatalogueState(state: CatalogueState, step: CatalogueStep): CatalogueState {
  const s = CATALOGUE_STEPS[step];
  if (!s.from.includes(state)) throw new ConflictError('CATALOGUE_INVALID_TRANSITION', `目录当前为“${CATALOGUE_STATE_LABELS[state]}”，不能“${s.label}”。`);
  return s.to;
}
