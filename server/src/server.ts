import type { AddressInfo } from 'node:net';
import { createServer, type RequestListener, type Server } from 'node:http';
import { DEFAULT_MAIL_FROM, type ServerConfig } from './config.js';
import { createApp } from './http/app.js';
import { openDatabase } from './persistence/database.js';
import { createServices, type Services } from './services/index.js';
import { smtpTransport } from './services/mail-sender.js';
import { deployShippedProcesses } from './services/shipped-processes.js';
import { startJobRunner } from './jobs/runner.js';
import { startUpkeep } from './persistence/upkeep.js';
import { listenForNotifications } from './persistence/notifications.js';
import { SESSION_REVOKED_CHANNEL } from './services/users.js';
import type { Budget } from '../../engine/src/index.js';

/**
 * Work done once the database is open and before requests are accepted, e.g. deploying the shipped
 * processes or starting the job runner. May return a function that stops what it started; those run
 * on close, in reverse order, before the database closes.
 */
export type StartupHook = (context: { services: Services; config: ServerConfig }) => Promise<void | (() => Promise<void>)>;

/** The hooks every server runs at start, in order: the shipped services are deployed before timers fire. */
export const startupHooks: StartupHook[] = [deployShippedServices, runJobs, keepEmbeddedDatabase];

/** How often the embedded database gets autovacuum's work done (see persistence/upkeep.ts). */
const UPKEEP_INTERVAL_MS = 60_000;

async function keepEmbeddedDatabase({ services }: Parameters<StartupHook>[0]): Promise<(() => Promise<void>) | void> {
  if (services.database.kind !== 'pglite') return;
  return startUpkeep(services.dataSource, { intervalMs: UPKEEP_INTERVAL_MS, log: (message, err) => console.error(message, err) });
}

async function runJobs({ services, config }: Parameters<StartupHook>[0]): Promise<() => Promise<void>> {
  const runner = startJobRunner(services, { intervalMs: config.jobPollMs ?? 0 });
  return () => runner.stop();
}

async function deployShippedServices({ services, config }: Parameters<StartupHook>[0]): Promise<void> {
  if (!config.processesDir) return;
  for (const { service, result } of await deployShippedProcesses(services.dataSource, config.processesDir)) {
    if (result.created) {
      const versions = result.processes.map((p) => `${p.key} v${p.version}`).join(', ');
      console.log(`Dienst ${service} gepubliceerd: ${versions}`);
    }
  }
}

/**
 * Other server processes on the same PostgreSQL announce each logout; this one forgets the session at once.
 * Not a startup hook: without it the session cache must stay closed, so it belongs to every server.
 */
async function hearSessionRevocations(services: Services, databaseUrl: string, log: StartOptions['log']): Promise<() => Promise<void>> {
  const { sessions } = services.users;
  const listener = await listenForNotifications(databaseUrl, SESSION_REVOKED_CHANNEL, {
    onNotification: (tokenHash) => sessions.forget(tokenHash),
    onListening: () => sessions.setOpen(true),
    onDeaf: () => sessions.setOpen(false),
    log: log ?? ((message, err) => console.error(message, err)),
  });
  return () => listener.stop();
}

export interface RunningServer {
  url: string;
  port: number;
  services: Services;
  /** Set when this start created `admin` with a generated password: show it once. */
  generatedAdminPassword?: string;
  close(): Promise<void>;
}

export interface StartOptions {
  hooks?: StartupHook[];
  /** With `config.memory`: the data to start from, see `createMemoryTemplate`. */
  memoryTemplate?: Blob;
  clock?: () => Date;
  /** How long one decision or looping FEEL expression may run; default LOKET_FEEL_BUDGET_MS. */
  budget?: Budget;
  log?: (message: string, err: unknown) => void;
}

export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    memory: config.memory,
    template: options.memoryTemplate,
  });
  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse()) await stop();
    await database.close();
  };
  try {
    const services = createServices(database, {
      tokenTtlMinutes: config.tokenTtlMinutes,
      clock: options.clock,
      ...(options.budget ? { budget: options.budget } : {}),
      ...(config.smtpUrl ? { mailTransport: smtpTransport(config.smtpUrl, config.mailFrom ?? DEFAULT_MAIL_FROM) } : {}),
    });
    if (config.databaseUrl) stoppers.push(await hearSessionRevocations(services, config.databaseUrl, options.log));
    const admin = await services.users.ensureAdmin(config.adminPassword);
    for (const hook of options.hooks ?? startupHooks) {
      const stop = await hook({ services, config });
      if (stop) stoppers.push(stop);
    }
    const app = createApp(services, { log: options.log });
    const httpServer = await listen(app, config.port);
    const port = (httpServer.address() as AddressInfo).port;
    let closing: Promise<void> | undefined;
    return {
      url: `http://localhost:${port}`,
      port,
      services,
      ...(admin.generatedPassword ? { generatedAdminPassword: admin.generatedPassword } : {}),
      close: () => (closing ??= closeHttp(httpServer).then(stopAll)),
    };
  } catch (err) {
    await stopAll().catch(() => {});
    throw err;
  }
}

function listen(app: RequestListener, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(app).listen(port);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting, lets requests in flight finish (up to 5 s), then drops keep-alive connections. */
function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), 5000);
    server.close((err) => {
      clearTimeout(force);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
