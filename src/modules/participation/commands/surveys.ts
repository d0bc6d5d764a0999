/**
 * Surveys: drafting (questions fixed once open, like a consultation's draft), opening, withdrawing, answering and
 * publishing the results. One answer per person is kept by an HMAC of the phone number or e-mail the person gives:
 * the value itself is never stored, so an anonymous survey stays anonymous (ADR 0018).
 */
import { logEvent } from './common.ts';
import { createHmac } from 'node:crypto';
import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { actorUserId, anonymous, authorize, type Action, type Actor } from '../../../lib/authz.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../../lib/errors.ts';
import { isValidDate } from '../../../lib/calendar.ts';
import { getUnit } from '../../orgs/index.ts';
import { checkUpload, storeBlob } from '../../publishing/index.ts';
import { getSurvey, surveyQuestions, type SurveyRow } from '../surveyQueries.ts';
import { questionFromForm, readAnswers, type Answers } from '../surveys.ts';

async function openSurvey(tx: Queryable, actor: Actor, id: number, action: Action = 'survey.edit'): Promise<SurveyRow> {
  const s = await getSurvey(tx, id, true);
  if (!s) throw new NotFoundError('没有这项调查。');
  authorize(actor, action, { unitPath: s.unit_path });
  return s;
}

export interface SurveyInput {
  unitId: number;
  title: string;
  intro: string;
  opensOn: string;
  closesOn: string;
  anonymous: boolean;
  onePerPerson: boolean;
  methodNote: string;
}

function checked(input: SurveyInput) {
  const errors: Record<string, string> = {};
  const title = input.title.trim();
  if (!title) errors.title = '请填写调查标题';
  if (!isValidDate(input.opensOn)) errors.opensOn = '请填写开始日期';
  if (!isValidDate(input.closesOn)) errors.closesOn = '请填写截止日期';
  else if (isValidDate(input.opensOn) && input.closesOn < input.opensOn) errors.closesOn = '截止日期不能早于开始日期';
  if (!input.methodNote.trim()) errors.methodNote = '请说明调查方法（如：网上公开调查，自愿参与），结果公布时一并公开';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return [title, input.intro.trim(), input.opensOn, input.closesOn, input.anonymous, input.onePerPerson, input.methodNote.trim()];
}

export async function saveSurvey(db: DbOrTx, actor: Actor, now: Date, input: SurveyInput, id?: number): Promise<number> {
  const v = checked(input);
  return inTx(db, async (tx) => {
    if (id) {
      const s = await openSurvey(tx, actor, id);
      if (s.state !== 'draft') throw new ConflictError('SURVEY_INVALID_TRANSITION', '调查已经发布，不能再修改；如需修改，请撤回后重新发布。');
      await tx.query(
        'UPDATE surveys SET title = $2, intro = $3, opens_on = $4, closes_on = $5, anonymous = $6, one_per_person = $7, method_note = $8, updated_at = $9 WHERE id = $1',
        [id, ...v, now],
      );
      await logEvent(tx, 'survey', actor, now, s, 'edited');
      return id;
    }
    const unit = await getUnit(tx, input.unitId);
    if (!unit) throw new ValidationError({ unitId: '请选择单位' });
    authorize(actor, 'survey.edit', { unitPath: unit.path });
    const r = await tx.query<{ id: number }>(
      `INSERT INTO surveys (unit_id, title, intro, opens_on, closes_on, anonymous, one_per_person, method_note, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id::int`,
      [unit.id, ...v, actorUserId(actor), now],
    );
    await logEvent(tx, 'survey', actor, now, { id: r.rows[0].id, unit_id: unit.id }, 'created');
    return r.rows[0].id;
  });
}

