/**
 * The one configuration module (conventions C7): every setting is read from the environment here, validated,
 * documented, and handed to the rest of the app as a frozen object. Nothing else reads process.env.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  /** Port the HTTP server listens on. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind. Default all interfaces. */
  HOST: z.string().default('0.0.0.0'),
  /**
   * PostgreSQL connection string. SECRET (may contain a password). Unset means the embedded PGlite database in
   * GONGKAI_DATA_DIR, which needs no setup and suits one county with its towns.
   */
  DATABASE_URL: z.string().url().optional(),
  /** Folder for the embedded database, uploaded files and backups. Default ./data. */
  GONGKAI_DATA_DIR: z.string().default('./data'),
  /**
   * Secret for CSRF tokens and other HMACs. SECRET. Unset: a random one per process, which is fine for one node but
   * breaks forms across several nodes, so production must set it (at least 32 characters).
   */
  GONGKAI_SECRET: z.string().min(32).optional(),
  /** Public base URL used in feeds, sitemaps and JSON-LD. Default http://localhost:PORT. */
  GONGKAI_BASE_URL: z.string().url().optional(),
  /** Name of the site shown in the header. */
  GONGKAI_SITE_NAME: z.string().default('示范市人民政府'),
  /** Sessions expire after this many hours without use. */
  GONGKAI_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(8),
  /** Failed sign-ins before an account is locked for GONGKAI_LOCKOUT_MINUTES. */
  GONGKAI_MAX_FAILED_LOGINS: z.coerce.number().int().min(1).max(100).default(5),
  GONGKAI_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Largest attachment accepted, in megabytes. */
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** Log level for pino: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set behind a TLS-terminating proxy so cookies are marked Secure and client IPs come from X-Forwarded-For. */
  GONGKAI_TRUST_PROXY: bool.default(false),
  /**
   * Pattern of 索引号: {code} unit code, {year}, {month}, {serial5}/{serial6} zero-padded serial per unit and year.
   * No national standard fixes it (regulations.md §5.5 [U]); the default is the gov.cn form 000014349/2018-00213.
   */
  GONGKAI_INDEX_PATTERN: z.string().regex(/\{code\}/, 'must contain {code}').regex(/\{serial[56]\}/, 'must contain {serial5} or {serial6}').default('{code}/{year}-{serial5}'),
  /** Memory for rendered public pages on each node, in MB; 0 turns the cache off. */
  GONGKAI_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(16384).default(256),
  /** Searches a query needs in 30 days before it is shown to the public as a popular search. */
  GONGKAI_POPULAR_MIN_SEARCHES: z.coerce.number().int().min(1).max(100000).default(3),
  /**
   * Whether waiting for an information-processing fee stops the reply clock. 109号 is usually read that way, but its
   * text was not verified (regulations.md §3.3 [U]); the office can turn it off.
   */
  GONGKAI_FEE_PAUSES_CLOCK: bool.default(true),
  /** Working days an applicant is given to correct an unclear application (Art. 30 "合理的补正期限"). */
  GONGKAI_CORRECTION_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(15),
  /** Load the demo city on first start when the database is empty (npm start does this). */
  GONGKAI_SEED_DEMO: bool.default(false),
});

export type Config = Readonly<{
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  secretIsEphemeral: boolean;
  baseUrl: string;
  siteName: string;
  sessionHours: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  maxUploadBytes: number;
  logLevel: string;
  trustProxy: boolean;
  seedDemo: boolean;
  indexPattern: string;
  pageCacheBytes: number;
  popularMinSearches: number;
  feePausesClock: boolean;
  correctionWorkingDays: number;
}>;

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(public readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment (process.env by default) into a Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.GONGKAI_DATA_DIR),
    secret: e.GONGKAI_SECRET ?? randomBytes(32).toString('hex'),
    secretIsEphemeral: !e.GONGKAI_SECRET,
    baseUrl: (e.GONGKAI_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    siteName: e.GONGKAI_SITE_NAME,
    sessionHours: e.GONGKAI_SESSION_HOURS,
    maxFailedLogins: e.GONGKAI_MAX_FAILED_LOGINS,
    lockoutMinutes: e.GONGKAI_LOCKOUT_MINUTES,
    maxUploadBytes: e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    seedDemo: e.GONGKAI_SEED_DEMO,
    indexPattern: e.GONGKAI_INDEX_PATTERN,
    pageCacheBytes: e.GONGKAI_PAGE_CACHE_MB * 1024 * 1024,
    popularMinSearches: e.GONGKAI_POPULAR_MIN_SEARCHES,
    feePausesClock: e.GONGKAI_FEE_PAUSES_CLOCK,
    correctionWorkingDays: e.GONGKAI_CORRECTION_WORKING_DAYS,
    ...overrides,
  };
  return Object.freeze(config);
}
