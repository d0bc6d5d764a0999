/**
 * Surveys as pure functions: question definitions, which questions show given earlier answers, reading a posted form
 * into answers with field errors, and the results. The form works without JavaScript: every question is on the page,
 * a conditional one says when to answer it, and answers to a question whose condition is not met are dropped.
 *
 * Field names: q<id> for one value (single, text, number, scale, file) or several (multiple); q<id>_r<i> for row i of a
 * matrix; q<id>_o<i> for the rank given to option i of a ranking.
 */
import { ValidationError } from '../../lib/errors.ts';
import { formList, formString } from '../../lib/validation.ts';

export const QUESTION_KINDS = {
  single: '单选',
  multiple: '多选',
  text: '文字回答',
  number: '数字',
  scale: '量表打分',
  matrix: '矩阵单选',
  ranking: '排序',
  file: '上传文件',
} as const;
export type QuestionKind = keyof typeof QUESTION_KINDS;

export interface QuestionConfig {
  /** Choices (single, multiple, ranking) or the columns of a matrix. */
  options?: string[];
  /** Rows of a matrix. */
  rows?: string[];
  /** Points of a scale, 1 … scaleMax, with the words at both ends. */
  scaleMax?: number;
  scaleLabels?: [string, string];
  min?: number;
  max?: number;
  /** Shown only when the earlier question's answer is (or includes) one of these values. */
  showIf?: { questionId: number; values: string[] } | null;
}

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  label: string;
  required: boolean;
  config: QuestionConfig;
}

export type Answer = string | string[] | number | Record<string, string> | { filename: string };
export type Answers = Record<string, Answer>;