export async function addQuestion(db: DbOrTx, actor: Actor, now: Date, surveyId: number, input: Parameters<typeof questionFromForm>[0]): Promise<number> {
  return inTx(db, async (tx) => {
    const s = await openSurvey(tx, actor, surveyId);
    if (s.state !== 'draft') throw new ConflictError('SURVEY_INVALID_TRANSITION', '调查已经发布，题目不能再修改。');
    const questions = await surveyQuestions(tx, surveyId);
    if (questions.length >= 100) throw new ValidationError({ label: '一项调查最多100道题' });
    const q = questionFromForm(input, questions);
    const position = (questions.at(-1)?.position ?? 0) + 1;
    const r = await tx.query<{ id: number }>(
      'INSERT INTO survey_questions (survey_id, position, kind, label, required, config) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int',
      [surveyId, position, q.kind, q.label, q.required, JSON.stringify(q.config)],
    );
    await logEvent(tx, 'survey', actor, now, s, 'question_added', { questionId: r.rows[0].id });
    return r.rows[0].id;
  });
}

/** Only while a draft: nobody has seen the question yet. A later question that depends on it goes too. */
export async function removeQuestion(db: DbOrTx, actor: Actor, now: Date, surveyId: number, questionId: number) {
  return inTx(db, async (tx) => {
    const s = await openSurvey(tx, actor, surveyId);
    if (s.state !== 'draft') throw new ConflictError('SURVEY_INVALID_TRANSITION', '调查已经发布，题目不能再修改。');
    const questions = await surveyQuestions(tx, surveyId);
    const gone = new Set([questionId]);
    for (const q of questions) if (q.config.showIf && gone.has(q.config.showIf.questionId)) gone.add(q.id);
    await tx.query('DELETE FROM survey_questions WHERE survey_id = $1 AND id = ANY($2::bigint[])', [surveyId, [...gone]]);
    await logEvent(tx, 'survey', actor, now, s, 'question_removed', { questionIds: [...gone] });
  });
}

export async function publishSurvey(db: DbOrTx, actor: Actor, now: Date, today: string, id: number) {
  return inTx(db, async (tx) => {
    const s = await openSurvey(tx, actor, id, 'survey.publish');
    if (s.state !== 'draft') throw new ConflictError('SURVEY_INVALID_TRANSITION', '这项调查已经发布。');
    if (!(await surveyQuestions(tx, id)).length) throw new ValidationError({ label: '请先添加题目' });
    if (s.closes_on < today) throw new ValidationError({ closesOn: '截止日期已过，请修改后再发布' });
    await tx.query(`UPDATE surveys SET state = 'published', updated_at = $2 WHERE id = $1`, [id, now]);
    await logEvent(tx, 'survey', actor, now, s, 'published');
  });
}

export async function withdrawSurvey(db: DbOrTx, actor: Actor, now: Date, id: number, reason: string) {
  return inTx(db, async (tx) => {
    const s = await openSurvey(tx, actor, id, 'survey.publish');
    if (s.state !== 'published') throw new ConflictError('SURVEY_INVALID_TRANSITION', '只有已发布的调查可以撤回。');
    if (!reason.trim()) throw new ValidationError({ withdrawReason: '请写明撤回的原因，原因将在页面上公开' });
    await tx.query(`UPDATE surveys SET state = 'withdrawn', withdrawn_reason = $2, updated_at = $3 WHERE id = $1`, [id, reason.trim().slice(0, 500), now]);
    await logEvent(tx, 'survey', actor, now, s, 'withdrawn', { reason: reason.trim() });
  });
}

/** Results are published after the close, with what they mean (N and the method are shown with them). */
export async function publishResults(db: DbOrTx, actor: Actor, now: Date, today: string, id: number, note: string) {
  return inTx(db, async (tx) => {
    const s = await openSurvey(tx, actor, id, 'survey.publish');
    if (s.state !== 'published' || today <= s.closes_on) throw new ConflictError('SURVEY_INVALID_TRANSITION', '调查截止后才能公布结果。');
    await tx.query('UPDATE surveys SET results_published_at = $2, results_note = $3, updated_at = $2 WHERE id = $1', [id, now, note.trim().slice(0, 5000)]);
    await logEvent(tx, 'survey', actor, now, s, 'results_published');
  });
}

/** One @, something before it, a dot in the domain, no spaces (a loop, not a backtracking pattern). */
function looksLikeEmail(c: string): boolean {
  const at = c.indexOf('@');
  const dot = c.lastIndexOf('.');
  return at > 0 && at === c.lastIndexOf('@') && dot > at + 1 && dot < c.length - 1 && !/\s/.test(c);
}

