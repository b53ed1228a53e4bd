import pg from 'pg';
import type { ServerConfig } from '../../server/src/config.js';
import { createMemoryTemplate } from '../../server/src/persistence/database.js';
import { startServer, type RunningServer, type StartOptions } from '../../server/src/server.js';
import type { Services } from '../../server/src/services/index.js';

/** The password of `admin` in every test server. */
export const ADMIN_PASSWORD = 'test-admin-wachtwoord';

export interface ApiResponse<T = any> {
  status: number;
  /** Parsed JSON, or the text when the answer is not JSON, or undefined when empty. */
  body: T;
  headers: Headers;
}

export type HttpVerb = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One call to the API: JSON in (when `body` is given), JSON out. */
export async function requestAt<T = any>(baseUrl: string, method: HttpVerb, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return { status: response.status, body: (text === '' ? undefined : isJson ? JSON.parse(text) : text) as T, headers: response.headers };
}

/** A client bound to one token: `api(token).get('/api/me')`. */
export interface ApiClient {
  request<T = any>(method: HttpVerb, path: string, body?: unknown): Promise<ApiResponse<T>>;
  get<T = any>(path: string): Promise<ApiResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T = any>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  delete<T = any>(path: string): Promise<ApiResponse<T>>;
}

export interface TestServer {
  url: string;
  /** The running server's services, for tests that look into the database directly. */
  services: Services;
  /** Set when the server created `admin` with a generated password (adminPassword: null). */
  generatedAdminPassword?: string;
  close(): Promise<void>;
  request<T = any>(method: HttpVerb, path: string, body?: unknown, token?: string): Promise<ApiResponse<T>>;
  /** Logs in and returns the token; fails the test when the login is refused. */
  login(username: string, password: string): Promise<string>;
  /** A token of `admin`. */
  adminToken(): Promise<string>;
  api(token?: string): ApiClient;
}

export interface TestServerOptions extends StartOptions {
  /** Keep the server's data in this folder (embedded PGlite) instead of in memory. */
  dataDir?: string;
  /** With DATABASE_URL: empty the database first (default true). */
  reset?: boolean;
  tokenTtlMinutes?: number;
  /** Deploy the services in this folder at start, as `npm start` does with processes/. */
  processesDir?: string;
  /** The password `admin` gets on an empty database; null: let the server generate one. */
  adminPassword?: string | null;
  /** Let the job runner poll (ms); default 0: it runs once at start and tests drive it with `runDueWork`. */
  jobPollMs?: number;
  /** Send the outbox to this SMTP server (LOKET_SMTP_URL). */
  smtpUrl?: string;
}

/** Fires every due timer and runs every due built-in job, as the job runner's rounds would; returns how many. */
export async function runDueWork(services: Services): Promise<number> {
  let done = 0;
  for (;;) {
    const fired = await services.timers.fireDue();
    if (fired > 0) done += fired;
    else if (await services.jobs.runOneBuiltIn()) done++;
    else return done;
  }
}

/** Empties a PostgreSQL database: the server's migrations then build it from scratch. */
export async function resetPostgres(databaseUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await client.end();
  }
}

// One migrated empty database per test process; every in-memory test server starts from a copy of it.
let memoryTemplate: Promise<Blob> | undefined;

/**
 * Starts the real server on a free port. With DATABASE_URL set it runs on that PostgreSQL (emptied
 * first), otherwise on an in-memory PGlite, or on a PGlite folder when `dataDir` is given.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const databaseUrl = options.dataDir ? undefined : process.env.DATABASE_URL || undefined;
  if (databaseUrl && options.reset !== false) await resetPostgres(databaseUrl);
  const config: ServerConfig = {
    port: 0,
    databaseUrl,
    dataDir: options.dataDir ?? '',
    memory: !databaseUrl && !options.dataDir,
    adminPassword: options.adminPassword === null ? undefined : (options.adminPassword ?? ADMIN_PASSWORD),
    tokenTtlMinutes: options.tokenTtlMinutes ?? 60,
    ...(options.processesDir ? { processesDir: options.processesDir } : {}),
    jobPollMs: options.jobPollMs ?? 0,
    ...(options.smtpUrl ? { smtpUrl: options.smtpUrl } : {}),
  };
  const template = config.memory ? await (memoryTemplate ??= createMemoryTemplate()) : undefined;
  const running: RunningServer = await startServer(config, { hooks: options.hooks, clock: options.clock, budget: options.budget, log: options.log, memoryTemplate: template });
  const request = <T>(method: HttpVerb, path: string, body?: unknown, token?: string) => requestAt<T>(running.url, method, path, body, token);
  const login = async (username: string, password: string) => {
    const response = await request<{ token?: string }>('POST', '/api/auth/login', { username, password });
    if (response.status !== 200 || !response.body.token) {
      throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body.token;
  };
  let adminToken: Promise<string> | undefined;
  return {
    url: running.url,
    services: running.services,
    generatedAdminPassword: running.generatedAdminPassword,
    close: () => running.close(),
    request,
    login,
    adminToken: () => (adminToken ??= login('admin', config.adminPassword ?? '')),
    api: (token) => ({
      request: (method, path, body) => request(method, path, body, token),
      get: (path) => request('GET', path, undefined, token),
      post: (path, body) => request('POST', path, body ?? {}, token),
      put: (path, body) => request('PUT', path, body ?? {}, token),
      delete: (path) => request('DELETE', path, undefined, token),
    }),
  };
}
