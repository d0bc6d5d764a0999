/**
 * Downloading the information released to an applicant: from the case page (the hour-long lookup cookie), or through
 * the signed link in the e-mail until it expires. Only released files; identity documents never leave the staff side.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../lib/errors.ts';
import { contentDisposition } from '../../lib/download.ts';
import { audit } from '../../lib/audit.ts';
import { anonymous } from '../../lib/authz.ts';
import { CASE_COOKIE, readCaseToken } from './access.ts';
import { verifyReleasedLink } from './released.ts';

export function registerReleasedFileRoutes(app: FastifyInstance) {
  const { deps } = app;

  async function send(reply: FastifyReply, where: { fileId: number; caseId?: number }, via: string) {
    const f = (
      await deps.db.query<{ case_id: number; filename: string; mime: string; content: Buffer | Uint8Array; unit_id: number }>(
        `SELECT f.case_id::int, f.filename, b.mime, b.content, c.unit_id FROM case_files f JOIN blobs b ON b.sha256 = f.blob_sha256 JOIN request_cases c ON c.id = f.case_id
          WHERE f.id = $1 AND f.kind = 'released' AND NOT f.pending AND ($2::bigint IS NULL OR f.case_id = $2)`,
        [where.fileId, where.caseId ?? null],
      )
    ).rows[0];
    if (!f) throw new NotFoundError('没有找到这个文件。');
    // Each download is recorded: the delivery record can show that the applicant took the information.
    await audit(deps.db, anonymous, {
      at: deps.clock.now(),
      action: 'request.released_file_downloaded',
      subjectType: 'request_case',
      subjectId: f.case_id,
      unitId: f.unit_id,
      details: { fileId: where.fileId, via },
    });
    return reply
      .header('Content-Type', f.mime)
      .header('Content-Disposition', contentDisposition(f.filename))
      .header('X-Content-Type-Options', 'nosniff')
      .header('Cache-Control', 'private, no-store')
      .send(Buffer.from(f.content));
  }

  app.get('/ysqgk/case/files/:id', async (request, reply) => {
    const caseId = readCaseToken(deps.config.secret, request.cookies[CASE_COOKIE], deps.clock.now());
    if (!caseId) return reply.redirect('/ysqgk/status?expired=1', 303);
    return send(reply, { fileId: Number((request.params as { id: string }).id) || 0, caseId }, 'case_page');
  });

  app.get('/ysqgk/files/:id/:expires/:sig', async (request, reply) => {
    const p = request.params as { id: string; expires: string; sig: string };
    const fileId = Number(p.id) || 0;
    const state = verifyReleasedLink(deps.config.secret, fileId, Number(p.expires) || 0, p.sig, deps.clock.now());
    if (state === 'expired') return reply.redirect('/ysqgk/status?expired=link', 303);
    if (state !== 'ok') throw new NotFoundError('链接无效。请凭申请编号和查询码在网上查看下载。');
    return send(reply, { fileId }, 'email_link');
  });
}
