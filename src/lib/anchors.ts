/**
 * Fragments that two modules must agree on: the catalogue page marks each item's row, and the knowledge base links to
 * it. Kept here so that neither module imports the other (the knowledge base builds on catalogues through the app).
 */
import { createHash } from 'node:crypto';

/** A catalogue item's row on its unit's catalogue page, stable across catalogue versions (from the item's key). */
export const catalogueItemAnchor = (itemKey: string) => `ci-${createHash('sha256').update(itemKey).digest('hex').slice(0, 10)}`;

/** The link to a catalogue item's row on its unit's catalogue page. */
export const catalogueItemHref = (c: { unit_slug: string; area_code: string; item_key: string }) =>
  `/xxgk/${c.unit_slug}/jczwgk?area=${encodeURIComponent(c.area_code)}#${catalogueItemAnchor(c.item_key)}`;

/** How a record names the catalogue item it is filed under: area and item key, stable across catalogue versions. */
export const catalogueItemValue = (c: { area_code: string; item_key: string }) => `${c.area_code}|${c.item_key}`;