/** The person key of one-per-person surveys: digits of a phone number or a lower-cased e-mail, keyed with the secret. */
export function personKey(secret: string, surveyId: number, contact: string): string | null {
  const c = contact.trim().toLowerCase();
  const phone = c.replace(/[\s-]/g, '');
  const norm = /^(\+?86)?1\d{10}$/.test(phone) ? phone.slice(-11) : looksLikeEmail(c) ? c : null;
  return norm ? createHmac('sha256', secret).update(`${surveyId}:${norm}`).digest('hex') : null;
}

export interface ResponseInput {
  body: Record<string, unknown>;
  files: { field: string; filename: string; content: Buffer }[];
  name: string;
  contact: string;
}

export async function submitResponse(
  db: DbOrTx,
  deps: { now: Date; today: string; secret: string; maxUploadBytes: number },
  surveyId: number,
  input: ResponseInput,
): Promise<number> {
  const s0 = await getSurvey(db, surveyId);
  if (!s0 || s0.state === 'draft') throw new NotFoundError('没有这项调查。');
  const questions = await surveyQuestions(db, surveyId);
  const answers: Answers = readAnswers(questions, input.body, new Set(input.files.map((f) => f.field)));
  const errors: Record<string, string> = {};
  if (!s0.anonymous && !input.name.trim()) errors.name = '本调查为实名调查，请填写姓名';
  let key: string | null = null;
  if (s0.one_per_person || !s0.anonymous) {
    key = personKey(deps.secret, surveyId, input.contact);
    if (!key) errors.contact = '请填写手机号或电子邮箱（每人只能回答一次）';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  // Files are checked by their bytes before anything is written.
  const files: { q: (typeof questions)[number]; f: ResponseInput['files'][number]; checkedFile: Awaited<ReturnType<typeof checkUpload>> }[] = [];
  for (const q of questions.filter((x) => x.kind === 'file' && answers[x.id])) {
    const f = input.files.find((x) => x.field === `q${q.id}`)!;
    let checkedFile;
    try {
      checkedFile = await checkUpload(f.filename, f.content, deps.maxUploadBytes);
    } catch (e) {
      if (e instanceof AppError) throw new ValidationError({ [`q${q.id}`]: e.message });
      throw e;
    }
    if (!['pdf', 'jpg', 'jpeg', 'png', 'docx'].includes(checkedFile.ext)) throw new ValidationError({ [`q${q.id}`]: '请上传 PDF、Word（docx）或 JPG、PNG 图片' });
    answers[q.id] = { filename: checkedFile.filename };
    files.push({ q, f, checkedFile });
  }
  return inTx(db, async (tx) => {
    const s = await getSurvey(tx, surveyId, true);
    if (!s || s.state !== 'published' || deps.today < s.opens_on || deps.today > s.closes_on) throw new ConflictError('SURVEY_NOT_OPEN', '这项调查现在不接受回答。');
    if (key && (await tx.query('SELECT 1 FROM survey_responses WHERE survey_id = $1 AND dedupe_key = $2', [surveyId, key])).rows.length)
      throw new ConflictError('SURVEY_ALREADY_ANSWERED', '这个手机号或电子邮箱已经回答过本调查，每人只能回答一次。', {
        contact: '这个手机号或电子邮箱已经回答过，每人只能回答一次',
      });
    const r = await tx.query<{ id: number }>(
      'INSERT INTO survey_responses (survey_id, submitted_at, name, contact, dedupe_key, answers) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int',
      [surveyId, deps.now, s.anonymous ? '' : input.name.trim().slice(0, 100), s.anonymous ? '' : input.contact.trim().slice(0, 200), key, JSON.stringify(answers)],
    );
    for (const { q, f, checkedFile } of files) {
      const sha = await storeBlob(tx, f.content, checkedFile.mime);
      await tx.query('INSERT INTO survey_response_files (response_id, question_id, filename, mime, sha256, size) VALUES ($1, $2, $3, $4, $5, $6)', [
        r.rows[0].id,
        q.id,
        checkedFile.filename,
        checkedFile.mime,
        sha,
        f.content.length,
      ]);
    }
    await logEvent(tx, 'survey', anonymous, deps.now, s, 'answered', { responseId: r.rows[0].id });
    return r.rows[0].id;
  });
}
