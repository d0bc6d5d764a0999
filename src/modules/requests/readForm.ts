/** A form posted either urlencoded or as multipart (with files); multipart forms have their CSRF token checked here. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readMultipart } from '../../lib/multipart.ts';

export async function readForm(
  app: FastifyInstance,
  request: FastifyRequest,
): Promise<{ body: Record<string, unknown>; files: { field: string; filename: string; content: Buffer }[] }> {
  if (!request.isMultipart()) return { body: (request.body ?? {}) as Record<string, unknown>, files: [] };
  const form = await readMultipart(app, request);
  return { body: form.fields, files: form.files };
}
