/** Coverage of one published catalogue from the database: each item with what was filed under it, assessed on a date. */
import type { Queryable } from '../../lib/db.ts';
import type { WorkingDayCalendar } from '../../lib/calendar.ts';
import { chinaDate } from '../../lib/clock.ts';
import { catalogueItems, filedItems, type CatalogueHead, type CatalogueItemRow } from './queries.ts';
import { itemCoverage, type ItemCoverage } from './coverage.ts';

export async function assessCatalogue(q: Queryable, h: CatalogueHead, calendar: WorkingDayCalendar, asOf: string): Promise<{ item: CatalogueItemRow; coverage: ItemCoverage }[]> {
  const filed = await filedItems(q, h.unit_id, h.area_code);
  const from = h.published_at ? chinaDate(h.published_at) : asOf;
  return (await catalogueItems(q, h.id)).map((item) => ({
    item,
    coverage: itemCoverage(
      item.timeRule,
      filed.filter((f) => f.catalogue_key === item.itemKey && f.publish_date).map((f) => ({ id: f.id, title: f.title, formedDate: f.formed_date, publishDate: f.publish_date! })),
      { calendar, asOf, catalogueFrom: from },
    ),
  }));
}
