/**
 * `npx gongkai <command>`: every command exits non-zero with a clear message on failure (conventions A4).
 */
import { parseArgs } from 'node:util';
import { loadConfig, ConfigError, type Config } from '../config.ts';
import { openDb, type Db } from '../lib/db.ts';
import { migrate } from '../lib/migrate.ts';
import { AppError } from '../lib/errors.ts';
import { commands } from './commands.ts';

export interface CliContext {
  config: Config;
  /** Opens the database and applies migrations (once per command). */
  openDb(): Promise<Db>;
  out(line: string): void;
  err(line: string): void;
}

const HELP = `用法 / usage: npx gongkai <command> [options]

命令 / commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(22)} ${c.summary}`)
  .join('\n')}

数据库：未设置 DATABASE_URL 时使用 GONGKAI_DATA_DIR（默认 ./data）中的内置数据库。`;

export async function main(argv: string[], io: { out?: (s: string) => void; err?: (s: string) => void; env?: Record<string, string | undefined> } = {}): Promise<number> {
  const out = io.out ?? ((s: string) => process.stdout.write(s + '\n'));
  const err = io.err ?? ((s: string) => process.stderr.write(s + '\n'));
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    out(HELP);
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    err(`未知命令：${name}\n\n${HELP}`);
    return 2;
  }
  let db: Db | undefined;
  try {
    const config = loadConfig(io.env ?? process.env);
    const { values, positionals } = parseArgs({ args: rest, options: command.options ?? {}, allowPositionals: true, strict: true });
    const ctx: CliContext = {
      config,
      out,
      err,
      async openDb() {
        if (!db) {
          db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, durability: config.embeddedDurability, purpose: `npx gongkai ${name}` });
          await migrate(db);
        }
        return db;
      },
    };
    const code = await command.run(ctx, values as Record<string, string | boolean | undefined>, positionals);
    return code ?? 0;
  } catch (e) {
    if (e instanceof ConfigError) err(e.message);
    else if (e instanceof AppError) {
      err(`错误（${e.code}）：${e.message}`);
      for (const [f, m] of Object.entries(e.fields)) err(`  - ${f}: ${m}`);
    } else if (e instanceof TypeError && (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) err(`参数有误：${e.message}`);
    else err(`错误：${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    if (db && !(command as { keepsDbOpen?: boolean }).keepsDbOpen) await db.close().catch(() => undefined);
  }
}
