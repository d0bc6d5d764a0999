/** Input of a government information item's metadata, validated with messages in Chinese. */
import { z } from 'zod';
import { isValidDate } from '../../lib/calendar.ts';
import { DISCLOSURE, GENRES, INTERPRETATION_FORMS, SECTION_BY_CODE, TOPIC_VALUES, VALIDITY, WITHHELD_GROUNDS } from './taxonomy.ts';

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || isValidDate(v), `${label}不是有效日期（格式：2026-03-02）`)
    .transform((v) => v || null);

/** Splits "a，b；c d" lists typed by people into clean items. */
export const splitList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : (v ?? '').split(/[，,；;、\n]+|\s{2,}/)).map((s) => s.trim()).filter(Boolean);

export const itemInput = z
  .object({
    kind: z.enum(['information', 'interpretation']).default('information'),
    title: z.string().trim().min(1, '请填写标题').max(200, '标题不超过200字'),
    publisherName: z.string().trim().max(100, '发布机构不超过100字').default(''),
    issuingOrgans: z.array(z.string().trim().min(1).max(100, '发文机关名称过长')).max(10, '发文机关最多10个').default([]),
    docNo: z.string().trim().max(50, '发文字号不超过50字').default(''),
    writtenDate: optionalDate('成文日期').prefault(''),
    publishDate: optionalDate('发布日期').prefault(''),
    effectiveDate: optionalDate('生效日期').prefault(''),
    expiryDate: optionalDate('失效日期').prefault(''),
    formedDate: optionalDate('形成或变更日期').prefault(''),
    topic: z
      .string()
      .trim()
      .refine((v) => v === '' || TOPIC_VALUES.includes(v), '请从列表中选择主题分类')
      .default(''),
    genre: z
      .string()
      .trim()
      .refine((v) => v === '' || (GENRES as readonly string[]).includes(v), '请从列表中选择体裁（文种）')
      .default(''),
    legalForm: z.enum(['', 'rule', 'normative'], { error: '请从列表中选择文件性质' }).default(''),
    audience: z.string().trim().max(100, '服务对象不超过100字').default(''),
    keywords: z.array(z.string().trim().max(30, '每个主题词不超过30字')).max(20, '主题词最多20个').default([]),
    summary: z.string().trim().max(1500, '内容概述不超过1500字').default(''),
    sectionCode: z.string().refine((v) => SECTION_BY_CODE.has(v) && v !== 'guide', '请选择所属栏目'),
    disclosure: z.enum(Object.keys(DISCLOSURE) as [keyof typeof DISCLOSURE], { error: '请选择公开方式' }),
    withheldGround: z
      .string()
      .trim()
      .refine((v) => v === '' || v in WITHHELD_GROUNDS, '请从列表中选择不公开的依据')
      .transform((v) => v || null)
      .prefault(''),
    interpretationForm: z
      .string()
      .trim()
      .refine((v) => v === '' || v in INTERPRETATION_FORMS, '请从列表中选择解读形式')
      .transform((v) => v || null)
      .prefault(''),
    /** Ids of the policies an interpretation interprets. */
    interprets: z.array(z.number().int().positive()).max(20).default([]),
    bodyHtml: z.string().max(2_000_000, '正文过长').default(''),
    changeNote: z.string().trim().max(500, '修订说明不超过500字').default(''),
    scheduledAt: z
      .string()
      .trim()
      .refine((v) => v === '' || !Number.isNaN(new Date(v).getTime()), '定时发布时间格式不正确')
      .transform((v) => (v ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}+08:00`) : null))
      .prefault(''),
  })
  .superRefine((v, ctx) => {
    // 国办发〔2016〕80号: not publishing proactively must give its legal reason.
    if (v.disclosure !== 'proactive' && !v.withheldGround) {
      ctx.addIssue({ code: 'custom', path: ['withheldGround'], message: '依申请公开或不予公开的，须选择依据（条例第十四条至第十六条）' });
    }
    if (v.kind === 'interpretation' && !v.interpretationForm) {
      ctx.addIssue({ code: 'custom', path: ['interpretationForm'], message: '政策解读须选择解读形式' });
    }
    if (v.effectiveDate && v.expiryDate && v.expiryDate < v.effectiveDate) {
      ctx.addIssue({ code: 'custom', path: ['expiryDate'], message: '失效日期不能早于生效日期' });
    }
    if (v.writtenDate && v.publishDate && v.publishDate < v.writtenDate) {
      ctx.addIssue({ code: 'custom', path: ['publishDate'], message: '发布日期不能早于成文日期' });
    }
  });
export type ItemInput = z.infer<typeof itemInput>;

export const validityInput = z.object({
  validity: z.enum(Object.keys(VALIDITY) as [keyof typeof VALIDITY], { error: '请选择有效性' }),
  byItemId: z.number().int().positive().nullable().default(null),
});

/** Fields a person must fill before an item goes to review or is approved, as their Chinese names. */
export function missingFields(v: {
  title: string;
  section_code: string;
  topic: string;
  genre: string;
  body_text: string;
  attachments: number;
  formed_date: string | null;
  kind: string;
  interprets: number;
}): string[] {
  const m: string[] = [];
  if (!v.title.trim()) m.push('标题');
  if (!v.section_code) m.push('所属栏目');
  if (!v.formed_date) m.push('形成或变更日期');
  if (!v.topic) m.push('主题分类');
  if (!v.genre) m.push('体裁（文种）');
  if (!v.body_text.trim() && v.attachments === 0) m.push('正文或附件');
  if (v.kind === 'interpretation' && v.interprets === 0) m.push('所解读的政策');
  return m;
}
