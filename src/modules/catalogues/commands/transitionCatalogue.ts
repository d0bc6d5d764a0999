/** A step of the catalogue review; publishing supersedes the unit's earlier published version for the area. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { getCatalogue } from '../queries.ts';
import { CATALOGUE_STEPS, nextCatalogueState, type CatalogueStep } from '../states.ts';

export async function transitionCatalogue(db: DbOrTx, actor: Actor, now: Date, id: number, step: CatalogueStep, remarks = '') {
  if (!(step in CATALOGUE_STEPS)) throw new ValidationError({ step: '没有这个步骤' });
  return inTx(db, async (tx) => {
    const c = await getCatalogue(tx, id, true);
    // Templates are the office's own: it edits and publishes them without a superior's review.
    const action = c.is_template ? 'catalogue.manage_areas' : step === 'return' || step === 'approve' ? 'catalogue.approve' : 'catalogue.edit';
    authorize(actor, action, { unitPath: c.unit_path });
    const to = nextCatalogueState(c.state, step);
    const note = remarks.trim().slice(0, 1000);
    if (CATALOGUE_STEPS[step].remarks && !note) throw new ValidationError({ remarks: '退回时请写明修改意见' });
    const items = (await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM catalogue_items WHERE catalogue_id = $1', [id])).rows[0].n;
    if (step === 'submit' && !items) throw new ValidationError({ step: '目录中还没有事项' });
    if (step === 'publish') {
      await tx.query(`UPDATE catalogues SET state = 'superseded', updated_at = $4 WHERE unit_id = $1 AND area_code = $2 AND is_template = $3 AND state = 'published'`, [
        c.unit_id,
        c.area_code,
        c.is_template,
        now,
      ]);
    }
    await tx.query(`UPDATE catalogues SET state = $2, remarks = $3, updated_at = $4${step === 'publish' ? ', published_at = $4' : ''} WHERE id = $1`, [
      id,
      to,
      step === 'return' ? note : c.remarks,
      now,
    ]);
    await tx.query('INSERT INTO catalogue_events (catalogue_id, kind, at, actor_user_id, actor_label, remarks) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      step,
      now,
      actorUserId(actor),
      actorLabel(actor),
      note,
    ]);
    await audit(tx, actor, {
      at: now,
      action: `catalogue.${step}`,
      subjectType: 'catalogue',
      subjectId: id,
      unitId: c.unit_id,
      details: { area: c.area_code, version: c.version_no, remarks: note || undefined },
    });
    return { state: to };
  });
}
