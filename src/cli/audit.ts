import type { Command } from './commands.ts';
import { verifyAuditChain } from '../lib/auditChain.ts';

export const auditCommand: Command = {
  summary: '检查审计日志的哈希链是否完整：audit verify',
  async run(ctx, _v, [sub]) {
    if (sub !== 'verify') {
      ctx.err('用法：npx gongkai audit verify');
      return 2;
    }
    const r = await verifyAuditChain(await ctx.openDb());
    if (r.ok) {
      ctx.out(`审计日志完整：${r.entries} 条记录，链尾哈希 ${r.head}（请另行记录，以便日后核对）`);
      return 0;
    }
    ctx.err(`审计日志不完整：第 ${r.broken!.seq} 条（编号 ${r.broken!.id}）${r.broken!.reason}。此前 ${r.entries} 条完好。`);
    return 1;
  },
};
