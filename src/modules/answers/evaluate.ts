/**
 * How well the question box finds the right answer (issue 14): over a judged set of questions phrased differently
 * from the stored ones, the share whose top answer is the right one (accuracy@1) and the mean reciprocal rank of the
 * right one in the first five (MRR@5). Entries are read as the knowledge base stores them: question and variants.
 */
import fs from 'node:fs';
import { answerIndex, rankAnswers } from './finder.ts';

export interface EvalResult {
  entries: number;
  questions: number;
  accuracyAt1: number;
  mrrAt5: number;
  /** The judged questions whose right answer was not first, with where it came. */
  misses: { question: string; rank: number | null }[];
}

export function evaluateAnswers(entries: { key: string; question: string; variants?: string[] }[], judged: { question: string; key: string }[]): EvalResult {
  const ids = new Map(entries.map((e, i) => [e.key, i + 1]));
  const engine = answerIndex(entries.map((e, i) => ({ id: i + 1, question: e.question, variants: e.variants ?? [] })));
  let top = 0;
  let rr = 0;
  const misses: EvalResult['misses'] = [];
  for (const j of judged) {
    const want = ids.get(j.key);
    if (!want) throw new Error(`judged answer ${j.key} is not among the entries`);
    const ranked = rankAnswers(engine, j.question, 5);
    const at = ranked.indexOf(want);
    if (at === 0) top++;
    else misses.push({ question: j.question, rank: at < 0 ? null : at + 1 });
    if (at >= 0) rr += 1 / (at + 1);
  }
  const n = judged.length || 1;
  return { entries: entries.length, questions: judged.length, accuracyAt1: +(top / n).toFixed(3), mrrAt5: +(rr / n).toFixed(3), misses };
}

/** The fixture form: entries as JSON lines ({id, question}), judged questions as TSV (question, answer id). */
export function evaluateAnswerFiles(entriesFile: string, judgedFile: string): EvalResult {
  const entries = fs
    .readFileSync(entriesFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; question: string; variants?: string[] })
    .map((e) => ({ key: e.id, question: e.question, variants: e.variants }));
  const [, ...rows] = fs.readFileSync(judgedFile, 'utf8').trim().split('\n');
  const judged = rows.map((l) => {
    const [question, key] = l.split('\t');
    return { question: question.trim(), key: key.trim() };
  });
  return evaluateAnswers(entries, judged);
}
