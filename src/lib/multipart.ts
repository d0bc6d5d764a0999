/** Reads a multipart form completely (fields and files, within the configured limits) and checks its CSRF token. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export interface MultipartForm {
  fields: Record<string, string>;
  files: { field: string; filename: string; content: Buffer }[];
}

export async function readMultipart(app: FastifyInstance, request: FastifyRequest): Promise<MultipartForm> {
  if (!request.isMultipart()) throw new AppError('BAD_REQUEST', 400, '请使用文件上传表单提交。');
  const form: MultipartForm = { fields: {}, files: [] };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.file.truncated) throw new AppError('UPLOAD_REJECTED', 413, `文件“${part.filename}”太大。`);
      if (part.filename && content.length) form.files.push({ field: part.fieldname, filename: part.filename, content });
    } else {
      form.fields[part.fieldname] = String(part.value ?? '');
    }
  }
  app.checkCsrf(request, form.fields._csrf);
  return form;
}