export const MAX_TEXT_ANSWER = 2000;
const lines = (s: string) => [
  ...new Set(
    s
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** A question from the staff form, with field errors; `earlier` are the questions it may depend on. */
export function questionFromForm(
  input: {
    kind: string;
    label: string;
    required: boolean;
    options: string;
    rows: string;
    scaleMax: string;
    min: string;
    max: string;
    showIfQuestion: string;
    showIfValues: string;
  },
  earlier: Question[],
): Omit<Question, 'id' | 'position'> {
  const errors: Record<string, string> = {};
  const kind = input.kind as QuestionKind;
  if (!(kind in QUESTION_KINDS)) errors.kind = '请选择题型';
  const label = input.label.trim();
  if (!label) errors.label = '请填写题目';
  const config: QuestionConfig = {};
  if (kind === 'single' || kind === 'multiple' || kind === 'ranking' || kind === 'matrix') {
    const options = lines(input.options);
    if (options.length < 2) errors.options = kind === 'matrix' ? '矩阵题请至少填写两个选项（列），每行一个' : '请至少填写两个选项，每行一个';
    else if (options.length > 30) errors.options = '选项不超过30个';
    config.options = options;
  }
  if (kind === 'matrix') {
    const rows = lines(input.rows);
    if (!rows.length) errors.rows = '请填写矩阵的行（每行一个小题）';
    config.rows = rows.slice(0, 30);
  }
  if (kind === 'scale') {
    const n = Number(input.scaleMax || 5);
    if (!Number.isInteger(n) || n < 2 || n > 10) errors.scaleMax = '量表分值为2到10';
    config.scaleMax = n;
    const [low, high] = lines(input.options);
    config.scaleLabels = [low ?? '很不满意', high ?? '很满意'];
  }
  if (kind === 'number') {
    for (const k of ['min', 'max'] as const) {
      const raw = input[k].trim();
      if (raw && !Number.isFinite(Number(raw))) errors[k] = '请填写数字';
      else if (raw) config[k] = Number(raw);
    }
    if (config.min !== undefined && config.max !== undefined && config.min > config.max) errors.max = '最大值不能小于最小值';
  }
  if (input.showIfQuestion) {
    const dep = earlier.find((q) => String(q.id) === input.showIfQuestion);
    const values = lines(input.showIfValues);
    if (!dep || (dep.kind !== 'single' && dep.kind !== 'multiple')) errors.showIfQuestion = '条件只能是前面的单选题或多选题';
    else if (!values.length || values.some((v) => !dep.config.options?.includes(v))) errors.showIfValues = `请填写前面那道题的选项原文：${dep.config.options?.join('、')}`;
    else config.showIf = { questionId: dep.id, values };
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { kind, label, required: input.required, config };
}

/** Whether a question shows, given the answers to the questions before it. */
export function isShown(q: Question, answers: Answers): boolean {
  const cond = q.config.showIf;
  if (!cond) return true;
  const a = answers[cond.questionId];
  const given = Array.isArray(a) ? a : typeof a === 'string' ? [a] : [];
  return given.some((v) => cond.values.includes(v));
}

/**
 * Reads a posted form into answers. Questions are read in order so a condition sees the answers before it; a hidden
 * question's answer is dropped and it is never required. File answers carry the name here; the bytes are checked by
 * the command.
 */
export function readAnswers(questions: Question[], body: Record<string, unknown>, fileFields: Set<string>): Answers {
  const answers: Answers = {};
  const errors: Record<string, string> = {};
  for (const q of [...questions].sort((a, b) => a.position - b.position)) {
    if (!isShown(q, answers)) continue;
    const key = `q${q.id}`;
    const one = formString(body[key]).trim();
    const missing = () => {
      if (q.required) errors[key] = '请回答此题';
    };
    const options = q.config.options ?? [];
    switch (q.kind) {
      case 'single':
        if (!one) missing();
        else if (!options.includes(one)) errors[key] = '请从选项中选择';
        else answers[q.id] = one;
        break;
      case 'multiple': {
        const many = [...new Set(formList(body[key]))];
        if (!many.length) missing();
        else if (many.some((v) => !options.includes(v))) errors[key] = '请从选项中选择';
        else answers[q.id] = options.filter((o) => many.includes(o));
        break;
      }
      case 'text':
        if (!one) missing();
        else if (one.length > MAX_TEXT_ANSWER) errors[key] = `不超过${MAX_TEXT_ANSWER}个字`;
        else answers[q.id] = one;
        break;
      case 'number': {
        const n = Number(one);
        if (!one) missing();
        else if (!Number.isFinite(n)) errors[key] = '请填写数字';
        else if (q.config.min !== undefined && n < q.config.min) errors[key] = `不能小于${q.config.min}`;
        else if (q.config.max !== undefined && n > q.config.max) errors[key] = `不能大于${q.config.max}`;
        else answers[q.id] = n;
        break;
      }
      case 'scale': {
        const n = Number(one);
        if (!one) missing();
        else if (!Number.isInteger(n) || n < 1 || n > (q.config.scaleMax ?? 5)) errors[key] = '请选择一个分值';
        else answers[q.id] = n;
        break;
      }
      case 'matrix': {
        const rows = q.config.rows ?? [];
        const picked: Record<string, string> = {};
        rows.forEach((row, i) => {
          const v = formString(body[`${key}_r${i}`]).trim();
          if (v && options.includes(v)) picked[row] = v;
          else if (v) errors[`${key}_r${i}`] = '请从选项中选择';
        });
        const n = Object.keys(picked).length;
        if (q.required && n < rows.length) errors[key] = '请对每一行作答';
        else if (n) answers[q.id] = picked;
        break;
      }
      case 'ranking': {
        const ranks = options.map((_, i) => formString(body[`${key}_o${i}`]).trim());
        if (ranks.every((r) => !r)) {
          missing();
          break;
        }
        const nums = ranks.map(Number);
        const isPermutation = nums.every((r) => Number.isInteger(r) && r >= 1 && r <= options.length) && new Set(nums).size === options.length;
        if (!isPermutation) errors[key] = `请给每一项排一个不同的名次（1到${options.length}）`;
        else
          answers[q.id] = options
            .map((o, i) => ({ o, r: nums[i] }))
            .sort((a, b) => a.r - b.r)
            .map((x) => x.o);
        break;
      }
      case 'file':
        if (!fileFields.has(key)) missing();
        else answers[q.id] = { filename: '' };
        break;
    }
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return answers;
}

export type QuestionResult =
  | { kind: 'choices'; answered: number; counts: { label: string; n: number }[]; mean?: number }
  | { kind: 'matrix'; answered: number; columns: string[]; rows: { label: string; counts: number[] }[] }
  | { kind: 'ranking'; answered: number; order: { label: string; meanRank: number }[] }
  | { kind: 'number'; answered: number; mean: number; median: number; min: number; max: number }
  | { kind: 'count'; answered: number };

const round = (x: number) => Math.round(x * 100) / 100;

/** The results of one question over all responses. Text and file answers are counted only; staff read them. */
export function tallyQuestion(q: Question, responses: Answers[]): QuestionResult {
  const given = responses.map((r) => r[q.id]).filter((a) => a !== undefined);
  const options = q.config.options ?? [];
  switch (q.kind) {
    case 'single':
    case 'multiple':
      return {
        kind: 'choices',
        answered: given.length,
        counts: options.map((o) => ({ label: o, n: given.filter((a) => (Array.isArray(a) ? a.includes(o) : a === o)).length })),
      };
    case 'scale': {
      const max = q.config.scaleMax ?? 5;
      const nums = given.filter((a): a is number => typeof a === 'number');
      return {
        kind: 'choices',
        answered: nums.length,
        counts: Array.from({ length: max }, (_, i) => ({ label: String(i + 1), n: nums.filter((n) => n === i + 1).length })),
        mean: nums.length ? round(nums.reduce((s, n) => s + n, 0) / nums.length) : undefined,
      };
    }
    case 'matrix':
      return {
        kind: 'matrix',
        answered: given.length,
        columns: options,
        rows: (q.config.rows ?? []).map((row) => ({
          label: row,
          counts: options.map((o) => given.filter((a) => typeof a === 'object' && !Array.isArray(a) && (a as Record<string, string>)[row] === o).length),
        })),
      };
    case 'ranking': {
      const orders = given.filter((a): a is string[] => Array.isArray(a));
      return {
        kind: 'ranking',
        answered: orders.length,
        order: options
          .map((o) => ({ label: o, meanRank: orders.length ? round(orders.reduce((s, ord) => s + ord.indexOf(o) + 1, 0) / orders.length) : 0 }))
          .sort((a, b) => a.meanRank - b.meanRank),
      };
    }
    case 'number': {
      const nums = given.filter((a): a is number => typeof a === 'number').sort((a, b) => a - b);
      if (!nums.length) return { kind: 'number', answered: 0, mean: 0, median: 0, min: 0, max: 0 };
      const mid = nums.length >> 1;
      return {
        kind: 'number',
        answered: nums.length,
        mean: round(nums.reduce((s, n) => s + n, 0) / nums.length),
        median: nums.length % 2 ? nums[mid] : round((nums[mid - 1] + nums[mid]) / 2),
        min: nums[0],
        max: nums[nums.length - 1],
      };
    }
    default:
      return { kind: 'count', answered: given.length };
  }
}
