/**
 * The letters of a case (受理回执, 补正告知书, 征求意见书, 延期答复告知书, 收费通知, 答复告知书): numbered per unit and
 * year, each citing its legal basis, stored with the exact text sent. Rendered as print-ready HTML and as DOCX.
 */
import { chineseDate } from '../../lib/calendar.ts';
import { notifyLetter } from './notify.ts';
import { releasedLinks } from './released.ts';
import type { Queryable } from '../../lib/db.ts';
import type { CaseRow, CaseContext } from './caseStore.ts';
import { nextNumber } from './caseStore.ts';
import { OUTCOME_BY_CODE, REMEDIES } from './outcomes.ts';
import { DELIVERY_FORMS, DELIVERY_METHODS } from './forms.ts';
import { applyTemplate, templateFor } from './templates.ts';
import { CONSULTATION_WORKING_DAYS, FEE_PAYMENT_WORKING_DAYS, REPLY_WORKING_DAYS } from './clock.ts';

export type LetterKind = 'receipt' | 'correction_notice' | 'consultation_letter' | 'extension_notice' | 'fee_notice' | 'reply';

export const LETTER_TITLES: Record<LetterKind, string> = {
  receipt: '政府信息公开申请受理回执',
  correction_notice: '政府信息公开申请补正告知书',
  consultation_letter: '政府信息公开征求意见书',
  extension_notice: '政府信息公开申请延期答复告知书',
  fee_notice: '政府信息公开信息处理费收费通知',
  reply: '政府信息公开申请答复告知书',
};

export interface Letter {
  id: number;
  kind: LetterKind;
  letter_no: string;
  on_date: string;
  title: string;
  paragraphs: string[];
  /** The letter this one corrects and replaces, and the one that replaced this (both kept). */
  replaces_no?: string | null;
  replaced_by_no?: string | null;
}

const what = (c: CaseRow) =>
  [c.info_title && `《${c.info_title}》`, c.info_doc_no && `（${c.info_doc_no}）`].filter(Boolean).join('') ||
  `“${c.info_description.slice(0, 60)}${c.info_description.length > 60 ? '…' : ''}”`;
const addressee = (c: CaseRow) => `${c.applicant_name}：`;

/**
 * A sentence ends once: text typed by staff may already end with a full stop, a full stop inside closing quotes, a
 * comma or a semicolon. Trailing commas and semicolons give way to the full stop; a final 。！？ (inside quotes or
 * brackets too) is kept as it is. Letters used to read "。。" and "。”。".
 */
export function sentence(s: string): string {
  const t = trimEnd(s, '，,；;、：: \t\n\u3000');
  return /[。！？!?][”’」』）)]*$/u.test(t) ? t : `${t}。`;
}

/** Text placed inside a sentence (after 因, before a comma): its own final stop or comma removed. */
export function clause(s: string): string {
  return trimEnd(s, '。.；;，,、 \t\n\u3000');
}

/** Removes the characters of `chars` from the end (a loop: a trailing-run pattern is quadratic on long input). */
function trimEnd(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1])) end--;
  return s.slice(0, end).trim();
}

