import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOLIDAY_CALENDARS, type HolidayCalendar } from '../../engine/src/timers/holidays.js';

/** How a server is started: from the environment in main.ts, built directly in tests. */
export interface ServerConfig {
  /** 0 picks a free port. */
  port: number;
  /** Unset: embedded PGlite. */
  databaseUrl?: string;
  /** Folder of the embedded database. */
  dataDir: string;
  /** Embedded database in memory only (tests); dataDir is then ignored. */
  memory?: boolean;
  /** Password of `admin` when the database has no users yet; unset → one is generated. */
  adminPassword?: string;
  tokenTtlMinutes: number;
  /** The shipped services deployed at start; unset deploys none. */
  processesDir?: string;
  /** How often due timers and built-in jobs are looked for; 0: only once, at start. */
  jobPollMs?: number;
  /** Where the outbox is sent (smtp://…, smtps://…); unset: mails stay in the outbox, shown to the administrator. */
  smtpUrl?: string;
  /** The sender of Loket's mails. */
  mailFrom?: string;
}

export const DEFAULT_PORT = 3000;

/** processes/ of this checkout, found from this file whether it runs from server/src or from dist/server/src. */
export const SHIPPED_PROCESSES_DIR = findUp(dirname(fileURLToPath(import.meta.url)), 'processes');

/** The page templates (server/src/pages/views), which the TypeScript build does not copy to dist/. */
export const PAGE_VIEWS_DIR = join(dirname(SHIPPED_PROCESSES_DIR ?? '.'), 'server', 'src', 'pages', 'views');

/** Where `npm run build` puts the modeler's browser bundle (modeler/build.ts). */
export const MODELER_BUNDLE_DIR = join(dirname(SHIPPED_PROCESSES_DIR ?? '.'), 'dist', 'modeler');

function findUp(from: string, name: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, name, '.')) && existsSync(join(dir, 'package.json'))) return join(dir, name);
    if (dirname(dir) === dir) return undefined;
  }
}
export const DEFAULT_TOKEN_TTL_MINUTES = 12 * 60;
export const DEFAULT_JOB_POLL_MS = 1000;

function positiveInteger(name: string, raw: string | undefined, fallback: number, { allowZero = false } = {}): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new Error(`${name} must be a whole number${allowZero ? '' : ' above 0'}, not "${raw}"`);
  return value;
}

function nonEmpty(raw: string | undefined): string | undefined {
  return raw === undefined || raw === '' ? undefined : raw;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    port: positiveInteger('PORT', env.PORT, DEFAULT_PORT, { allowZero: true }),
    databaseUrl: nonEmpty(env.DATABASE_URL),
    dataDir: nonEmpty(env.LOKET_DATA_DIR) ?? './data',
    ...(nonEmpty(env.LOKET_SMTP_URL) ? { smtpUrl: smtpUrl(env.LOKET_SMTP_URL!) } : {}),
    ...(nonEmpty(env.LOKET_MAIL_FROM) ? { mailFrom: env.LOKET_MAIL_FROM } : {}),
    adminPassword: nonEmpty(env.LOKET_ADMIN_PASSWORD),
    tokenTtlMinutes: positiveInteger('LOKET_TOKEN_TTL_MINUTES', env.LOKET_TOKEN_TTL_MINUTES, DEFAULT_TOKEN_TTL_MINUTES),
    processesDir: nonEmpty(env.LOKET_PROCESSES_DIR) ?? SHIPPED_PROCESSES_DIR,
    jobPollMs: positiveInteger('LOKET_JOB_POLL_MS', env.LOKET_JOB_POLL_MS, DEFAULT_JOB_POLL_MS, { allowZero: true }),
  };
}

/**
 * The department of the college (schepencollege, college van B&W): its tasks form the agenda, and whoever
 * worked on a case before may not decide on it there (four eyes).
 */
export const COLLEGE_GROUP = process.env.LOKET_COLLEGE_GROUP || 'college';

/**
 * Behind a load balancer, which proxies to trust for the client's address (express's "trust proxy": a number of
 * hops, or addresses); the status lookups are limited per client address. Unset: the connection's address.
 */
export const TRUST_PROXY = process.env.LOKET_TRUST_PROXY || undefined;

/**
 * Whose public holidays a deadline in working days passes over (`loket:deadlineDays="working"`): `be` (the
 * default, with the Brussels zone), `nl`, or `none`.
 */
export function holidayCalendarFrom(value: string | undefined): HolidayCalendar {
  if (value === undefined || value === '') return 'be';
  if ((HOLIDAY_CALENDARS as readonly string[]).includes(value)) return value as HolidayCalendar;
  throw new Error(`LOKET_HOLIDAYS is "${value}"; it must be one of ${HOLIDAY_CALENDARS.join(', ')}`);
}

export const HOLIDAYS = holidayCalendarFrom(process.env.LOKET_HOLIDAYS);

function smtpUrl(value: string): string {
  if (!/^smtps?:\/\/[^/\s]+/.test(value)) throw new Error(`LOKET_SMTP_URL must be an smtp:// or smtps:// address, not "${value}"`);
  return value;
}

export const DEFAULT_MAIL_FROM = 'Gemeente <noreply@loket.invalid>';
