/**
 * Open311 GeoReport v2 (ADR 0020): messages as service requests, so existing civic-reporting clients can file and
 * follow them. A service is a message type; the category and a title are the service's attributes. Responses are
 * built once as plain objects and written as JSON or XML (XML is the format the specification requires).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { chinaDate } from '../../lib/clock.ts';
import type { MessageRow } from './queries.ts';
import { CATEGORIES, isUnanswered, MESSAGE_TYPES, type MessageType } from './rules.ts';

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
/** When this interface last changed: clients cache the discovery and services by it. */
export const CHANGESET = '2026-12-01T00:00:00+08:00';

const SERVICE_DESCRIPTIONS: Record<MessageType, string> = {
  consult: '询问政策、办事流程等，一般5个工作日内答复',
  suggest: '对政府工作提出建议，一般10个工作日内答复',
  complaint: '投诉问题或不作为，一般15个工作日内答复',
  help: '遇到困难请求帮助，一般10个工作日内答复',
  thanks: '表扬和感谢',
};

export function services() {
  return (Object.keys(MESSAGE_TYPES) as MessageType[]).map((code) => ({
    service_code: code,
    service_name: MESSAGE_TYPES[code],
    description: SERVICE_DESCRIPTIONS[code],
    metadata: true,
    type: 'realtime',
    keywords: MESSAGE_TYPES[code],
    group: '留言',
  }));
}

export function serviceDefinition(code: MessageType) {
  return {
    service_code: code,
    attributes: [
      { variable: true, code: 'title', datatype: 'string', required: false, datatype_description: '100字以内', order: 1, description: '标题（不填时取描述的开头）' },
      {
        variable: true,
        code: 'category',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 2,
        description: '涉及领域，用于派单',
        values: CATEGORIES.map((c) => ({ key: c, name: c })),
      },
      {
        variable: true,
        code: 'consent_publish',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: null,
        order: 3,
        description: '答复后是否同意公开留言和答复（隐去个人信息）',
        values: [
          { key: '1', name: '同意公开' },
          { key: '0', name: '不同意公开' },
        ],
      },
    ],
  };
}

/** A China date as the start of that day, +08:00; a timestamp as itself. */
const dayStart = (d: string) => `${d}T00:00:00+08:00`;

/**
 * One message as a service request. `full` is for the token that filed it (or its unit's): the text as written and
 * the reply; anyone else sees only what the archive publishes, masked, and nothing of an unpublished message.
 */
export function serviceRequest(m: MessageRow & { created_at: Date }, full: boolean) {
  const open = isUnanswered(m.state);
  const text = full ? m.body : m.public_body;
  const reply = full ? m.reply : m.public_reply;
  return {
    service_request_id: m.case_no,
    status: open ? 'open' : 'closed',
    status_notes: open
      ? m.extended
        ? `已延期：${m.extend_reason}`
        : null
      : reply || (m.state === 'withdrawn' ? '留言人已撤回' : m.state === 'merged' ? '已并入相同事项的留言办理' : null),
    service_name: MESSAGE_TYPES[m.type],
    service_code: m.type,
    description: text ? text.slice(0, 4000) : null,
    agency_responsible: m.unit_name,
    service_notice: open ? `由${m.unit_name}办理，${m.due_on}前答复` : null,
    requested_datetime: chinaDate(m.created_at) === m.received_on ? m.created_at.toISOString() : dayStart(m.received_on),
    updated_datetime: m.updated_at.toISOString(),
    expected_datetime: `${m.due_on}T23:59:59+08:00`,
    address: m.area || null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: null,
  };
}

const builder = new XMLBuilder({ ignoreAttributes: true, format: false, suppressEmptyNode: false, processEntities: true });

/** Nulls are empty elements; booleans and numbers their text. */
function xmlValue(v: unknown): unknown {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(xmlValue);
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, xmlValue(x)]));
  return String(v);
}

/**
 * The XML of a response: a root element holding one child element per array entry, as the specification's examples
 * (services/service, service_requests/request, errors/error). Nested lists name their children the same way.
 */
export function toXml(root: string, child: string | null, value: unknown): string {
  const NESTED: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' };
  const wrap = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(wrap);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, NESTED[k] && Array.isArray(x) ? { [NESTED[k]]: x.map(wrap) } : wrap(x)]));
    }
    return v;
  };
  const body = child ? { [child]: (value as unknown[]).map(wrap) } : wrap(value);
  return `<?xml version="1.0" encoding="utf-8"?>${builder.build({ [root]: xmlValue(body) })}`;
}
