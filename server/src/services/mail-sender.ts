import type { DataSource } from 'typeorm';
import nodemailer from 'nodemailer';
import { query } from '../persistence/prepared.js';

/** One mail of the outbox, as a transport sends it. `id` becomes its Message-ID, so a resent copy is known as one. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  html: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
}

/** SMTP at `url` (smtp://user:password@host:587, smtps://… for TLS), through nodemailer. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({ from, to: mail.to, subject: mail.subject, html: mail.html, messageId: `<${mail.id}@loket>` });
    },
  };
}

/** While one process sends a mail, the others leave it alone for this long. */
const LEASE_MS = 5 * 60_000;
/** After the n-th refusal the next try waits 2^n minutes, at most six hours. */
const MAX_BACKOFF_MS = 6 * 3600_000;

interface LeasedMail {
  id: string;
  recipient: string;
  subject: string;
  body: string;
  attempts: number;
}

/**
 * Sends the outbox. Each mail is leased (FOR UPDATE SKIP LOCKED, then a lease time), sent outside any
 * transaction (so the embedded database's one connection is not held while SMTP talks), and marked sent; a
 * refused mail waits longer after each try. A mail is sent again only if a process died between SMTP's
 * answer and marking it sent, and then with the same Message-ID.
 */
export class OutboxSender {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport | undefined,
    private readonly clock: () => Date,
  ) {}

  /** Whether mails are sent at all: without LOKET_SMTP_URL they stay in the outbox, for the administrator. */
  get sending(): boolean {
    return this.transport !== undefined;
  }

  /** Sends at most `limit` due mails; how many were tried. */
  async sendDue(limit = 20): Promise<number> {
    if (!this.transport) return 0;
    let tried = 0;
    while (tried < limit) {
      const mail = await this.lease();
      if (!mail) break;
      tried++;
      try {
        await this.transport.send({ id: mail.id, to: mail.recipient, subject: mail.subject, html: mail.body });
        await this.dataSource.query('UPDATE outbox SET sent_at = $2, next_attempt_at = NULL, last_error = NULL WHERE id = $1', [mail.id, this.clock().toISOString()]);
      } catch (err) {
        const wait = Math.min(2 ** mail.attempts * 60_000, MAX_BACKOFF_MS);
        await this.dataSource.query('UPDATE outbox SET next_attempt_at = $2, last_error = $3 WHERE id = $1', [
          mail.id,
          new Date(this.clock().getTime() + wait).toISOString(),
          String((err as Error).message ?? err).slice(0, 1000),
        ]);
      }
    }
    return tried;
  }

  private async lease(): Promise<LeasedMail | undefined> {
    const now = this.clock();
    const rows = await query<LeasedMail>(
      this.dataSource.manager,
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2
        WHERE id = (SELECT id FROM outbox WHERE sent_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)
                     ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING id, recipient, subject, body, attempts`,
      [now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString()],
    );
    return rows[0];
  }
}
