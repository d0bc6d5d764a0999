import type { Command } from './commands.ts';
import { createUser } from '../modules/orgs/index.ts';
import { getUnitByCode } from '../modules/orgs/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { ROLES } from '../modules/orgs/index.ts';

export const createUserCommand: Command = {
  summary: '创建工作人员：--username --name --unit 机构代码 --role 角色[,角色] --password（或环境变量 GONGKAI_NEW_PASSWORD）',
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    unit: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
  async run(ctx, v) {
    const db = await ctx.openDb();
    const unitCode = String(v.unit ?? '');
    const unit = unitCode ? await getUnitByCode(db, unitCode) : undefined;
    if (!unit) throw new ValidationError({ unit: `找不到机构代码为“${unitCode}”的单位` });
    const roles = String(v.role ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = roles.filter((r) => !ROLES.includes(r as never));
    if (bad.length || !roles.length) throw new ValidationError({ role: `角色应为 ${ROLES.join(', ')} 之一` });
    const id = await createUser(
      db,
      { kind: 'system', label: '命令行' },
      {
        username: v.username,
        displayName: v.name ?? v.username,
        unitId: unit.id,
        password: v.password ?? process.env.GONGKAI_NEW_PASSWORD ?? '',
        grants: roles.map((role) => ({ role, unitId: unit.id })),
      },
    );
    ctx.out(`已创建用户 ${v.username}（编号 ${id}），单位：${unit.name}，角色：${roles.join('、')}`);
  },
};
