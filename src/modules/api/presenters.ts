/** Rows → API JSON. Field names are the English words of CONTEXT.md. */
import type { UnitRow } from '../orgs/index.ts';
import type { AttachmentRow, ItemRow, VersionRow } from '../publishing/index.ts';
import type { PublicListRow } from '../portal/index.ts';

export function presentUnit(u: UnitRow, base: string) {
  return {
    id: u.id,
    parentId: u.parent_id,
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    slug: u.slug,
    level: u.level,
    kind: u.kind,
    guide: {
      officeName: u.office_name,
      address: u.address,
      officeHours: u.office_hours,
      phone: u.phone,
      fax: u.fax,
      webContact: u.web_contact,
      email: u.email,
      postcode: u.postcode,
      updatedAt: u.guide_updated_at.toISOString(),
    },
    url: `${base}/xxgk/${u.slug}`,
  };
}

export function presentSummary(r: PublicListRow, base: string) {
  return {
    id: r.id,
    indexNo: r.index_no,
    title: r.title,
    unit: r.unit_slug,
    unitName: r.unit_name,
    section: r.section_code,
    publishDate: r.publish_date,
    docNo: r.doc_no_normalized,
    validity: r.validity,
    kind: r.kind,
    url: `${base}/xxgk/${r.unit_slug}/items/${r.id}`,
  };
}

export function presentItem(
  item: ItemRow,
  v: VersionRow,
  extra: { attachments: AttachmentRow[]; interprets: number[]; interpretedBy: number[]; base: string; findings?: number; problems?: string[] },
) {
  const url = `${extra.base}/xxgk/${item.unit_slug}/items/${item.id}`;
  return {
    id: item.id,
    indexNo: item.index_no,
    kind: item.kind,
    status: item.status,
    state: v.state,
    version: v.version_no,
    title: v.title,
    unit: item.unit_slug,
    unitName: item.unit_name,
    publisherName: v.publisher_name,
    issuingOrgans: v.issuing_organs,
    docNo: v.doc_no,
    docNoNormalized: v.doc_no_normalized,
    writtenDate: v.written_date,
    publishDate: v.publish_date,
    effectiveDate: v.effective_date,
    expiryDate: v.expiry_date,
    formedDate: v.formed_date,
    topic: v.topic,
    genre: v.genre,
    audience: v.audience,
    keywords: v.keywords,
    summary: v.summary,
    section: v.section_code,
    disclosure: v.disclosure,
    withheldGround: v.withheld_ground,
    interpretationForm: v.interpretation_form,
    validity: item.validity,
    validityByItemId: item.validity_by_item_id,
    bodyHtml: v.body_html,
    attachments: extra.attachments.map((a) => ({ id: a.id, filename: a.filename, size: a.size, mime: a.mime, url: `${url}/attachments/${a.id}` })),
    interprets: extra.interprets,
    interpretedBy: extra.interpretedBy,
    url,
    ...(extra.findings !== undefined ? { personalDataFindings: extra.findings } : {}),
    ...(extra.problems ? { publishProblems: extra.problems } : {}),
  };
}
