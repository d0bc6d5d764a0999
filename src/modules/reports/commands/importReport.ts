/**
 * A report of a year before the platform, entered from the published report (JSON in the shape `report annual
 * --format json` prints). The 2019 trial format had a single （六）其他处理 row, read here as （六）3 其他; its table 二
 * columns differed and are kept as given. The cross-checks must hold, so the next year's 上年结转 can rely on it.
 */
import { inTx, type DbOrTx } from '../../../lib/db.ts';
import { audit } from '../../../lib/audit.ts';
import { actorLabel, actorUserId, authorize, type Actor } from '../../../lib/authz.ts';
import { ConflictError, ValidationError } from '../../../lib/errors.ts';
import { APPLICANT_COLUMNS, checkTable3, RESULT_COLUMNS, REVIEW_BLOCKS, TABLE3_ROWS, type Table3, type Table4 } from '../tables.ts';

export async function importReport(db: DbOrTx, actor: Actor, now: Date, input: { unitId: number; year: number; data: unknown }) {
  const unit = (await db.query<{ id: number; path: string }>('SELECT id, path FROM units WHERE id = $1', [input.unitId])).rows[0];
  if (!unit) throw new ValidationError({ unit: '没有这个单位' });
  authorize(actor, 'report.edit', { unitPath: unit.path });
  const d = (input.data ?? {}) as {
    format?: string;
    table2?: Record<string, unknown>;
    table3?: Record<string, Record<string, unknown>>;
    table4?: Record<string, Record<string, unknown>>;
  };
  const format = d.format === '2019' ? '2019' : d.format === '2021' || d.format === undefined ? '2021' : null;
  if (!format) throw new ValidationError({ format: 'format 只能是 2019 或 2021' });
  const errors: string[] = [];
  const count = (v: unknown, where: string) => {
    if (v === undefined) return 0;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) errors.push(`${where} 应为不小于0的整数`);
    return typeof v === 'number' ? v : 0;
  };
  const raw3 = { ...(d.table3 ?? {}) };
  if (format === '2019' && raw3['（六）']) {
    raw3['（六）3'] = raw3['（六）'];
    delete raw3['（六）'];
  }
  for (const k of Object.keys(raw3)) if (!TABLE3_ROWS.some((r) => r.key === k)) errors.push(`表三没有“${k}”这一行`);
  const table3 = Object.fromEntries(
    TABLE3_ROWS.map((r) => [r.key, Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, { value: count(raw3[r.key]?.[c], `表三 ${r.key} ${c}`), ids: [] as number[] }]))]),
  ) as unknown as Table3;
  const table4 = Object.fromEntries(
    REVIEW_BLOCKS.map((b) => [b, Object.fromEntries(RESULT_COLUMNS.map((c) => [c, { value: count(d.table4?.[b]?.[c], `表四 ${b} ${c}`), ids: [] as number[] }]))]),
  ) as unknown as Table4;
  if (errors.length) throw new ValidationError({ data: errors.slice(0, 20).join('；') });
  const failed = checkTable3(table3).filter((c) => !c.ok);
  if (failed.length) throw new ConflictError('REPORT_CHECKS_FAILED', `勾稽关系不成立：${failed.map((c) => `${c.rule}（${c.detail}）`).join('；')}`);
  const entered = Object.fromEntries(Object.entries(d.table2 ?? {}).filter(([, v]) => typeof v === 'number' && v >= 0));
  return inTx(db, async (tx) => {
    const existing = (await tx.query<{ id: number; state: string }>('SELECT id::int, state FROM annual_reports WHERE unit_id = $1 AND year = $2', [unit.id, input.year])).rows[0];
    if (existing) throw new ConflictError('REPORT_EXISTS', `${input.year}年的年度报告已在平台中（${existing.state}），不能再导入。`);
    const r = await tx.query<{ id: number }>(
      `INSERT INTO annual_reports (unit_id, year, format, state, entered, snapshot, created_at, updated_at) VALUES ($1, $2, $3, 'published', $4, $5, $6, $6) RETURNING id::int`,
      [unit.id, input.year, format, JSON.stringify(entered), JSON.stringify({ table3, table4 }), now],
    );
    await tx.query('INSERT INTO annual_report_events (report_id, kind, at, actor_user_id, actor_label) VALUES ($1, $2, $3, $4, $5)', [
      r.rows[0].id,
      'import',
      now,
      actorUserId(actor),
      actorLabel(actor),
    ]);
    await audit(tx, actor, { at: now, action: 'report.import', subjectType: 'annual_report', subjectId: r.rows[0].id, unitId: unit.id, details: { year: input.year, format } });
    return { id: r.rows[0].id, format };
  });
}
