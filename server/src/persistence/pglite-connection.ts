import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';

/** The protocol's Terminate message ('X'): the client is done with this connection. */
const TERMINATE = 0x58;

/**
 * A connection of the pg driver straight to a PGlite in this process: what pg writes goes to PGlite's
 * protocol handler and what PGlite answers comes back as the connection's data, with no socket between.
 *
 * pglite-socket, which did this over a local TCP port, hands PGlite one protocol message at a time, each after
 * a turn of the event loop; a prepared statement is three to five messages (bind, describe, execute, sync),
 * and on PGlite, which runs on this same thread, that traffic was a large part of every step. Here everything
 * pg wrote at once (it corks the messages of one statement) goes to PGlite in one call, which runs them all.
 */
export class PGliteConnection extends Duplex {
  private buffered: Buffer = Buffer.alloc(0);
  private started = false;
  private ended = false;

  constructor(private readonly db: PGlite) {
    super();
  }

  // What pg calls on a net.Socket; a connection in the same process has neither delay nor keep-alive.
  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.receive([chunk]).then(() => done(), done);
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    this.receive(chunks.map((c) => c.chunk)).then(() => done(), done);
  }

  override _final(done: (error?: Error | null) => void): void {
    this.finish().then(() => done(), done);
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.finish().then(
      () => done(error),
      () => done(error),
    );
  }

  /** Passes every complete message received so far to PGlite; the start-up message goes alone, as PGlite wants it. */
  private async receive(chunks: Buffer[]): Promise<void> {
    this.buffered = this.buffered.length === 0 && chunks.length === 1 ? chunks[0]! : Buffer.concat([this.buffered, ...chunks]);
    if (!this.started) {
      if (this.buffered.length < 4 || this.buffered.length < this.buffered.readInt32BE(0)) return;
      const length = this.buffered.readInt32BE(0);
      const startup = this.buffered.subarray(0, length);
      this.buffered = this.buffered.subarray(length);
      this.started = true;
      // PGlite has one session for every connection that reaches it: a new connection starts from a clean one,
      // without what the previous connection prepared or set (pg would prepare its statements again).
      await this.db.exec('DISCARD ALL');
      await this.run(startup);
    }
    let complete = 0;
    while (complete + 5 <= this.buffered.length) {
      if (this.buffered[complete] === TERMINATE) {
        if (complete > 0) await this.run(this.buffered.subarray(0, complete));
        this.buffered = Buffer.alloc(0);
        await this.finish();
        return;
      }
      const next = complete + 1 + this.buffered.readInt32BE(complete + 1);
      if (next > this.buffered.length) break;
      complete = next;
    }
    if (complete === 0) return;
    const messages = this.buffered.subarray(0, complete);
    this.buffered = this.buffered.subarray(complete);
    await this.run(messages);
  }

  private async run(messages: Buffer): Promise<void> {
    if (this.ended) return;
    const answer: Buffer[] = [];
    await this.db.runExclusive(() =>
      this.db.execProtocolRawStream(new Uint8Array(messages.buffer, messages.byteOffset, messages.length), {
        // PGlite reuses its buffer for the next call: keep a copy.
        onRawData: (data: Uint8Array) => void answer.push(Buffer.from(data)),
      }),
    );
    if (answer.length > 0 && !this.ended) this.push(answer.length === 1 ? answer[0] : Buffer.concat(answer));
  }

  /**
   * The end of this connection (Terminate, or the stream ended or destroyed). PGlite's one session outlives
   * it, so a transaction the connection left open is rolled back, as a server does for a closed connection.
   * (What else it left in the session, the next connection discards.)
   */
  private async finish(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    if (!this.db.closed && this.db.isInTransaction()) await this.db.exec('ROLLBACK').catch(() => {});
    this.push(null);
    process.nextTick(() => this.destroy());
  }
}
