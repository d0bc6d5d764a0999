/** Maps the staff item form (urlencoded strings) to the command input, and a stored version back to form values. */
import { z } from 'zod';
import { field } from '../../lib/form.ts';
import { splitList } from './schema.ts';
import type { VersionRow } from './queries.ts';

export type FormValues = Record<string, string>;

export const FORM_FIELDS = [
  'kind',
  'title',
  'publisherName',
  'issuingOrgans',
  'docNo',
  'writtenDate',
  'publishDate',
  'effectiveDate',
  'expiryDate',
  'formedDate',
  'topic',
  'genre',
  'legalForm',
  'audience',
  'keywords',
  'summary',
  'sectionCode',
  'disclosure',
  'withheldGround',
  'interpretationForm',
  'interprets',
  'bodyHtml',
  'changeNote',
  'scheduledAt',
] as const;

/** The item form's fields as strings; the draft command checks their meaning (src/modules/publishing/schema.ts). */
export const itemFormSchema = z.object(
  Object.fromEntries(FORM_FIELDS.map((f) => [f, f === 'bodyHtml' ? field.raw() : field.raw(20_000)])) as Record<(typeof FORM_FIELDS)[number], ReturnType<typeof field.raw>>,
);

/** The form's values as the draft command's input; `interprets` are the item ids the lines were resolved to. */
export function formToInput(v: FormValues, interprets: number[]) {
  return {
    ...v,
    issuingOrgans: splitList(v.issuingOrgans),
    keywords: splitList(v.keywords),
    interprets,
  };
}

/** The lines of the interprets field: one policy per line (titles may hold commas). */
export const interpretLines = (v: string | undefined) =>
  (v ?? '')
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** `interprets`: each linked policy as staff name it (its 索引号, or its title). */
export function versionToForm(v: VersionRow, kind: string, interprets: string[], legalForm = ''): FormValues {
  return {
    kind,
    legalForm,
    title: v.title,
    publisherName: v.publisher_name,
    issuingOrgans: v.issuing_organs.join('，'),
    docNo: v.doc_no,
    writtenDate: v.written_date ?? '',
    publishDate: v.publish_date ?? '',
    effectiveDate: v.effective_date ?? '',
    expiryDate: v.expiry_date ?? '',
    formedDate: v.formed_date ?? '',
    topic: v.topic,
    genre: v.genre,
    audience: v.audience,
    keywords: v.keywords.join('，'),
    summary: v.summary,
    sectionCode: v.section_code,
    disclosure: v.disclosure,
    withheldGround: v.withheld_ground ?? '',
    interpretationForm: v.interpretation_form ?? '',
    interprets: interprets.join('\n'),
    bodyHtml: v.body_html,
    changeNote: v.change_note,
    scheduledAt: v.scheduled_at ? new Date(v.scheduled_at.getTime() + 8 * 3600_000).toISOString().slice(0, 16) : '',
  };
}
