/** An applicant submits online (条例 第二十九条). The receipt date is fixed when staff confirm it (第三十一条第三项). */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { anonymous } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { applicationSchema } from '../forms.ts';
import { insertCase, type CaseContext } from '../caseStore.ts';
import { checkIdentityFiles, storeCaseFiles, type UploadedFile } from '../files.ts';

export async function submitApplication(db: DbOrTx, ctx: CaseContext, input: { unitId: number | undefined; application?: unknown; files?: UploadedFile[] }) {
  const parsed = applicationSchema.safeParse(input.application);
  const errors: Record<string, string> = parsed.success ? {} : { ...parsed.errors };
  if (!input.unitId) errors.unit = '请选择向哪个机关申请';
  if (!parsed.success || !input.unitId) throw new ValidationError(errors);
  const files = await checkIdentityFiles(input.files ?? []);
  return inTx(db, async (tx) => {
    const created = await insertCase(tx, ctx, anonymous, { unitId: input.unitId!, channel: 'online', application: parsed.data }, 'submit', {
      channel: 'online',
      identityFiles: files.length,
    });
    await storeCaseFiles(tx, created.id, 'identity', files, ctx.now);
    return created;
  });
}
