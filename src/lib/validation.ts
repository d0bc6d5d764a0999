/** Turns zod results into the field → message map that forms and the API share. */
import type { z } from 'zod';
import { NotFoundError, ValidationError, type FieldErrors } from './errors.ts';

export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    out[key] ??= issue.message;
  }
  return out;
}

/** Parses input or throws ValidationError with one message per field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ValidationError(fieldErrors(r.error));
  return r.data;
}

/** Form bodies give strings or arrays; empty strings mean "not given". */
export function formString(v: unknown): string {
  if (Array.isArray(v)) return String(v[0] ?? '');
  return typeof v === 'string' ? v : v == null ? '' : String(v);
}

export function formList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String).filter((s) => s.trim() !== '');
  if (typeof v === 'string' && v.trim() !== '') return [v];
  return [];
}

/** A positive whole-number id from a route parameter; anything else is the record's 404, not a 500. */
export function idParam(params: unknown, notFound: string, name = 'id'): number {
  const n = Number((params as Record<string, unknown> | undefined)?.[name]);
  if (!Number.isInteger(n) || n <= 0 || n > 2 ** 31) throw new NotFoundError(notFound);
  return n;
}
