/**
 * The rules of 行政执法公示, pure: the kinds of decision and their publication clocks (国办发〔2018〕118号 二(六)), the
 * withdrawal rule for revoked decisions (行政处罚法 第四十八条), the 双公示 field set with its codes, the check of one
 * decision record, de-identification of natural persons, and the deadline of the annual statistics.
 */
import { addDays, isValidDate, type WorkingDayCalendar } from '../../lib/calendar.ts';
import { detectPersonalData, maskInText } from '../publishing/index.ts';

export const KINDS = { licence: '行政许可', penalty: '行政处罚', coercion: '行政强制', levy: '行政征收', inspection: '行政检查' } as const;
export type Kind = keyof typeof KINDS;
export const isKind = (k: unknown): k is Kind => typeof k === 'string' && Object.hasOwn(KINDS, k);

/** Working days from the decision date to publication: 许可 and 处罚 within 7, the others within 20 (118号). */
export const PUBLISH_WORKING_DAYS: Record<Kind, number> = { licence: 7, penalty: 7, coercion: 20, levy: 20, inspection: 20 };

export const REVOCATIONS = { revoked: '被依法撤销', illegal: '被确认违法', remake: '被要求重新作出', changed: '被依法变更' } as const;
export type Revocation = keyof typeof REVOCATIONS;
export const isRevocation = (k: unknown): k is Revocation => typeof k === 'string' && Object.hasOwn(REVOCATIONS, k);

/** The last day a decision may be published, and whether the calendar of every year on the way is known. */
export function publicationDue(calendar: WorkingDayCalendar, kind: Kind, decidedOn: string): { dueOn: string; provisional: boolean } {
  const r = calendar.addWorkingDays(decidedOn, PUBLISH_WORKING_DAYS[kind]);
  return { dueOn: r.date, provisional: r.provisional };
}

/** Late when published (China date) after the last day. */
export const isLate = (dueOn: string, publishedOn: string) => publishedOn > dueOn;

/**
 * A revoked decision must leave public view within `days` calendar days of the revoking act (行政处罚法 第四十八条
 * says 三日内; the statement is verified only through a secondary quotation, so the number is configuration).
 */
export function withdrawalDue(revokedOn: string, days: number): string {
  return addDays(revokedOn, days);
}

/** 行政执法总体情况 of a year is due by 31 January of the next (118号 二(六)). */
export const statsDueOn = (year: number) => `${year + 1}-01-31`;

/**
 * The 双公示 field set. Each field has the code the credit platforms' exchange uses for 处罚 (CF_) and 许可 (XK_), and a
 * Chinese label; an import may use either as the header, and the export writes the code where there is one.
 */
export const FIELDS = [
  { key: 'docNo', label: '决定书文号', cf: 'CF_WSH', xk: 'XK_WSH', required: true, max: 100 },
  { key: 'name', label: '名称', cf: 'CF_CFMC', xk: 'XK_XMMC', required: true, max: 200 },
  { key: 'category', label: '类别', cf: 'CF_CFLB1', xk: 'XK_SPLB', required: false, max: 100 },
  { key: 'cause', label: '事由', cf: 'CF_SY', xk: '', required: false, max: 2000 },
  { key: 'basis', label: '依据', cf: 'CF_YJ', xk: 'XK_YJ', required: false, max: 2000 },
  { key: 'subjectType', label: '相对人类别', cf: 'CF_XDR_LB', xk: 'XK_XDR_LB', required: false, max: 20 },
  { key: 'subjectName', label: '行政相对人名称', cf: 'CF_XDR_MC', xk: 'XK_XDR', required: true, max: 200 },
  { key: 'creditCode', label: '统一社会信用代码', cf: 'CF_XDR_SHXYM', xk: 'XK_XDR_SHXYM', required: false, max: 18 },
  { key: 'legalRep', label: '法定代表人', cf: 'CF_FR', xk: 'XK_FR', required: false, max: 50 },
  { key: 'idNumber', label: '身份证号', cf: 'CF_XDR_SFZ', xk: 'XK_XDR_SFZ', required: false, max: 18 },
  { key: 'result', label: '结果', cf: 'CF_JG', xk: 'XK_NR', required: true, max: 4000 },
  { key: 'decidedOn', label: '决定日期', cf: 'CF_JDRQ', xk: 'XK_JDRQ', required: true, max: 10 },
  { key: 'validUntil', label: '截止日期', cf: 'CF_JZRQ', xk: 'XK_JZQ', required: false, max: 10 },
  { key: 'authority', label: '执法机关', cf: 'CF_XZJG', xk: 'XK_XZJG', required: true, max: 200 },
  { key: 'areaCode', label: '地方编码', cf: 'DFBM', xk: 'DFBM', required: false, max: 12 },
  { key: 'remark', label: '备注', cf: 'BZ', xk: 'BZ', required: false, max: 1000 },
] as const;
export type FieldKey = (typeof FIELDS)[number]['key'];
export type RawDecision = Partial<Record<FieldKey, string>>;

