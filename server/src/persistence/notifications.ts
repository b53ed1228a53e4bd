import pg from 'pg';

export interface NotificationHandlers {
  onNotification(payload: string): void;
  /** LISTEN is in place: from now on no notification on the channel is missed. */
  onListening(): void;
  /** The connection is gone: notifications sent from now until `onListening` are lost. */
  onDeaf(): void;
  log?: (message: string, err: unknown) => void;
}

export interface Listener {
  stop(): Promise<void>;
}

const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * Listens on one PostgreSQL channel over a connection of its own (outside the pool, which it would hold
 * forever), and connects again after losing it, waiting longer each time. Resolves once the first attempt
 * has succeeded or failed; retries go on in the background until `stop`.
 */
export async function listenForNotifications(databaseUrl: string, channel: string, handlers: NotificationHandlers): Promise<Listener> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = RETRY_FIRST_MS;

  const retryLater = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  const lost = (current: pg.Client, err?: unknown) => {
    if (client !== current) return;
    client = undefined;
    handlers.onDeaf();
    if (!stopped && err) handlers.log?.(`Luisteren op ${channel} onderbroken; opnieuw verbinden`, err);
    current.end().catch(() => {});
    retryLater();
  };

  const connect = async () => {
    const current = new pg.Client({ connectionString: databaseUrl, application_name: `loket listens on ${channel}` });
    client = current;
    current.on('error', (err) => lost(current, err));
    current.on('end', () => lost(current));
    current.on('notification', (message) => {
      if (message.channel === channel) handlers.onNotification(message.payload ?? '');
    });
    try {
      await current.connect();
      await current.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      if (stopped || client !== current) return;
      retryMs = RETRY_FIRST_MS;
      handlers.onListening();
    } catch (err) {
      lost(current, err);
    }
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      handlers.onDeaf();
      await current?.end().catch(() => {});
    },
  };
}
