/**
 * The rules of a Q&A entry (ADR 0022) as pure functions: its answer classes, its states, the checks on what it says,
 * and when it needs review — a source revised, repealed, expired or withdrawn, or its review-by date passed.
 *
 *   draft ──submit──▶ review ──approve──▶ published (a new version; the sources as they are now)
 *                     review ──return──▶ draft          published ──edit──▶ draft (the published version stays public)
 *   published ──withdraw with a reason──▶ withdrawn
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';

export const ANSWER_CLASSES = {
  instant: '即时答复：当场答复',
  short: '短时答复：查询后一个工作日内答复',
  timed: '限时答复：转承办单位限时答复',
} as const;
export type AnswerClass = keyof typeof ANSWER_CLASSES;

export type EntryState = 'draft' | 'review' | 'published' | 'withdrawn';
export const STATE_LABELS: Record<EntryState, string> = { draft: '编辑中', review: '待审核', published: '已发布', withdrawn: '已撤回' };

const TRANSITIONS: Record<string, { from: EntryState[]; to: EntryState }> = {
  submit: { from: ['draft'], to: 'review' },
  approve: { from: ['review'], to: 'published' },
  return: { from: ['review'], to: 'draft' },
  withdraw: { from: ['published', 'draft', 'review'], to: 'withdrawn' },
};
export type Transition = keyof typeof TRANSITIONS;

export function nextState(state: EntryState, t: Transition): EntryState {
  const def = TRANSITIONS[t];
  if (!def.from.includes(state)) throw new ConflictError('ANSWER_INVALID_TRANSITION', `问答${STATE_LABELS[state]}，不能执行这一操作。`);
  return def.to;
}

export interface EntryInput {
  question: string;
  variants: string[];
  answer: string;
  answerClass: string;
  handoverUnitId: number | null;
  handoverDays: number | null;
  topic: string;
  reviewBy: string;
}

/** A question and an answer; variants one per line, deduplicated; 限时 names the unit and its working days. */
export function checkEntry(input: EntryInput, today: string) {
  const errors: Record<string, string> = {};
  const question = input.question.trim();
  if (!question) errors.question = '请填写问题';
  else if (question.length > 200) errors.question = '问题不超过200个字';
  const answer = input.answer.trim();
  if (!answer) errors.answer = '请填写答案';
  else if (answer.length > 10_000) errors.answer = '答案不超过10000个字';
  if (!(input.answerClass in ANSWER_CLASSES)) errors.answerClass = '请选择答复类别';
  if (input.answerClass === 'timed' && (!input.handoverUnitId || !input.handoverDays)) errors.handoverUnitId = '限时答复请写明承办单位和答复时限（工作日）';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.reviewBy) || input.reviewBy <= today) errors.reviewBy = '请填写以后的复核日期';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const variants = [...new Set(input.variants.map((v) => v.trim()).filter((v) => v && v !== question))].slice(0, 30).map((v) => v.slice(0, 200));
  return { question, answer, variants };
}

export interface SourceState {
  item_id: number;
  /** The version the answer rests on, and the item's current one, validity and status now. */
  item_version_id: number;
  current_version_id: number | null;
  validity: string;
  status: string;
}

/** Why a published answer needs review, or null: each source still current and unchanged. */
export function reviewReason(sources: SourceState[]): string | null {
  for (const s of sources) {
    if (s.status !== 'published') return '依据的信息已撤回';
    if (s.validity === 'repealed') return '依据的文件已废止';
    if (s.validity === 'expired') return '依据的文件已失效';
    if (s.validity === 'revised' || s.current_version_id !== s.item_version_id) return '依据的文件已修订';
  }
  return null;
}