/** The text of each kind of letter; `d` holds what the step recorded. */
export function letterText(kind: LetterKind, c: CaseRow, d: Record<string, unknown>, onDate: string): string[] {
  const received = c.received_on ? chineseDate(c.received_on) : chineseDate(onDate);
  switch (kind) {
    case 'receipt':
      return [
        addressee(c),
        `本机关于${received}收到您提出的政府信息公开申请（申请编号：${c.case_no}），申请获取${what(c)}。`,
        `根据《中华人民共和国政府信息公开条例》第三十三条，本机关将自收到申请之日起${REPLY_WORKING_DAYS}个工作日内予以答复；需要延长答复期限的，将另行告知。征求第三方和其他机关意见所需时间不计算在上述期限内。`,
        `您可以凭申请编号和查询码在本网站“依申请公开”栏目查询办理进度。`,
      ];
    case 'correction_notice':
      return [
        addressee(c),
        `本机关于${received}收到您提出的政府信息公开申请（申请编号：${c.case_no}）。经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条，请您对以下事项一并作出补正：`,
        ...(d.items as string[]).map((x, i) => `${i + 1}. ${sentence(x)}`),
        `请于${chineseDate(String(d.deadline))}前提交补正材料。答复期限自本机关收到补正的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ];
    case 'consultation_letter':
      return [
        `${String(d.partyName)}：`,
        `本机关收到政府信息公开申请（申请编号：${c.case_no}），申请公开${what(c)}。该信息的公开${d.party === 'inter_agency' ? '涉及贵机关，根据《中华人民共和国政府信息公开条例》第三十四条' : '可能损害贵方合法权益，根据《中华人民共和国政府信息公开条例》第三十二条'}，现书面征求意见。`,
        `请自收到本征求意见书之日起${CONSULTATION_WORKING_DAYS}个工作日内提出意见。${d.party === 'inter_agency' ? '逾期未提出意见的视为同意公开。' : '逾期未提出意见的，由本机关依照条例的规定决定是否公开。'}`,
      ];
    case 'extension_notice':
      return [
        addressee(c),
        `本机关于${received}收到您提出的政府信息公开申请（申请编号：${c.case_no}）。因${clause(String(d.reason))}，需要延长答复期限，经本机关政府信息公开工作机构负责人同意，根据《中华人民共和国政府信息公开条例》第三十三条第二款，答复期限延长${Number(d.workingDays)}个工作日，至${chineseDate(String(d.newDueOn))}。`,
      ];
    case 'fee_notice':
      return [
        addressee(c),
        `您提出的政府信息公开申请（申请编号：${c.case_no}）申请公开政府信息的数量、频次明显超过合理范围。根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本机关决定${d.method === 'page' ? `按量计收信息处理费：共${Number(d.count)}页` : `按件计收信息处理费：本月第${Number(d.before) + 1}件起共${Number(d.count)}件`}，金额${Number(d.amount)}元。`,
        `请自收到本通知次日起${FEE_PAYMENT_WORKING_DAYS}个工作日内缴纳（截至${chineseDate(String(d.payBy))}）。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。`,
      ];
    case 'reply': {
      const o = OUTCOME_BY_CODE.get(String(d.outcome))!;
      const lines = [addressee(c), `本机关于${received}收到您提出的政府信息公开申请（申请编号：${c.case_no}），申请获取${what(c)}。`];
      lines.push(sentence(`经审查，${[clause(o.replyText), d.detail ? String(d.detail).trim() : ''].filter(Boolean).join('：')}`));
      if (d.publishedUrl) lines.push(`获取途径：${String(d.publishedUrl)}`);
      if (d.responsibleAgency) lines.push(sentence(`负责公开该政府信息的机关为：${String(d.responsibleAgency)}`));
      if (d.withheldReason) lines.push(sentence(`不予公开部分的理由：${String(d.withheldReason)}`));
      const released = (d.released as string[] | undefined) ?? [];
      if (released.length)
        lines.push(
          `随本告知书提供的政府信息：${released.join('、')}（共${released.length}个文件${o.group === 'partial' ? '，为经区分处理后可以公开的部分' : ''}），可凭申请编号和查询码在网上查看下载。`,
        );
      if (o.group === 'disclose' || o.group === 'partial')
        lines.push(`提供形式：${DELIVERY_FORMS[c.delivery_form as keyof typeof DELIVERY_FORMS]}，${DELIVERY_METHODS[c.delivery_method as keyof typeof DELIVERY_METHODS]}。`);
      lines.push(`依据：《中华人民共和国政府信息公开条例》${o.basis.replace('条例', '')}。`);
      lines.push(REMEDIES);
      return lines;
    }
  }
}

/** The next number of the unit's letters in the year of `onDate`: 民政局依申〔2026〕3号. */
export async function nextLetterNo(tx: Queryable, c: Pick<CaseRow, 'unit_id' | 'unit_name'>, onDate: string): Promise<string> {
  const year = Number(onDate.slice(0, 4));
  const n = await nextNumber(tx, `letter:${c.unit_id}`, year);
  const short = c.unit_name.replace(/人民政府$/, '').replace(/^.*?市/, '') || c.unit_name;
  return `${short}依申〔${year}〕${n}号`;
}

/** Numbers and stores a letter: 〔year〕N号 of the unit's sequence. */
export async function issueLetter(
  tx: Queryable,
  ctx: CaseContext,
  c: CaseRow,
  kind: LetterKind,
  onDate: string,
  d: Record<string, unknown>,
  opts: { released?: { id: number; filename: string }[] } = {},
): Promise<Letter> {
  const letterNo = await nextLetterNo(tx, c, onDate);
  const template = await templateFor(tx, c.unit_path, kind);
  const paragraphs = applyTemplate(template, letterText(kind, c, d, onDate), { applicant: c.applicant_name, caseNo: c.case_no, unitName: c.unit_name });
  const r = await tx.query<{ id: number }>(
    'INSERT INTO case_letters (case_id, kind, letter_no, on_date, title, paragraphs, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int',
    [c.id, kind, letterNo, onDate, LETTER_TITLES[kind], paragraphs, ctx.now],
  );
  await notifyLetter(tx, ctx, c, { title: LETTER_TITLES[kind], letter_no: letterNo }, releasedLinks(ctx.secret, opts.released ?? [], ctx.now));
  return { id: r.rows[0].id, kind, letter_no: letterNo, on_date: onDate, title: LETTER_TITLES[kind], paragraphs };
}

export async function caseLetters(q: Queryable, caseId: number): Promise<Letter[]> {
  return (
    await q.query<Letter>(
      `SELECT l.id::int, l.kind, l.letter_no, l.on_date::text, l.title, l.paragraphs, r.letter_no AS replaces_no, b.letter_no AS replaced_by_no
         FROM case_letters l LEFT JOIN case_letters r ON r.id = l.replaces_id LEFT JOIN case_letters b ON b.replaces_id = l.id
        WHERE l.case_id = $1 ORDER BY l.id`,
      [caseId],
    )
  ).rows;
}
