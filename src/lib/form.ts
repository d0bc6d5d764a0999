/**
 * One typed helper for every HTML form post (docs/practices/forms.md). A route states its guard, its schema, what it
 * does with the parsed input, and how it shows the form again; the helper does the rest the same way everywhere:
 * reads the body (urlencoded, or multipart with the named file fields), refuses text that cannot be stored, parses the
 * schema, runs the command, and on any error the user can fix re-renders the form with the values as typed, the
 * field messages and an error summary, with a 4xx status. Nothing is written on those paths: the schema is checked
 * before `run`, and `run`'s commands roll their transaction back when they throw.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { z } from 'zod';
import { AppError, isFormError, type FieldErrors } from './errors.ts';
import { readMultipart } from './multipart.ts';
import { cleanText, findInvalidText, TEXT_INVALID_MESSAGE } from './text.ts';
import { fieldErrors, formList, formString } from './validation.ts';
import { isValidDate } from './calendar.ts';
import { CSRF_FIELD } from './csrf.ts';

export type FormValues = Record<string, string>;
export interface UploadedFile {
  field: string;
  filename: string;
  content: Buffer;
}

/** What a form is re-rendered with after an error. */
export interface FormState {
  values: FormValues;
  errors: FieldErrors;
  message?: string;
  status: number;
}

export interface FormContext<G = void> {
  request: FastifyRequest;
  /** What the guard loaded and checked (the unit, the case), so `run` and `render` do not load it again. */
  subject: G;
  reply: FastifyReply;
  /** The submitted fields as typed (first value of a repeated field), for re-rendering. */
  values: FormValues;
  /** Repeated fields (ticked checkboxes of one name) as lists, for re-rendering them ticked. */
  lists: Record<string, string[]>;
  files: UploadedFile[];
}

export interface FormRouteSpec<S extends z.ZodType, G> {
  /**
   * Loads the subject and checks permission, before the body is read: a user without the right gets 403 and a missing
   * subject 404, not a re-rendered form.
   */
  guard?: (request: FastifyRequest) => G | Promise<G>;
  schema: S;
  /** Multipart form: the file fields to keep (others are drained unread), fixed or named by the subject (a survey's). */
  files?: string[] | ((subject: G) => string[]);
  run: (input: z.infer<S>, c: FormContext<G>) => Promise<unknown>;
  render: (c: FormContext<G>, state: FormState) => unknown;
  options?: RouteShorthandOptions;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A form route: invalid text is reported on the re-rendered form instead of by the app-wide check. */
    form?: boolean;
  }
}

/** The submitted fields as strings, for showing them again; text that cannot be shown is cleaned. */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === CSRF_FIELD) continue;
    out[cleanText(k)] = cleanText(formString(v));
  }
  return out;
}

export function formRoute<S extends z.ZodType, G = void>(app: FastifyInstance, url: string, spec: FormRouteSpec<S, G>): void {
  const options: RouteShorthandOptions = { ...spec.options, config: { ...spec.options?.config, form: true } };
  app.post(url, options, async (request, reply) => {
    const subject = (await spec.guard?.(request)) as G;
    let raw: Record<string, unknown>;
    let files: UploadedFile[] = [];
    // A form with files is multipart; the same form posted without a file may come urlencoded.
    const fileFields = typeof spec.files === 'function' ? spec.files(subject) : spec.files;
    if (fileFields && request.isMultipart()) {
      const form = await readMultipart(app, request, { fileFields, keepInvalidText: true });
      raw = form.fields;
      files = form.files;
    } else {
      const body: unknown = request.body ?? {};
      if (typeof body !== 'object' || Array.isArray(body) || Buffer.isBuffer(body)) throw new AppError('BAD_REQUEST', 400, '请通过页面上的表单提交。');
      raw = body as Record<string, unknown>;
    }
    const lists = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, formList(v).map(cleanText)]));
    const c: FormContext<G> = { request, reply, subject, values: formValues(raw), lists, files };
    const bad = findInvalidText(raw);
    if (bad) return spec.render(c, { values: c.values, errors: { [bad]: TEXT_INVALID_MESSAGE }, message: TEXT_INVALID_MESSAGE, status: 400 });
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) return spec.render(c, { values: c.values, errors: fieldErrors(parsed.error), status: 400 });
    try {
      return await spec.run(parsed.data, c);
    } catch (err) {
      if (!isFormError(err)) throw err;
      return spec.render(c, { values: c.values, errors: err.fields, message: err.message, status: err.status });
    }
  });
}

/**
 * Field types of HTML forms: every field arrives as a string (or a list when repeated, or absent when unticked), so
 * each type reads that shape and gives the domain value, with its message in the user's language.
 */
export const field = {
  /** Free text, trimmed; empty when absent. */
  text: (max = 3000) => z.preprocess((v) => formString(v).trim(), z.string().max(max, `不能超过 ${max} 个字`)),
  /** Text kept as typed (a letter's paragraphs, a rich-text body): not trimmed. */
  raw: (max = 2_000_000) => z.preprocess((v) => formString(v), z.string().max(max, `不能超过 ${max} 个字`)),
  required: (message: string, max = 3000) => z.preprocess((v) => formString(v).trim(), z.string().min(1, message).max(max, `不能超过 ${max} 个字`)),
  /** A whole number; empty gives `empty` (0 unless told). */
  int: (message = '请填写整数', empty = 0) =>
    z.preprocess(
      (v) => {
        const s = formString(v).trim();
        return s === '' ? empty : /^-?\d{1,15}$/.test(s) ? Number(s) : Number.NaN;
      },
      z.number({ error: message }).int(message),
    ),
  /** A ticked checkbox (any value but empty or "0"). */
  checkbox: () => z.preprocess((v) => formString(v) !== '' && formString(v) !== '0', z.boolean()),
  /** A repeated field (checkboxes of one name, a multi-select), empty entries dropped. */
  list: (max = 500) => z.preprocess((v) => formList(v), z.array(z.string().max(3000)).max(max, `最多选择 ${max} 项`)),
  /** A date as YYYY-MM-DD; empty allowed unless `required` names the message. */
  date: (required?: string) =>
    z.preprocess(
      (v) => formString(v).trim(),
      z.string().refine((s) => (s === '' ? !required : isValidDate(s)), { message: required ?? '请填写有效日期' }),
    ),
  oneOf: <T extends string>(values: readonly T[], message: string) => z.preprocess((v) => formString(v), z.enum(values as [T, ...T[]], { error: message })),
};
