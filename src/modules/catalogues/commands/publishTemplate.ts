/** The office publishes an area template it compiled, so units can adopt it. */
import type { Db } from '../../../lib/db.ts';
import type { Actor } from '../../../lib/authz.ts';
import { transitionCatalogue } from './transitionCatalogue.ts';

export async function publishTemplate(db: Db, actor: Actor, now: Date, id: number) {
  for (const step of ['submit', 'approve', 'publish'] as const) await transitionCatalogue(db, actor, now, id, step);
}
