/**
 * Fastify's schema errors (ajv) as field → message in Chinese, naming the query parameter or body field at fault
 * (`?limit=5` used to be reported as "body"). The keywords are ajv's; anything else falls back to a plain message.
 */
export interface AjvIssue {
  keyword?: string;
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

const TYPES: Record<string, string> = { integer: '整数', number: '数字', string: '文字', boolean: 'true 或 false', array: '列表', object: '对象', null: '空值' };
/** Names clients often try, with what this API calls them. */
const ALIASES: Record<string, string> = { limit: 'pageSize', per_page: 'pageSize', size: 'pageSize', offset: 'page', start: 'page', q: 'q' };

function issueMessage(v: AjvIssue): string {
  const p = v.params ?? {};
  switch (v.keyword) {
    case 'additionalProperties': {
      const name = String(p.additionalProperty);
      return ALIASES[name] && ALIASES[name] !== name ? `不支持的参数，分页请用 page（第几页，从1起）和 pageSize（每页条数）` : '不支持的参数';
    }
    case 'required':
      return '必填';
    case 'type':
      return `应为${String(p.type)
        .split(',')
        .map((t) => TYPES[t] ?? t)
        .join('或')}`;
    case 'enum':
      return `应为以下之一：${(p.allowedValues as unknown[]).slice(0, 12).join('、')}${(p.allowedValues as unknown[]).length > 12 ? '……' : ''}`;
    case 'minimum':
      return `不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `不能大于 ${String(p.limit)}`;
    case 'minLength':
      return Number(p.limit) === 1 ? '不能为空' : `至少 ${String(p.limit)} 个字符`;
    case 'maxLength':
      return `不能超过 ${String(p.limit)} 个字符`;
    case 'maxItems':
      return `最多 ${String(p.limit)} 项`;
    case 'format':
      return `格式不正确（应为 ${String(p.format)}）`;
    case 'pattern':
      return '格式不正确';
    default:
      return '格式不正确';
  }
}

export function validationFields(issues: AjvIssue[], context: string | undefined): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const v of issues) {
    const p = v.params ?? {};
    const path = (v.instancePath ?? '')
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (v.keyword === 'additionalProperties') path.push(String(p.additionalProperty));
    if (v.keyword === 'required') path.push(String(p.missingProperty));
    const key = path.join('.') || (context === 'querystring' ? 'query' : context === 'params' ? 'path' : 'body');
    fields[key] ??= issueMessage(v);
  }
  const where = context === 'querystring' ? '查询参数' : context === 'params' ? '路径参数' : context === 'headers' ? '请求头' : '请求内容';
  const named = Object.entries(fields)
    .slice(0, 3)
    .map(([k, m]) => `${k}：${m}`)
    .join('；');
  return { message: `${where}有误（${named}）。`, fields };
}
