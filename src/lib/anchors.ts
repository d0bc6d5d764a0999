/**
 * Fragments that two modules must agree on: the catalogue page marks each item's row, and the knowledge base links to
 * it. Kept here so that neither module imports the other (the knowledge base builds on catalogues through the app).
 */
import { createHash } from 'node:crypto';

/** A catalogue item's row on its unit's catalogue page, stable across catalogue versions (from the item's key). */
export const catalogueItemAnchor = (itemKey: string) => `ci-${createHash('sha256').update(itemKey).digest('hex').slice(0, 10)}`;
