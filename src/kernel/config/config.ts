/**
 * Configuration: read once from the environment (and an optional .env file), validated with zod,
 * frozen. Nothing else in the code base reads process.env.
 */
import { z } from 'zod';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../errors.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  PALERMO_HOST: z.string().default('127.0.0.1'),
  PALERMO_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PALERMO_DB_PATH: z.string().min(1).default('./data/palermo.db'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_READ_URLS: z.string().optional(),
  PALERMO_PG_WORK_MEM: z
    .string()
    .regex(/^(\d+(kB|MB|GB)|server)$/, "must be a size such as '32MB', or 'server' for the server's own setting")
    .default('32MB'),
  PALERMO_ADMIN_TOKEN: z.string().optional(),
  PALERMO_BODY_LIMIT: z.coerce
    .number()
    .int()
    .min(1024)
    .default(5 * 1024 * 1024),
  PALERMO_SEED_DEMO: bool.default(true),
  PALERMO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PALERMO_PUBLIC_URL: z.string().url().optional(),
  PALERMO_MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(100),
  PALERMO_SEARCH_CACHE: z.coerce.number().int().min(0).max(100_000).default(256),
  PALERMO_DOCUMENTS_DIR: z.string().min(1).optional(),
  PALERMO_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 * 1024 * 1024)
    .default(50 * 1024 * 1024),
  PALERMO_STATS_MIN_CELL: z.coerce.number().int().min(1).max(1000).default(3),
  PALERMO_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(300),
  PALERMO_RATE_LIMIT_TOKEN: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  PALERMO_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  PALERMO_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  PALERMO_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  PALERMO_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(10_080).default(15),
  PALERMO_SESSION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 90)
    .default(12),
  PALERMO_TRUST_PROXY: bool.default(false),
  PALERMO_SECURE_COOKIES: z.enum(['auto', 'always', 'never']).default('auto'),
  PALERMO_PSEUDO_LOCALE: bool.default(false),
  // The reporting organisation of the IATI export (assistance register): set these before publishing.
  PALERMO_IATI_REPORTING_ORG_REF: z.string().regex(/^\S+$/, 'an IATI organisation identifier').default('XX-PALERMO'),
  PALERMO_IATI_REPORTING_ORG_NAME: z.string().min(1).default('Palermo (reporting organisation not configured)'),
  PALERMO_IATI_REPORTING_ORG_TYPE: z
    .string()
    .regex(/^\d{2}$/, 'an IATI OrganisationType code')
    .default('90'),
  PALERMO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  PALERMO_MAIL_FROM: z.string().min(3).default('Palermo <no-reply@localhost>'),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  databaseUrl: string | undefined;
  /** Read replicas of DATABASE_URL (comma-separated in DATABASE_READ_URLS). */
  databaseReadUrls: string[];
  /** work_mem of Palermo's PostgreSQL sessions ('' = the server's): a search's bitmap of matches stays exact. */
  pgWorkMem: string;
  bodyLimit: number;
  seedDemo: boolean;
  logLevel: z.output<typeof ConfigSchema>['PALERMO_LOG_LEVEL'];
  publicUrl: string | undefined;
  maxPageSize: number;
  /** Entries in the full-text match cache; 0 turns it off. */
  searchCache: number;
  /** Folder of judgment documents, stored by content hash (default: `documents` beside the database). */
  documentsDir: string;
  /** Largest document accepted, in bytes. */
  documentMaxBytes: number;
  /** Statistics show counts resting on fewer cases than this as "fewer than N" (1: every count exact). */
  statsMinCell: number;
  /** API requests per window per client address (0: no limit). */
  rateLimit: number;
  /** API requests per window per API token (0: no limit). */
  rateLimitToken: number;
  rateLimitWindowSeconds: number;
  /** Sign-in attempts per minute per client address. */
  loginRateLimit: number;
  /** Wrong passwords in a row that lock an account, and for how long. */
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** A session ends after this many idle hours. */
  sessionHours: number;
  /** Behind a reverse proxy: take the client address and protocol from X-Forwarded-*. */
  trustProxy: boolean;
  /** Secure cookies: 'auto' when the request (or PALERMO_PUBLIC_URL) is HTTPS. */
  secureCookies: 'auto' | 'always' | 'never';
  /** Serve the pseudo-locale (en-XA, every catalog string marked) to `Accept-Language: en-XA`: for translators and
   * tests. */
  pseudoLocale: boolean;
  /** The IATI export's reporting organisation (identifier, name, OrganisationType code). */
  iatiReportingOrg: { ref: string; name: string; type: string };
  /** Outgoing mail (smtp://user:pass@host:port or smtps://...); unset: mail jobs wait in the queue. */
  smtpUrl: string | undefined;
  /** The From: of every message. */
  mailFrom: string;
}

