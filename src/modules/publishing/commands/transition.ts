import { inTx, type DbOrTx, type Queryable } from '../../../lib/db.ts';
import { authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, NotFoundError } from '../../../lib/errors.ts';
import { chinaDate } from '../../../lib/clock.ts';
import { missingFields } from '../schema.ts';
import { countUnresolvedFindings, getVersion, latestVersion, lockItem, type ItemRow, type VersionRow } from '../queries.ts';
import { targetState, transitionProblems, TRANSITIONS, STATE_LABELS, type TransitionName } from '../states.ts';
import { recordEvent } from '../events.ts';
import { nextIndexNo } from '../indexNo.ts';
import { notifyStep } from '../notify.ts';

export interface TransitionOptions {
  remarks?: string;
  /** 索引号 pattern from config. */
  indexPattern?: string;
}

async function guardContext(tx: Queryable, item: ItemRow, v: VersionRow, now: Date, remarks?: string) {
  const atts = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE version_id = $1', [v.id]);
  const links = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM item_links WHERE from_item_id = $1 AND kind = 'interprets'`, [item.id]);
  return {
    disclosure: v.disclosure,
    unresolvedPersonalData: await countUnresolvedFindings(tx, v.id),
    missingFields: missingFields({ ...v, attachments: atts.rows[0].n, kind: item.kind, interprets: links.rows[0].n }),
    scheduledAt: v.scheduled_at,
    now,
    remarks,
  };
}

/**
 * Publishes a version: takes a 索引号 at first publication, fills 发布日期 if empty, replaces the previously published
 * version (kept as superseded and still viewable), and makes this one what the public sees.
 */
export async function publishVersion(tx: Queryable, actor: Actor, item: ItemRow, v: VersionRow, now: Date, indexPattern?: string) {
  const publishDate = v.publish_date ?? chinaDate(now);
  await tx.query(`UPDATE item_versions SET state = 'published', publish_date = $2, published_at = $3, updated_at = $3 WHERE id = $1`, [v.id, publishDate, now]);
  if (item.current_version_id && item.current_version_id !== v.id) {
    const prev = await getVersion(tx, item.current_version_id);
    if (prev?.state === 'published') {
      await tx.query(`UPDATE item_versions SET state = 'superseded', updated_at = $2 WHERE id = $1`, [prev.id, now]);
      await recordEvent(tx, actor, {
        at: now,
        itemId: item.id,
        unitId: item.unit_id,
        versionId: prev.id,
        type: 'supersede',
        from: 'published',
        to: 'superseded',
        payload: { byVersion: v.version_no },
      });
    }
  }
  let indexNo = item.index_no;
  if (!indexNo) indexNo = await nextIndexNo(tx, { id: item.unit_id, code: item.unit_code }, Number(publishDate.slice(0, 4)), indexPattern, Number(publishDate.slice(5, 7)));
  await tx.query(
    `UPDATE information_items SET status = 'published', current_version_id = $2, index_no = $3,
       first_published_at = COALESCE(first_published_at, $4), updated_at = $4 WHERE id = $1`,
    [item.id, v.id, indexNo, now],
  );
  return indexNo;
}

/**
 * Performs a workflow transition chosen by a person (submit, reviews, withdraw, unschedule) on the item's current
 * version, after the state machine's guards; writes the event and audit rows in the same transaction.
 */
export async function transitionItem(db: DbOrTx, actor: Actor, now: Date, itemId: number, name: TransitionName, opts: TransitionOptions = {}) {
  const def = TRANSITIONS[name];
  if (!def.permission) throw new ConflictError('TRANSITION_NOT_ALLOWED', '该操作只能由系统执行。');
  return inTx(db, async (tx) => {
    const item = await lockItem(tx, itemId);
    if (!item) throw new NotFoundError('没有找到这条信息。');
    authorize(actor, def.permission!, { unitPath: item.unit_path });
    const v = name === 'withdraw' ? (item.current_version_id ? await getVersion(tx, item.current_version_id) : undefined) : await latestVersion(tx, item.id);
    if (!v) throw new ConflictError('TRANSITION_NOT_ALLOWED', '这条信息还没有可操作的版本。');
    const ctx = await guardContext(tx, item, v, now, opts.remarks);
    const problems = transitionProblems(name, v.state, ctx);
    if (name === 'approve' && item.status === 'published' && v.disclosure !== 'proactive') {
      problems.push('已公开信息的修订版本须为主动公开；如需停止公开，请撤回该信息。');
    }
    if (problems.length) throw new ConflictError('TRANSITION_NOT_ALLOWED', problems.join(' '));
    const to = targetState(name, ctx);
    let indexNo: string | null = item.index_no;
    if (to === 'published') {
      indexNo = await publishVersion(tx, actor, item, v, now, opts.indexPattern);
    } else {
      await tx.query('UPDATE item_versions SET state = $2, updated_at = $3 WHERE id = $1', [v.id, to, now]);
      if (to === 'filed' && item.status === 'unpublished') await tx.query(`UPDATE information_items SET status = 'filed', updated_at = $2 WHERE id = $1`, [item.id, now]);
      if (to === 'withdrawn') {
        await tx.query(`UPDATE information_items SET status = 'withdrawn', withdrawn_at = $2, withdrawn_reason = $3, updated_at = $2 WHERE id = $1`, [
          item.id,
          now,
          opts.remarks!.trim(),
        ]);
      }
    }
    await recordEvent(tx, actor, {
      at: now,
      itemId: item.id,
      unitId: item.unit_id,
      versionId: v.id,
      type: name,
      from: v.state,
      to,
      remarks: opts.remarks?.trim() ?? '',
      payload: indexNo && to === 'published' ? { indexNo } : {},
    });
    await notifyStep(tx, now, actor, item, v, to, opts.remarks ?? '');
    return { state: to, stateLabel: STATE_LABELS[to], indexNo };
  });
}

/** Publishes every scheduled version whose time has come. Safe on several nodes: rows are claimed with SKIP LOCKED. */
export async function publishDue(db: DbOrTx, now: Date, indexPattern?: string): Promise<number> {
  const system: Actor = { kind: 'system', label: '定时发布' };
  let count = 0;
  for (;;) {
    const done = await inTx(db, async (tx) => {
      const r = await tx.query<{ id: number; item_id: number }>(
        `SELECT v.id, v.item_id FROM item_versions v WHERE v.state = 'scheduled' AND v.scheduled_at <= $1
         ORDER BY v.scheduled_at LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [now],
      );
      const row = r.rows[0];
      if (!row) return false;
      const item = (await lockItem(tx, row.item_id))!;
      const v = (await getVersion(tx, row.id))!;
      await publishVersion(tx, system, item, v, now, indexPattern);
      await recordEvent(tx, system, { at: now, itemId: item.id, unitId: item.unit_id, versionId: v.id, type: 'publish_due', from: 'scheduled', to: 'published' });
      return true;
    });
    if (!done) return count;
    count++;
  }
}