/** The header of a kind's file: the exchange code where the kind has one, otherwise the Chinese label. */
export const headerOf = (kind: Kind) => FIELDS.map((f) => (kind === 'penalty' ? f.cf : kind === 'licence' ? f.xk : '') || f.label).filter((_, i) => FIELDS[i].key !== 'idNumber');

/** Maps a file's header cells to fields (code of either exchange, or label); unknown columns are reported. */
export function mapHeader(cells: string[]): { columns: (FieldKey | null)[]; unknown: string[]; missing: string[] } {
  const byName = new Map<string, FieldKey>();
  for (const f of FIELDS) for (const n of [f.cf, f.xk, f.label]) if (n) byName.set(n.toUpperCase(), f.key);
  byName.set('XK_YXQZI', 'validUntil');
  const columns = cells.map((c) => byName.get(c.trim().toUpperCase()) ?? null);
  const unknown = cells.filter((c, i) => c.trim() && !columns[i]).map((c) => c.trim());
  const missing = FIELDS.filter((f) => f.required && !columns.includes(f.key)).map((f) => `${f.label}（${(f as { cf: string }).cf || f.label}）`);
  return { columns, unknown, missing };
}

export interface CheckedDecision {
  docNo: string;
  name: string;
  category: string;
  cause: string;
  basis: string;
  subjectType: 'organisation' | 'natural';
  subjectName: string;
  creditCode: string;
  legalRep: string;
  result: string;
  decidedOn: string;
  validUntil: string | null;
  authority: string;
  areaCode: string;
  remark: string;
}

// GB 32100 统一社会信用代码: 18 characters of 0-9 and A-Z without I, O, Z, S, V, the last a check character.
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + CREDIT_ALPHABET.indexOf(code[i]) * w, 0);
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

/**
 * A date cell of a workbook comes as Excel's day number (days since 1899-12-30) when the reader has no styles: a whole
 * number between 1982 and 2118 in a date column is taken as one. Anything else is left as written.
 */
export function excelDate(v: string): string {
  if (!/^\d{5}(\.0+)?$/.test(v)) return v;
  const n = Number(v);
  if (n < 30000 || n > 80000) return v;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '令狐', '夏侯', '轩辕', '端木'];

/** A natural person's name as published: the surname and 某 (张三 → 张某, 欧阳修 → 欧阳某). */
export function deidentifyName(name: string): string {
  const n = name.trim();
  if (!n) return n;
  const surname = COMPOUND_SURNAMES.find((s) => n.startsWith(s) && n.length > s.length) ?? [...n][0];
  return `${surname}某`;
}

const NATURAL = new Set(['自然人', '个人', 'natural']);
const ORGANISATION = new Set(['法人', '法人及非法人组织', '非法人组织', '个体工商户', '组织', 'organisation']);

/**
 * One decision record checked field by field (errors keyed by field, in Chinese). The personal ID number is never
 * kept: it is read only to tell a natural person. Free text is masked wherever it holds personal data.
 */
