/**
 * The application form (条例 第二十九条) as one schema for the public form, the staff registration screen and the
 * API, with messages in the applicant's language.
 */
import { z } from 'zod';
import { isValidIdCard } from '../publishing/index.ts';
import { isValidDate } from '../../lib/calendar.ts';
import { fieldErrors } from '../../lib/validation.ts';

export const APPLICANT_TYPES = { natural: '自然人', legal: '法人或其他组织' } as const;
/** The sub-types table 三 of the annual report counts separately. */
export const APPLICANT_SUBTYPES = { commercial: '商业企业', research: '科研机构', public_interest: '社会公益组织', legal_services: '法律服务机构', other: '其他' } as const;
export const ID_TYPES = { natural: ['居民身份证', '港澳居民来往内地通行证', '台湾居民来往大陆通行证', '护照', '其他'], legal: ['统一社会信用代码', '其他'] } as const;
export const DELIVERY_FORMS = { paper: '纸质', electronic: '电子' } as const;
export const DELIVERY_METHODS = { post: '邮寄', email: '电子邮件', collect: '当面领取', online: '在线查看下载' } as const;
export const CHANNELS = {
  online: '网上申请',
  in_person: '当面提交',
  post_signed: '邮寄（需签收：挂号信、快递）',
  post_ordinary: '平常信函（无需签收）',
  fax: '传真',
  email: '电子邮件',
  oral: '口头提出（工作人员代为填写）',
} as const;

const text = (max: number, missing = '请填写') => z.string({ error: missing }).trim().max(max, `不能超过${max}个字`);
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

const applicationBase = z.object({
  applicantType: z.enum(['natural', 'legal'], { message: '请选择申请人类型' }),
  applicantSubtype: z.enum(['commercial', 'research', 'public_interest', 'legal_services', 'other']).optional(),
  applicantName: text(100, '请填写姓名或名称').min(1, '请填写姓名或名称'),
  idType: text(30, '请选择证件类型').min(1, '请选择证件类型'),
  idNumber: text(40, '请填写证件号码').min(1, '请填写证件号码'),
  contactPerson: text(50).default(''),
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(/^[0-9+\-\s()]{7,20}$/, '请填写有效的联系电话'),
  email: z.union([z.literal(''), z.string().trim().email('请填写有效的电子邮箱')]).default(''),
  address: text(200).default(''),
  postcode: z
    .union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{6}$/, '邮政编码为6位数字'),
    ])
    .default(''),
  infoTitle: text(200).default(''),
  infoDocNo: text(60).default(''),
  infoDescription: text(2000, '请描述所需政府信息').min(5, '请描述所需政府信息（名称、文号或便于查询的特征），至少5个字'),
  deliveryForm: z.enum(['paper', 'electronic'], { message: '请选择信息的载体形式' }),
  deliveryMethod: z.enum(['post', 'email', 'collect', 'online'], { message: '请选择获取信息的方式' }),
});

/**
 * Rules between fields. They run on the raw form even when other fields are wrong, so the applicant sees every
 * problem at once (a zod refinement would only run once the whole object parsed).
 */
function applicationRules(raw: Record<string, unknown>): Record<string, string> {
  const v = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  const out: Record<string, string> = {};
  const type = v('applicantType');
  if (type === 'legal' && !v('applicantSubtype')) out.applicantSubtype = '请选择法人或其他组织的类别';
  if (type === 'legal' && !v('contactPerson')) out.contactPerson = '请填写联系人';
  if ((type === 'natural' || type === 'legal') && v('idType') && !(ID_TYPES[type] as readonly string[]).includes(v('idType'))) out.idType = '请选择与申请人类型相符的证件类型';
  if (v('idType') === '居民身份证' && v('idNumber') && !isValidIdCard(v('idNumber').toUpperCase())) out.idNumber = '身份证号码有误，请核对（18位，最后一位可能是X）';
  if (v('idType') === '统一社会信用代码' && v('idNumber') && !USCC.test(v('idNumber').toUpperCase())) out.idNumber = '统一社会信用代码应为18位数字或大写字母';
  if (v('deliveryMethod') === 'post' && !v('address')) out.address = '选择邮寄的，请填写通信地址';
  if (v('deliveryMethod') === 'email' && !v('email')) out.email = '选择电子邮件的，请填写电子邮箱';
  if (v('deliveryMethod') === 'email' && v('deliveryForm') === 'paper') out.deliveryMethod = '纸质件不能通过电子邮件获取';
  if (v('deliveryMethod') === 'online' && v('deliveryForm') === 'paper') out.deliveryMethod = '纸质件请选择邮寄或当面领取';
  return out;
}

export const applicationSchema = {
  /** Same shape as zod's safeParse: the data, or every field's problem. */
  safeParse(raw: unknown): { success: true; data: ApplicationInput } | { success: false; errors: Record<string, string> } {
    const input = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    const r = applicationBase.safeParse(input);
    const errors = { ...applicationRules(input), ...(r.success ? {} : fieldErrors(r.error)) };
    if (!r.success || Object.keys(errors).length) return { success: false, errors };
    const d = r.data;
    return { success: true, data: { ...d, idNumber: d.idNumber.toUpperCase(), applicantSubtype: d.applicantType === 'legal' ? d.applicantSubtype : undefined } };
  },
};

export type ApplicationInput = z.infer<typeof applicationBase>;

/**
 * Staff registration adds the channel and the dates Art. 31 fixes the receipt date by: the day handed in, the day a
 * signed-for letter was signed for, or the day receipt was confirmed with the applicant (ordinary letter, fax, e-mail).
 */
export const registrationSchema = z
  .object({
    channel: z.enum(['in_person', 'post_signed', 'post_ordinary', 'fax', 'email', 'oral'], { message: '请选择申请渠道' }),
    arrivedOn: z.string({ error: '请填写收到申请的日期' }).refine(isValidDate, '请填写收到申请的日期'),
    confirmedOn: z.union([z.literal(''), z.string().refine(isValidDate, '请填写有效日期')]).default(''),
  })
  .superRefine((v, ctx) => {
    if (['post_ordinary', 'fax', 'email'].includes(v.channel) && !v.confirmedOn)
      ctx.addIssue({ code: 'custom', path: ['confirmedOn'], message: '平常信函、传真和电子邮件以与申请人确认之日为收到申请之日，请填写确认日期' });
    if (v.channel === 'post_ordinary' && v.confirmedOn && v.confirmedOn !== v.arrivedOn)
      ctx.addIssue({ code: 'custom', path: ['confirmedOn'], message: '平常信函应在收到当日与申请人确认（条例第三十一条第二项）' });
    if (v.confirmedOn && v.confirmedOn < v.arrivedOn) ctx.addIssue({ code: 'custom', path: ['confirmedOn'], message: '确认日期不能早于收到日期' });
  });

/** 收到申请之日 by channel (Art. 31). */
export function receiptDate(r: { channel: string; arrivedOn: string; confirmedOn?: string }): string {
  return ['post_ordinary', 'fax', 'email', 'online'].includes(r.channel) ? r.confirmedOn || r.arrivedOn : r.arrivedOn;
}
