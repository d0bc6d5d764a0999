/**
 * Reads a multipart form within the configured limits. The CSRF token must come before any file (every form renders
 * it first): a file part met before a valid token is refused at once, so a forged or anonymous post never makes the
 * server buffer its files (10 × 45 MB used to be read before the token was checked). Files are counted against a
 * per-request total as they stream in; file fields the route does not expect are drained, not kept.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import { CSRF_FIELD } from './csrf.ts';
import { checkText } from './text.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  files: { field: string; filename: string; content: Buffer }[];
}

export async function readMultipart(app: FastifyInstance, request: FastifyRequest, opts: { fileFields?: string[]; keepInvalidText?: boolean } = {}): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 400, '请使用文件上传表单提交。');
  const form: MultipartForm = { fields: {}, files: [] };
  const maxTotal = app.deps.config.maxRequestBytes;
  let verified = false;
  let total = 0;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (!verified) {
        part.file.resume();
        throw new AppError('CSRF_INVALID', 403, '页面已过期或来源不明，请返回上一页刷新后重新提交。');
      }
      if (opts.fileFields && !opts.fileFields.includes(part.fieldname)) {
        part.file.resume();
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxTotal) throw new AppError('UPLOAD_REJECTED', 413, `一次提交的文件合计不能超过 ${Math.round(maxTotal / 1048576)} MB。`);
        chunks.push(chunk);
      }
      if (part.file.truncated) throw new AppError('UPLOAD_REJECTED', 413, `文件“${part.filename}”太大。`);
      const content = Buffer.concat(chunks);
      if (part.filename && content.length) form.files.push({ field: part.fieldname, filename: part.filename, content });
    } else {
      const value = String(part.value ?? '');
      if (part.fieldname === CSRF_FIELD && !verified) {
        app.checkCsrf(request, value);
        verified = true;
      }
      // Form routes report invalid text on the re-rendered form (src/lib/form.ts); other callers refuse it here.
      const problem = opts.keepInvalidText ? null : checkText(value);
      if (problem) throw new AppError('TEXT_INVALID', 400, problem, { [part.fieldname]: problem });
      form.fields[part.fieldname] = value;
    }
  }
  if (!verified) app.checkCsrf(request, form.fields[CSRF_FIELD]);
  return form;
}