export function checkDecision(raw: RawDecision): { value?: CheckedDecision; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const get = (k: FieldKey) => (raw[k] ?? '').trim();
  for (const f of FIELDS) {
    const v = get(f.key);
    if (f.required && !v) errors[f.key] = `缺少${f.label}`;
    else if (v.length > f.max) errors[f.key] = `${f.label}不超过${f.max}字`;
  }
  const date = (k: 'decidedOn' | 'validUntil') => {
    const v = excelDate(get(k))
      .replace(/[/.]/g, '-')
      .replace(/^(\d{4})-(\d)-/, '$1-0$2-')
      .replace(/-(\d)$/, '-0$1');
    if (v && !isValidDate(v)) errors[k] = `${k === 'decidedOn' ? '决定日期' : '截止日期'}应为 2026-03-05 这样的日期`;
    return v;
  };
  const decidedOn = date('decidedOn');
  const validUntil = date('validUntil');
  if (decidedOn && validUntil && !errors.decidedOn && !errors.validUntil && validUntil < decidedOn) errors.validUntil = '截止日期不能早于决定日期';
  const creditCode = get('creditCode').toUpperCase();
  if (creditCode && !isValidCreditCode(creditCode)) errors.creditCode = '统一社会信用代码应为18位且校验位正确';
  const typeText = get('subjectType');
  if (typeText && !NATURAL.has(typeText) && !ORGANISATION.has(typeText)) errors.subjectType = '相对人类别应为“法人及非法人组织”“个体工商户”或“自然人”';
  // Without a stated type, a record with a credit code is an organisation and one without is treated as a person:
  // the safe side, since a person's name must not be published whole.
  const subjectType: CheckedDecision['subjectType'] = typeText ? (NATURAL.has(typeText) ? 'natural' : 'organisation') : creditCode ? 'organisation' : 'natural';
  if (subjectType === 'organisation' && !creditCode && !errors.creditCode) errors.creditCode = '法人及非法人组织应填写统一社会信用代码';
  if (Object.keys(errors).length) return { errors };
  const clean = (s: string) => {
    // Every kind of personal data the detector knows has a run of digits or an '@': most texts have neither.
    if (!/\d{7}|@/.test(s)) return s;
    const found = detectPersonalData(s);
    return found.length ? maskInText(s, found) : s;
  };
  return {
    errors,
    value: {
      docNo: get('docNo'),
      name: get('name'),
      category: get('category'),
      cause: clean(get('cause')),
      basis: get('basis'),
      subjectType,
      subjectName: subjectType === 'natural' ? deidentifyName(get('subjectName')) : get('subjectName'),
      creditCode: subjectType === 'natural' ? '' : creditCode,
      legalRep: subjectType === 'natural' ? '' : get('legalRep'),
      result: clean(get('result')),
      decidedOn,
      validUntil: validUntil || null,
      authority: get('authority'),
      areaCode: get('areaCode'),
      remark: clean(get('remark')),
    },
  };
}

/**
 * 事前公开 (118号 二(四)): the kinds of register entry and their fields. An officer's 执法证号 is public; a personal
 * ID number never is (refused wherever it appears).
 */
export const REGISTER_KINDS = {
  body: { label: '执法主体', titleLabel: '主体名称', fields: { duties: '职责', basis: '设立依据', address: '地址', phone: '电话' } },
  officer: { label: '执法人员', titleLabel: '姓名', fields: { certificate: '执法证号', area: '执法类别', issuer: '发证机关', validUntil: '证件有效期至' } },
  power: { label: '职责权限', titleLabel: '事项名称', fields: { code: '事项编码', category: '职权类别', basis: '设定依据', listUrl: '权责清单链接' } },
  procedure: { label: '执法程序', titleLabel: '程序名称', fields: { steps: '步骤（每行一步）', timeLimit: '办理时限', appliesTo: '适用事项' } },
  remedy: { label: '救济渠道', titleLabel: '渠道名称', fields: { how: '方式和期限', where: '受理机关和地址', phone: '电话' } },
  inspection_item: { label: '随机抽查事项', titleLabel: '抽查事项', fields: { basis: '抽查依据', objects: '抽查对象', method: '抽查方式', ratio: '比例和频次' } },
} as const;
export type RegisterKind = keyof typeof REGISTER_KINDS;
export const isRegisterKind = (k: unknown): k is RegisterKind => typeof k === 'string' && Object.hasOwn(REGISTER_KINDS, k);

export function checkRegisterEntry(kind: RegisterKind, input: { title: string; reviewOn: string; fields: Record<string, string> }, today: string) {
  const errors: Record<string, string> = {};
  const spec = REGISTER_KINDS[kind];
  const title = input.title.trim();
  if (!title) errors.title = `请填写${spec.titleLabel}`;
  else if (title.length > 200) errors.title = `${spec.titleLabel}不超过200字`;
  const fields: Record<string, string> = {};
  for (const [k, label] of Object.entries(spec.fields)) {
    const v = (input.fields[k] ?? '').trim();
    if (v.length > 4000) errors[k] = `${label}不超过4000字`;
    fields[k] = v;
  }
  if (kind === 'officer') {
    if (!fields.certificate) errors.certificate = '请填写执法证号';
    if (fields.validUntil && !isValidDate(fields.validUntil)) errors.validUntil = '有效期应为 2028-12-31 这样的日期';
  }
  if (kind === 'power' && fields.listUrl && !/^https?:\/\/\S+$/.test(fields.listUrl)) errors.listUrl = '链接应以 http:// 或 https:// 开头';
  for (const [k, v] of Object.entries({ title, ...fields }))
    if (detectPersonalData(v).some((f) => f.kind === 'id_card' || f.kind === 'mobile')) errors[k] = '不得公开身份证号或个人手机号码';
  if (!isValidDate(input.reviewOn)) errors.reviewOn = '请填写下次核对日期，如 2027-06-30';
  else if (input.reviewOn <= today) errors.reviewOn = '下次核对日期应在今天之后';
  return { errors, value: { title, fields, reviewOn: input.reviewOn } };
}
