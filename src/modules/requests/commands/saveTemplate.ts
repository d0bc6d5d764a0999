/** A unit's office sets (or, with no text, removes) its wording of one kind of letter. */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ValidationError } from '../../../lib/errors.ts';
import { getUnit } from '../../orgs/index.ts';
import { LETTER_TITLES, type LetterKind } from '../letters.ts';
import { templateProblems } from '../templates.ts';

export async function saveTemplate(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; kind: unknown; text: unknown }) {
  const unit = await getUnit(db, input.unitId);
  if (!unit) throw new ValidationError({ unit: '请选择单位' });
  authorize(actor, 'request.templates', { unitPath: unit.path });
  if (typeof input.kind !== 'string' || !(input.kind in LETTER_TITLES)) throw new ValidationError({ kind: '请选择文书种类' });
  const kind = input.kind as LetterKind;
  const paragraphs = (typeof input.text === 'string' ? input.text : '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (paragraphs.length) {
    const problems = templateProblems(paragraphs);
    if (problems.length) throw new ValidationError({ [`text-${kind}`]: problems.join('；') });
  }
  await inTx(db, async (tx) => {
    if (paragraphs.length) {
      await tx.query(
        `INSERT INTO letter_templates (unit_id, kind, paragraphs, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_id, kind) DO UPDATE SET paragraphs = EXCLUDED.paragraphs, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
        [unit.id, kind, paragraphs, actorUserId(actor), now],
      );
    } else await tx.query('DELETE FROM letter_templates WHERE unit_id = $1 AND kind = $2', [unit.id, kind]);
    await audit(tx, actor, {
      at: now,
      action: paragraphs.length ? 'request.template_saved' : 'request.template_removed',
      subjectType: 'letter_template',
      subjectId: `${unit.id}:${kind}`,
      unitId: unit.id,
      details: { paragraphs },
    });
  });
  return { kind, paragraphs };
}
