/** JSON Schemas of the public API: they validate requests, serialise responses and generate /api/openapi.json. */

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

export const errorSchema = {
  $id: 'Error',
  type: 'object',
  description: '错误。code 为稳定的错误代码，fields 为逐字段的说明。',
  properties: {
    error: {
      type: 'object',
      properties: { code: str, message: str, fields: { type: 'object', additionalProperties: str } },
      required: ['code', 'message'],
    },
  },
} as const;

export const unitSchema = {
  $id: 'Unit',
  type: 'object',
  properties: {
    id: int,
    parentId: { type: ['integer', 'null'] },
    code: str,
    name: str,
    shortName: str,
    slug: str,
    level: { type: 'string', enum: ['city', 'county', 'township'] },
    kind: { type: 'string', enum: ['government', 'department'] },
    guide: {
      type: 'object',
      description: '政府信息公开指南中的工作机构信息（条例第十二条）',
      properties: { officeName: str, address: str, officeHours: str, phone: str, fax: str, webContact: str, email: str, postcode: str, updatedAt: str },
    },
    url: str,
  },
} as const;

export const itemSummarySchema = {
  $id: 'ItemSummary',
  type: 'object',
  properties: {
    id: int,
    indexNo: str,
    title: str,
    unit: str,
    unitName: str,
    section: str,
    publishDate: str,
    docNo: str,
    validity: { type: 'string', enum: ['current', 'revised', 'repealed', 'expired'] },
    kind: str,
    url: str,
  },
} as const;

export const itemSchema = {
  $id: 'Item',
  type: 'object',
  properties: {
    id: int,
    indexNo: strOrNull,
    kind: { type: 'string', enum: ['information', 'interpretation'] },
    status: str,
    state: str,
    version: int,
    title: str,
    unit: str,
    unitName: str,
    publisherName: str,
    issuingOrgans: { type: 'array', items: str },
    docNo: str,
    docNoNormalized: str,
    writtenDate: strOrNull,
    publishDate: strOrNull,
    effectiveDate: strOrNull,
    expiryDate: strOrNull,
    formedDate: str,
    topic: str,
    genre: str,
    audience: str,
    keywords: { type: 'array', items: str },
    summary: str,
    section: str,
    disclosure: str,
    withheldGround: strOrNull,
    interpretationForm: strOrNull,
    validity: str,
    validityByItemId: { type: ['integer', 'null'] },
    bodyHtml: str,
    attachments: { type: 'array', items: { type: 'object', properties: { id: int, filename: str, size: int, mime: str, url: str } } },
    interprets: { type: 'array', items: int },
    interpretedBy: { type: 'array', items: int },
    url: str,
    personalDataFindings: int,
    publishProblems: { type: 'array', items: str },
  },
} as const;

/** Body of POST/PUT /api/v1/items: the metadata of an information item (see Item). */
export const itemWriteSchema = {
  $id: 'ItemWrite',
  type: 'object',
  required: ['title', 'section', 'disclosure'],
  additionalProperties: false,
  properties: {
    unit: { type: 'string', description: '单位网址名或机构代码；默认为令牌所属单位' },
    kind: { type: 'string', enum: ['information', 'interpretation'] },
    title: str,
    publisherName: str,
    issuingOrgans: { type: 'array', items: str },
    docNo: str,
    writtenDate: str,
    publishDate: str,
    effectiveDate: str,
    expiryDate: str,
    formedDate: str,
    topic: str,
    genre: str,
    audience: str,
    keywords: { type: 'array', items: str },
    summary: str,
    section: str,
    disclosure: { type: 'string', enum: ['proactive', 'on_request', 'withheld'] },
    withheldGround: str,
    interpretationForm: str,
    interprets: { type: 'array', items: int },
    bodyHtml: str,
    publish: { type: 'boolean', description: '为 true 时直接发布（令牌须有 items:publish 权限）；有未处理的个人信息时保持草稿并在 publishProblems 中说明' },
  },
} as const;
