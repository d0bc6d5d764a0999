/**
 * The rules of a major administrative decision (重大行政决策, 国务院令第713号) as pure functions: its statutory steps,
 * its stages, its catalogue code, and what a supervisor would flag. The stage moves forward only:
 *
 *   立项 → 起草 → 征求意见 → 合法性审查 → 集体讨论 → 公布 → 评估
 *
 * Missing steps do not block the stage (the decision may have been taken outside the platform, and the record must
 * say what happened); they are shown on the entry and counted by supervision.
 */
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { isValidDate, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { consultationDays, MIN_CONSULTATION_DAYS } from './status.ts';

/** 713号 Art. 4 (公众参与、专家论证、风险评估、合法性审查、集体讨论决定), Art. 16 (听证), and 公平竞争审查 (国发〔2016〕34号). */
export const DECISION_STEPS = {
  public_participation: '公众参与',
  expert_review: '专家论证',
  risk_assessment: '风险评估',
  hearing: '听证',
  fair_competition: '公平竞争审查',
  legality_review: '合法性审查',
  collective_decision: '集体讨论决定',
} as const;
export type DecisionStep = keyof typeof DECISION_STEPS;

/**
 * Always required: a draft not reviewed for legality may not go to the decision body (Art. 25), and the decision is
 * taken at a meeting of the body (Art. 30). Public participation is the rule (Art. 14) unless the entry says why not,
 * so it is ticked by default but may be unticked.
 */
export const ALWAYS_REQUIRED: readonly DecisionStep[] = ['legality_review', 'collective_decision'];
export const REQUIRED_BY_DEFAULT: readonly DecisionStep[] = ['public_participation', ...ALWAYS_REQUIRED];

export const DECISION_STAGES = {
  initiated: '立项',
  drafting: '起草',
  consulting: '征求意见',
  legality_review: '合法性审查',
  collective_decision: '集体讨论',
  published: '公布',
  evaluation: '评估',
} as const;
export type DecisionStage = keyof typeof DECISION_STAGES;
const STAGE_ORDER = Object.keys(DECISION_STAGES) as DecisionStage[];

/** 713号 Art. 26: "合法性审查的时间一般不少于7个工作日" [verified]. */
export const MIN_LEGALITY_REVIEW_WORKING_DAYS = 7;

export type StepRecord = Partial<Record<DecisionStep, { required: boolean; doneOn: string | null }>>;

export function decisionCode(year: number, seq: number): string {
  return `JC-${year}-${String(seq).padStart(3, '0')}`;
}

export function isStage(s: string): s is DecisionStage {
  return s in DECISION_STAGES;
}

/** Forward only: a later stage (skipping is allowed, the steps say what was done); never back. */
export function assertStageMove(from: DecisionStage, to: string): DecisionStage {
  if (!isStage(to)) throw new ValidationError({ stage: '请选择阶段' });
  if (STAGE_ORDER.indexOf(to) <= STAGE_ORDER.indexOf(from))
    throw new ConflictError('DECISION_INVALID_TRANSITION', `事项已处于“${DECISION_STAGES[from]}”阶段，只能推进到后面的阶段。`);
  return to;
}

export function stageAtLeast(stage: DecisionStage, than: DecisionStage): boolean {
  return STAGE_ORDER.indexOf(stage) >= STAGE_ORDER.indexOf(than);
}

/** The step checklist from a form: ticked as required, with the date each was done; the always-required stay on. */
export function stepsFromForm(required: string[], doneOn: Record<string, string>): StepRecord {
  const errors: Record<string, string> = {};
  const steps: StepRecord = {};
  for (const k of Object.keys(DECISION_STEPS) as DecisionStep[]) {
    const d = (doneOn[k] ?? '').trim();
    if (d && !isValidDate(d)) errors[`done_${k}`] = `${DECISION_STEPS[k]}的完成日期不是有效日期`;
    steps[k] = { required: ALWAYS_REQUIRED.includes(k) || required.includes(k), doneOn: d || null };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return steps;
}

export interface DecisionFacts {
  code: string;
  title: string;
  stage: DecisionStage;
  planned_on: string;
  steps: StepRecord;
  legality_from: string | null;
  legality_to: string | null;
  decided_on: string | null;
  /** The linked consultation's period and stated reason, when there is one. */
  consultation?: { opens_on: string; closes_on: string; shortened_reason: string } | null;
}

/** What a supervisor flags on an entry, in words for the entry page and the supervision screen. */
export function decisionProblems(e: DecisionFacts, today: string, calendar: WorkingDayCalendar): string[] {
  const out: string[] = [];
  const decided = stageAtLeast(e.stage, 'published');
  if (!decided && e.planned_on < today) out.push(`已过计划决策时间（${e.planned_on}）仍未公布`);
  if (decided) {
    const missing = (Object.keys(DECISION_STEPS) as DecisionStep[]).filter((k) => e.steps[k]?.required && !e.steps[k]?.doneOn);
    if (missing.length) out.push(`已公布，但未完成法定程序：${missing.map((k) => DECISION_STEPS[k]).join('、')}`);
  }
  if (e.legality_from && e.legality_to) {
    const { days } = calendar.workingDaysBetween(e.legality_from, e.legality_to);
    if (days < MIN_LEGALITY_REVIEW_WORKING_DAYS) out.push(`合法性审查时间为${days}个工作日，少于${MIN_LEGALITY_REVIEW_WORKING_DAYS}个工作日`);
  }
  const c = e.consultation;
  if (c && consultationDays(c.opens_on, c.closes_on) < MIN_CONSULTATION_DAYS && !c.shortened_reason.trim()) out.push(`征求意见少于${MIN_CONSULTATION_DAYS}日且未说明理由`);
  return out;
}
