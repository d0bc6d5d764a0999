/**
 * Staff register an application that came in person, by post, fax or e-mail, or orally (filled in for the
 * applicant, Art. 29), with the receipt date Art. 31 fixes for its channel. The clock starts the day after.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { fieldErrors } from '../../../lib/validation.ts';
import { applicationSchema, receiptDate, registrationSchema } from '../forms.ts';
import { getCase, insertCase, type CaseContext } from '../caseStore.ts';
import { issueLetter } from '../letters.ts';
import { checkIdentityFiles, storeCaseFiles, type UploadedFile } from '../files.ts';
import { getUnit } from '../../orgs/index.ts';

export async function registerApplication(
  db: DbOrTx,
  ctx: CaseContext,
  actor: Actor,
  input: { unitId: number; application?: unknown; registration?: unknown; files?: UploadedFile[] },
) {
  const unit = await getUnit(db, input.unitId);
  if (!unit) throw new ValidationError({ unit: '请选择受理机关' });
  authorize(actor, 'request.handle', { unitPath: unit.path });
  const a = applicationSchema.safeParse(input.application);
  const r = registrationSchema.safeParse(input.registration);
  const errors: Record<string, string> = { ...(a.success ? {} : a.errors), ...(r.success ? {} : fieldErrors(r.error)) };
  if (r.success && r.data.arrivedOn > ctx.today) errors.arrivedOn = '收到日期不能晚于今天';
  if (!a.success || !r.success || Object.keys(errors).length) throw new ValidationError(errors);
  const receivedOn = receiptDate(r.data);
  const files = await checkIdentityFiles(input.files ?? []);
  return inTx(db, async (tx) => {
    const created = await insertCase(tx, ctx, actor, { unitId: unit.id, channel: r.data.channel, application: a.data, receivedOn }, 'register', {
      receivedOn,
      arrivedOn: r.data.arrivedOn,
      confirmedOn: r.data.confirmedOn || undefined,
      channel: r.data.channel,
    });
    // The receipt (受理回执) is dated the day it is issued, which is today.
    await storeCaseFiles(tx, created.id, 'identity', files, ctx.now);
    await issueLetter(tx, ctx, await getCase(tx, created.id), 'receipt', ctx.today, {});
    return created;
  });
}
