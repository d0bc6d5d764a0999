import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../../lib/authz.ts';

export const UNIT_LEVELS = { city: '市级', county: '县（区）级', township: '乡镇（街道）级' } as const;
export const UNIT_KINDS = { government: '人民政府', department: '政府部门' } as const;

const text = (max: number, msg: string) => z.string().trim().max(max, msg);

export const unitInput = z.object({
  parentId: z.number().int().positive().nullable(),
  code: z
    .string()
    .trim()
    .regex(/^([0-9A-Z]{8,9}|[0-9A-Z]{18})$/, '机构代码应为8至9位组织机构代码或18位统一社会信用代码（数字和大写字母）'),
  creditCode: z
    .string()
    .trim()
    .regex(/^([0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})?$/, '统一社会信用代码应为18位')
    .default(''),
  name: z.string().trim().min(2, '请填写机构全称').max(100, '机构全称不超过100字'),
  shortName: z.string().trim().min(1, '请填写机构简称').max(30, '简称不超过30字'),
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '网址名只能用小写字母、数字和连字符'),
  level: z.enum(['city', 'county', 'township'], { error: '请选择层级' }),
  kind: z.enum(['government', 'department'], { error: '请选择机构类型' }),
  officeName: text(100, '不超过100字').default(''),
  address: text(200, '不超过200字').default(''),
  officeHours: text(200, '不超过200字').default(''),
  phone: text(50, '不超过50字').default(''),
  fax: text(50, '不超过50字').default(''),
  webContact: text(200, '不超过200字').default(''),
  email: z.union([z.literal(''), z.string().trim().email('电子邮箱格式不正确')]).default(''),
  postcode: z
    .string()
    .trim()
    .regex(/^(\d{6})?$/, '邮政编码应为6位数字')
    .default(''),
  guideText: text(20000, '不超过2万字').default(''),
});
export type UnitInput = z.infer<typeof unitInput>;

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const userInput = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9_.-]{3,40}$/, '用户名为3至40位小写字母、数字、点、下划线或连字符'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过50字'),
  unitId: z.number({ error: '请选择所属单位' }).int().positive('请选择所属单位'),
  password: z.string().min(10, '密码至少10位').max(200, '密码过长'),
  grants: z.array(z.object({ role: z.enum(ROLES as [Role, ...Role[]]), unitId: z.number().int().positive() })).default([]),
});
export type UserInput = z.infer<typeof userInput>;

export const loginInput = z.object({
  username: z.string().trim().toLowerCase().min(1, '请填写用户名').max(40, '用户名不正确'),
  password: z.string().min(1, '请填写密码').max(200, '密码不正确'),
});
