/**
 * The one configuration module (conventions C7): every setting is read from the environment here, validated,
 * documented, and handed to the rest of the app as a frozen object. Nothing else reads process.env.
 */
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  /** Port the HTTP server listens on. Default 3000. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Interface to bind. Unset: localhost only (127.0.0.1), so a demo with published passwords is never reachable from
   * the network by accident. Set it to listen elsewhere: `::` for every IPv6 and IPv4 address, `0.0.0.0` for IPv4.
   */
  HOST: z.string().default('127.0.0.1'),
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
  GONGKAI_SESSION_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(8),
  /**
   * Administrators (system and 政务公开 office) must sign in with a second factor (TOTP); outside demo mode one without
   * it is sent to enrol before anything else. Other staff may enrol on their own.
   */
  GONGKAI_REQUIRE_ADMIN_TOTP: bool.default(true),
  /** A session ends this many hours after sign-in, however active (等保 session limits). */
  GONGKAI_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Failed sign-ins before an account is locked for GONGKAI_LOCKOUT_MINUTES. */
  GONGKAI_MAX_FAILED_LOGINS: z.coerce.number().int().min(1).max(100).default(5),
  GONGKAI_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  /** Largest attachment accepted, in megabytes. */
  GONGKAI_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(50),
  /** Largest total of the files in one form submission, in megabytes (checked while they stream in). */
  GONGKAI_MAX_REQUEST_MB: z.coerce.number().int().min(1).max(4096).default(100),
  /** Untrusted archives (DOCX, XLSX): most entries, most expanded megabytes, largest compression ratio of an entry. */
  GONGKAI_MAX_ARCHIVE_ENTRIES: z.coerce.number().int().min(10).max(100000).default(2000),
  GONGKAI_MAX_EXPANDED_MB: z.coerce.number().int().min(1).max(4096).default(60),
  GONGKAI_MAX_COMPRESSION_RATIO: z.coerce.number().int().min(10).max(10000).default(100),
  /** Heap of a worker parsing one untrusted file, its deadline, and how many such workers run at once. */
  GONGKAI_PARSER_MEMORY_MB: z.coerce.number().int().min(64).max(8192).default(512),
  GONGKAI_PARSER_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  GONGKAI_PARSER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Rows of one uploaded sheet read before an import stops (a catalogue area has tens to hundreds of items). */
  GONGKAI_MAX_SHEET_ROWS: z.coerce.number().int().min(10).max(1_000_000).default(5000),
  /** Deepest element nesting accepted in rich text (the sanitiser's cost grows with its square). */
  GONGKAI_MAX_HTML_DEPTH: z.coerce.number().int().min(10).max(10000).default(200),
  /**
   * The embedded database: `full` flushes every commit to disk before it is acknowledged (safe against power loss);
   * `relaxed` leaves it to the OS, faster but an OS crash may lose the last seconds of acknowledged writes.
   */
  GONGKAI_EMBEDDED_DURABILITY: z.enum(['full', 'relaxed']).default('full'),
  /**
   * Passphrase that encrypts backup files (AES-256-GCM, key by scrypt). SECRET. Unset: backups are written
   * unencrypted, readable by the file's owner only. A backup holds password hashes and applicants' personal data.
   */
  GONGKAI_BACKUP_KEY: z.string().min(16, 'at least 16 characters').optional(),
  /** Log level for pino: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set behind a TLS-terminating proxy so cookies are marked Secure and client IPs come from X-Forwarded-For. */
  GONGKAI_TRUST_PROXY: bool.default(false),
  /**
   * Pattern of 索引号: {code} unit code, {year}, {month}, {serial5}/{serial6} zero-padded serial per unit and year.
   * No national standard fixes it (regulations.md §5.5 [U]); the default is the gov.cn form 000014349/2018-00213.
   */
  GONGKAI_INDEX_PATTERN: z
    .string()
    .regex(/\{code\}/, 'must contain {code}')
    .regex(/\{serial[56]\}/, 'must contain {serial5} or {serial6}')
    .default('{code}/{year}-{serial5}'),
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
  /**
   * Working days after a consultation closes within which the feedback (意见采纳情况) is due, unless the decision is
   * published first. No national number exists (713号 Art. 29, 32 tie it to the decision); 20 is the issue's default.
   */
  GONGKAI_FEEDBACK_WORKING_DAYS: z.coerce.number().int().min(1).max(120).default(20),
  // Meetings with stakeholders, public representatives, experts or media attending, per unit and half-year (a local
  // rule of the source notices, LS 三(一) and ZJ (一): "每半年至少1次"; not national law, so a setting).
  // Anonymous posts (comments, answers, applications to attend) per address in 10 minutes: plenty for a person.
  GONGKAI_ANONYMOUS_POSTS_PER_10_MIN: z.coerce.number().int().min(1).max(100_000).default(10),
  GONGKAI_OPEN_MEETINGS_PER_HALF_YEAR: z.coerce.number().int().min(0).max(50).default(1),
  GONGKAI_MESSAGE_RANKING_MIN_CASES: z.coerce.number().int().min(1).max(10_000).default(20),
  GONGKAI_DATA_MAX_ROWS: z.coerce.number().int().min(100).max(50_000_000).default(2_000_000),
  GONGKAI_DATA_MAX_COLUMNS: z.coerce.number().int().min(1).max(1000).default(200),
  GONGKAI_OPEN_DATA_EMAIL: z.email().default('opendata@example.gov.cn'),
  GONGKAI_DATA_ACCESS_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(20),
  GONGKAI_DATA_DEMAND_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(10),
  GONGKAI_ENFORCEMENT_WITHDRAW_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  GONGKAI_DEMO_LARGE_DATASET_ROWS: z.coerce.number().int().min(0).max(10_000_000).default(1_000_000),
  /**
   * Outgoing mail server, as smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. SECRET (holds a
   * password). Unset: e-mail is not sent; messages wait in the outbox and the staff inbox still works.
   */
  GONGKAI_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender of notification e-mail, e.g. "示范市政务公开 <noreply@gov.example.cn>". */
  GONGKAI_MAIL_FROM: z.string().min(3).optional(),
  /**
   * SMS through Alibaba Cloud's SendSms API (the one provider adapter so far; ADR 0014). Unset: no SMS. The endpoint
   * defaults to https://dysmsapi.aliyuncs.com/; the key secret is SECRET. Each kind of message needs a template the
   * provider has approved: GONGKAI_SMS_TEMPLATES is a JSON object from purpose (request.received …) to template code.
   */
  GONGKAI_SMS_ENDPOINT: z.string().url().default('https://dysmsapi.aliyuncs.com/'),
  GONGKAI_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  GONGKAI_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  GONGKAI_SMS_SIGN_NAME: z.string().min(1).optional(),
  GONGKAI_SMS_TEMPLATES: z
    .string()
    .transform((s, ctx) => {
      try {
        const v = JSON.parse(s) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) return v as Record<string, string>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of purpose → template code' });
      return z.NEVER;
    })
    .optional(),
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
  sessionMaxHours: number;
  requireAdminTotp: boolean;
  maxFailedLogins: number;
  lockoutMinutes: number;
  maxUploadBytes: number;
  maxRequestBytes: number;
  sandbox: { maxEntries: number; maxExpandedBytes: number; maxRatio: number; memoryMb: number; timeoutMs: number; concurrency: number; maxSheetRows: number };
  maxHtmlDepth: number;
  embeddedDurability: 'full' | 'relaxed';
  backupKey: string | undefined;
  logLevel: string;
  trustProxy: boolean;
  seedDemo: boolean;
  indexPattern: string;
  pageCacheBytes: number;
  popularMinSearches: number;
  feePausesClock: boolean;
  correctionWorkingDays: number;
  feedbackWorkingDays: number;
  openMeetingsPerHalfYear: number;
  /** Units with fewer messages in a month are shown but not ranked (issue 13; a local rule). */
  messageRankingMinCases: number;
  /** Rows and columns of one table loaded into the open-data datastore. */
  dataMaxRows: number;
  dataMaxColumns: number;
  /** The open-data mailbox, given in data.json for datasets without a contact e-mail (DCAT-US requires one). */
  openDataEmail: string;
  /** Working days to decide a 有条件开放 application, and to answer a data demand (no national number: local rules). */
  dataAccessWorkingDays: number;
  dataDemandWorkingDays: number;
  /** Calendar days to withdraw a revoked enforcement decision (行政处罚法 第四十八条 三日; secondary source, so configurable). */
  enforcementWithdrawDays: number;
  /** Rows of the demo's large open-data table (npm start, seed-demo); 0 leaves it out. */
  demoLargeDatasetRows: number;
  anonymousPostsPer10Min: number;
  mail: { smtpUrl: string | undefined; from: string };
  sms: { endpoint: string; accessKeyId: string; accessKeySecret: string; signName: string; templates: Record<string, string> } | undefined;
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
    sessionMaxHours: e.GONGKAI_SESSION_MAX_HOURS,
    requireAdminTotp: e.GONGKAI_REQUIRE_ADMIN_TOTP,
    maxFailedLogins: e.GONGKAI_MAX_FAILED_LOGINS,
    lockoutMinutes: e.GONGKAI_LOCKOUT_MINUTES,
    maxUploadBytes: e.GONGKAI_MAX_UPLOAD_MB * 1024 * 1024,
    maxRequestBytes: e.GONGKAI_MAX_REQUEST_MB * 1024 * 1024,
    sandbox: {
      maxEntries: e.GONGKAI_MAX_ARCHIVE_ENTRIES,
      maxExpandedBytes: e.GONGKAI_MAX_EXPANDED_MB * 1024 * 1024,
      maxRatio: e.GONGKAI_MAX_COMPRESSION_RATIO,
      memoryMb: e.GONGKAI_PARSER_MEMORY_MB,
      timeoutMs: e.GONGKAI_PARSER_TIMEOUT_SECONDS * 1000,
      concurrency: e.GONGKAI_PARSER_CONCURRENCY,
      maxSheetRows: e.GONGKAI_MAX_SHEET_ROWS,
    },
    maxHtmlDepth: e.GONGKAI_MAX_HTML_DEPTH,
    embeddedDurability: e.GONGKAI_EMBEDDED_DURABILITY,
    backupKey: e.GONGKAI_BACKUP_KEY,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.GONGKAI_TRUST_PROXY,
    seedDemo: e.GONGKAI_SEED_DEMO,
    indexPattern: e.GONGKAI_INDEX_PATTERN,
    pageCacheBytes: e.GONGKAI_PAGE_CACHE_MB * 1024 * 1024,
    popularMinSearches: e.GONGKAI_POPULAR_MIN_SEARCHES,
    feePausesClock: e.GONGKAI_FEE_PAUSES_CLOCK,
    correctionWorkingDays: e.GONGKAI_CORRECTION_WORKING_DAYS,
    feedbackWorkingDays: e.GONGKAI_FEEDBACK_WORKING_DAYS,
    openMeetingsPerHalfYear: e.GONGKAI_OPEN_MEETINGS_PER_HALF_YEAR,
    messageRankingMinCases: e.GONGKAI_MESSAGE_RANKING_MIN_CASES,
    dataMaxRows: e.GONGKAI_DATA_MAX_ROWS,
    dataMaxColumns: e.GONGKAI_DATA_MAX_COLUMNS,
    openDataEmail: e.GONGKAI_OPEN_DATA_EMAIL,
    dataAccessWorkingDays: e.GONGKAI_DATA_ACCESS_WORKING_DAYS,
    dataDemandWorkingDays: e.GONGKAI_DATA_DEMAND_WORKING_DAYS,
    enforcementWithdrawDays: e.GONGKAI_ENFORCEMENT_WITHDRAW_DAYS,
    demoLargeDatasetRows: e.GONGKAI_DEMO_LARGE_DATASET_ROWS,
    anonymousPostsPer10Min: e.GONGKAI_ANONYMOUS_POSTS_PER_10_MIN,
    mail: { smtpUrl: e.GONGKAI_SMTP_URL, from: e.GONGKAI_MAIL_FROM ?? `${e.GONGKAI_SITE_NAME} <noreply@${new URL(e.GONGKAI_BASE_URL ?? 'http://localhost').hostname}>` },
    sms:
      e.GONGKAI_SMS_ACCESS_KEY_ID && e.GONGKAI_SMS_ACCESS_KEY_SECRET && e.GONGKAI_SMS_SIGN_NAME
        ? {
            endpoint: e.GONGKAI_SMS_ENDPOINT,
            accessKeyId: e.GONGKAI_SMS_ACCESS_KEY_ID,
            accessKeySecret: e.GONGKAI_SMS_ACCESS_KEY_SECRET,
            signName: e.GONGKAI_SMS_SIGN_NAME,
            templates: e.GONGKAI_SMS_TEMPLATES ?? {},
          }
        : undefined,
    ...overrides,
  };
  return Object.freeze(config);
}

/** Hands the limits that live below the request layer (sandbox, sanitiser) their configured values; called at start. */
export async function applyLimits(config: Config): Promise<void> {
  const [{ configureSandbox }, { configureHtmlLimits }] = await Promise.all([import('./lib/untrusted/sandbox.ts'), import('./lib/html.ts')]);
  configureSandbox(config.sandbox);
  configureHtmlLimits({ maxDepth: config.maxHtmlDepth });
}
