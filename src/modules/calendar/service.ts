/**
 * The working-day calendar as a service: base data from the chinese-days package plus the overrides and imported
 * notices stored in the database. Reloaded at most every 60 s (and at once on this node after a change), so several
 * app nodes agree within a minute of an edit.
 */
import type { Db, Queryable } from '../../lib/db.ts';
import { buildCalendar, checkHolidayCnFile, type HolidayCnFile, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { ValidationError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor } from '../../lib/authz.ts';

const TTL_MS = 60_000;

export class CalendarService {
  private cached: WorkingDayCalendar | undefined;
  private loadedAt = 0;
  constructor(private readonly db: Db) {}

  async get(): Promise<WorkingDayCalendar> {
    if (!this.cached || Date.now() - this.loadedAt > TTL_MS) {
      this.cached = await loadCalendar(this.db);
      this.loadedAt = Date.now();
    }
    return this.cached;
  }

  invalidate() {
    this.cached = undefined;
  }

  /** Imports State Council notices in holiday-cn JSON form; a file with no days (notice not yet out) is refused. */
  async importHolidayCn(files: { name: string; data: unknown }[], actor: Actor): Promise<{ year: number; days: number }[]> {
    const problems: Record<string, string> = {};
    for (const f of files) {
      const p = checkHolidayCnFile(f.data);
      if (!p.length && (f.data as HolidayCnFile).days.length === 0) p.push('文件中没有任何放假或调休日期（该年通知可能尚未发布）');
      if (p.length) problems[f.name] = p.join('；');
    }
    if (Object.keys(problems).length) throw new ValidationError(problems, '节假日文件有误，未导入任何内容。');
    const result: { year: number; days: number }[] = [];
    await this.db.transaction(async (tx) => {
      for (const f of files) {
        const data = f.data as HolidayCnFile;
        for (const d of data.days) {
          await tx.query(
            `INSERT INTO calendar_days (day, is_working_day, name, source) VALUES ($1, $2, $3, $4)
             ON CONFLICT (day) DO UPDATE SET is_working_day = EXCLUDED.is_working_day, name = EXCLUDED.name,
               source = EXCLUDED.source, updated_at = now()`,
            [d.date, !d.isOffDay, d.name, `holiday-cn ${data.year}`],
          );
        }
        await tx.query(
          `INSERT INTO calendar_years (year, source, papers) VALUES ($1, $2, $3)
           ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, papers = EXCLUDED.papers, updated_at = now()`,
          [data.year, 'holiday-cn', data.papers ?? []],
        );
        await audit(tx, actor, { action: 'calendar.import', subjectType: 'calendar_year', subjectId: data.year, details: { days: data.days.length, file: f.name } });
        result.push({ year: data.year, days: data.days.length });
      }
    });
    this.invalidate();
    return result;
  }

  /** Sets one day as working or not (an office correction); marks its year as published. */
  async setDay(q: Queryable, day: string, working: boolean, name: string, actor: Actor): Promise<void> {
    await q.query(
      `INSERT INTO calendar_days (day, is_working_day, name, source) VALUES ($1, $2, $3, 'office')
       ON CONFLICT (day) DO UPDATE SET is_working_day = EXCLUDED.is_working_day, name = EXCLUDED.name, source = 'office', updated_at = now()`,
      [day, working, name],
    );
    await q.query(`INSERT INTO calendar_years (year, source) VALUES ($1, 'office') ON CONFLICT (year) DO NOTHING`, [Number(day.slice(0, 4))]);
    await audit(q, actor, { action: 'calendar.set_day', subjectType: 'calendar_day', subjectId: day, details: { working, name } });
    this.invalidate();
  }
}

export async function loadCalendar(q: Queryable): Promise<WorkingDayCalendar> {
  const days = await q.query<{ day: string; is_working_day: boolean; name: string; source: string }>('SELECT day, is_working_day, name, source FROM calendar_days ORDER BY day');
  const years = await q.query<{ year: number }>('SELECT year FROM calendar_years');
  return buildCalendar({
    days: days.rows.map((r) => ({ date: r.day, working: r.is_working_day, name: r.name, source: r.source })),
    years: years.rows.map((r) => r.year),
  });
}