/** Parses KEY=VALUE lines; quotes around the value are removed. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Config> = {},
  dotEnvPath: string | null = '.env',
): Readonly<Config> {
  const fromFile = dotEnvPath && existsSync(dotEnvPath) ? parseDotEnv(readFileSync(dotEnvPath, 'utf8')) : {};
  const merged = { ...fromFile, ...env };
  const relevant = Object.fromEntries(
    Object.entries(merged).filter(([k, v]) => (k.startsWith('PALERMO_') || k.startsWith('DATABASE_')) && v !== ''),
  );
  const parsed = ConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const c = parsed.data;
  if (c.PALERMO_ADMIN_TOKEN !== undefined) {
    const message =
      'PALERMO_ADMIN_TOKEN is retired: create an administrator with `palermo user add --email you@example.org ' +
      '--role admin` and API tokens with `palermo token create` (or on /admin/tokens); then remove ' +
      'PALERMO_ADMIN_TOKEN';
    throw new AppError('VALIDATION_FAILED', `invalid configuration: ${message}`, [
      { path: 'PALERMO_ADMIN_TOKEN', message },
    ]);
  }
  return Object.freeze({
    host: c.PALERMO_HOST,
    port: c.PALERMO_PORT,
    dbPath: resolve(c.PALERMO_DB_PATH),
    databaseUrl: c.DATABASE_URL,
    databaseReadUrls: readUrls(c.DATABASE_READ_URLS, c.DATABASE_URL),
    pgWorkMem: c.PALERMO_PG_WORK_MEM === 'server' ? '' : c.PALERMO_PG_WORK_MEM,
    bodyLimit: c.PALERMO_BODY_LIMIT,
    seedDemo: c.PALERMO_SEED_DEMO,
    logLevel: c.PALERMO_LOG_LEVEL,
    publicUrl: c.PALERMO_PUBLIC_URL,
    maxPageSize: c.PALERMO_MAX_PAGE_SIZE,
    searchCache: c.PALERMO_SEARCH_CACHE,
    documentsDir: resolve(c.PALERMO_DOCUMENTS_DIR ?? join(dirname(c.PALERMO_DB_PATH), 'documents')),
    documentMaxBytes: c.PALERMO_DOCUMENT_MAX_BYTES,
    statsMinCell: c.PALERMO_STATS_MIN_CELL,
    rateLimit: c.PALERMO_RATE_LIMIT,
    rateLimitToken: c.PALERMO_RATE_LIMIT_TOKEN,
    rateLimitWindowSeconds: c.PALERMO_RATE_LIMIT_WINDOW_SECONDS,
    loginRateLimit: c.PALERMO_LOGIN_RATE_LIMIT,
    loginMaxFailures: c.PALERMO_LOGIN_MAX_FAILURES,
    loginLockMinutes: c.PALERMO_LOGIN_LOCK_MINUTES,
    sessionHours: c.PALERMO_SESSION_HOURS,
    trustProxy: c.PALERMO_TRUST_PROXY,
    secureCookies: c.PALERMO_SECURE_COOKIES,
    pseudoLocale: c.PALERMO_PSEUDO_LOCALE,
    iatiReportingOrg: {
      ref: c.PALERMO_IATI_REPORTING_ORG_REF,
      name: c.PALERMO_IATI_REPORTING_ORG_NAME,
      type: c.PALERMO_IATI_REPORTING_ORG_TYPE,
    },
    smtpUrl: c.PALERMO_SMTP_URL,
    mailFrom: c.PALERMO_MAIL_FROM,
    ...overrides,
  });
}

function readUrls(list: string | undefined, primary: string | undefined): string[] {
  const urls = (list ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  const issues = urls.flatMap((u) =>
    /^postgres(ql)?:\/\//.test(u) ? [] : [{ path: 'DATABASE_READ_URLS', message: `'${u}' is not a postgres:// URL` }],
  );
  if (urls.length && !primary)
    issues.push({ path: 'DATABASE_READ_URLS', message: 'read replicas need DATABASE_URL (the primary)' });
  if (issues.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `invalid configuration: ${issues.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      issues,
    );
  return urls;
}
