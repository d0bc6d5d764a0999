/** Reads of surveys, their questions and responses. */
import type { Queryable } from '../../lib/db.ts';
import type { Answers, Question } from './surveys.ts';

export interface SurveyRow {
  id: number;
  unit_id: number;
  unit_name: string;
  unit_path: string;
  title: string;
  intro: string;
  opens_on: string;
  closes_on: string;
  anonymous: boolean;
  one_per_person: boolean;
  method_note: string;
  state: 'draft' | 'published' | 'withdrawn';
  withdrawn_reason: string;
  results_published_at: Date | null;
  results_note: string;
  responses: number;
}

const SELECT = `SELECT s.id::int, s.unit_id, u.name AS unit_name, u.path AS unit_path, s.title, s.intro, s.opens_on::text, s.closes_on::text, s.anonymous,
       s.one_per_person, s.method_note, s.state, s.withdrawn_reason, s.results_published_at, s.results_note,
       (SELECT count(*)::int FROM survey_responses r WHERE r.survey_id = s.id) AS responses
  FROM surveys s JOIN units u ON u.id = s.unit_id`;

export async function getSurvey(q: Queryable, id: number, lock = false): Promise<SurveyRow | undefined> {
  if (lock) await q.query('SELECT 1 FROM surveys WHERE id = $1 FOR UPDATE', [id]);
  return (await q.query<SurveyRow>(`${SELECT} WHERE s.id = $1`, [id])).rows[0];
}

export async function listSurveys(q: Queryable, paths: string[]): Promise<SurveyRow[]> {
  if (!paths.length) return [];
  return (await q.query<SurveyRow>(`${SELECT} WHERE u.path LIKE ANY($1) ORDER BY s.opens_on DESC, s.id DESC LIMIT 500`, [paths.map((p) => `${p}%`)])).rows;
}

export async function publicSurveys(q: Queryable): Promise<SurveyRow[]> {
  return (await q.query<SurveyRow>(`${SELECT} WHERE s.state <> 'draft' ORDER BY s.closes_on DESC, s.id DESC LIMIT 500`)).rows;
}

export async function surveyQuestions(q: Queryable, surveyId: number): Promise<Question[]> {
  return (await q.query<Question>('SELECT id::int, position, kind, label, required, config FROM survey_questions WHERE survey_id = $1 ORDER BY position', [surveyId])).rows;
}

export async function surveyAnswers(q: Queryable, surveyId: number): Promise<Answers[]> {
  return (await q.query<{ answers: Answers }>('SELECT answers FROM survey_responses WHERE survey_id = $1 ORDER BY id', [surveyId])).rows.map((r) => r.answers);
}

export interface ResponseRow {
  id: number;
  submitted_at: Date;
  name: string;
  contact: string;
  answers: Answers;
  files: { question_id: number; id: number; filename: string }[];
}

export async function surveyResponses(q: Queryable, surveyId: number): Promise<ResponseRow[]> {
  return (
    await q.query<ResponseRow>(
      `SELECT r.id::int, r.submitted_at, r.name, r.contact, r.answers,
              COALESCE((SELECT json_agg(json_build_object('question_id', f.question_id, 'id', f.id, 'filename', f.filename) ORDER BY f.id)
                          FROM survey_response_files f WHERE f.response_id = r.id), '[]') AS files
         FROM survey_responses r WHERE r.survey_id = $1 ORDER BY r.id`,
      [surveyId],
    )
  ).rows;
}

export async function responseFile(q: Queryable, surveyId: number, fileId: number) {
  return (
    await q.query<{ filename: string; mime: string; content: Buffer }>(
      `SELECT f.filename, f.mime, b.content FROM survey_response_files f JOIN survey_responses r ON r.id = f.response_id JOIN blobs b ON b.sha256 = f.sha256
        WHERE r.survey_id = $1 AND f.id = $2`,
      [surveyId, fileId],
    )
  ).rows[0];
}
