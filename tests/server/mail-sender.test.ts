import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { PETANQUE_CLUB, PROCESSES_DIR } from './fixtures/cases.js';
import { startTestServer, type TestServer } from './harness.js';

/** A real SMTP server on a free port that keeps what it is given, and can be told to refuse. */
async function smtpSink(): Promise<{ url: string; received: { to: string; raw: string }[]; refuse: boolean; close(): Promise<void> }> {
  const sink = {
    url: '',
    received: [] as { to: string; raw: string }[],
    refuse: false,
    close: async () => {},
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      callback(sink.refuse ? Object.assign(new Error('Mailbox tijdelijk niet beschikbaar'), { responseCode: 451 }) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        sink.received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  sink.close = () => new Promise((resolve) => server.close(() => resolve()));
  return sink;
}

describe('the outbox is sent to SMTP (LOKET_SMTP_URL)', function () {
  let server: TestServer;
  let sink: Awaited<ReturnType<typeof smtpSink>>;

  before(async () => {
    sink = await smtpSink();
    server = await startTestServer({ processesDir: PROCESSES_DIR, smtpUrl: sink.url });
  });
  after(async () => {
    await server?.close();
    await sink?.close();
  });

  const unsent = async () => (await server.services.dataSource.query('SELECT id, attempts, last_error, next_attempt_at FROM outbox WHERE sent_at IS NULL')) as { id: string; attempts: number; last_error: string | null; next_attempt_at: Date | null }[];

  it('sends each mail once, with its outbox id as Message-ID, and marks it sent', async () => {
    const admin = server.api(await server.adminToken());
    const started = await admin.post('/api/process-instances', { processKey: 'subsidy-club', variables: PETANQUE_CLUB });
    expect(started.status).to.equal(201);
    expect(await server.services.outbox.sendDue()).to.equal(1);
    expect(await server.services.outbox.sendDue()).to.equal(0);
    expect(sink.received).to.have.length(1);
    expect(sink.received[0]!.to).to.equal('secretaris@zonnigeboule.be');
    const [mail] = (await admin.get(`/api/outbox?processInstanceId=${started.body.id}`)).body;
    expect(mail.sentAt).to.be.a('string');
    expect(sink.received[0]!.raw).to.include(`Message-ID: <${mail.id}@loket>`).and.to.include('Subject: Uw subsidieaanvraag is ontvangen');
    expect(await unsent()).to.deep.equal([]);
  });

  it('tries a refused mail again later, keeping the problem, and sends it once the server takes it', async () => {
    sink.refuse = true;
    const admin = server.api(await server.adminToken());
    await admin.post('/api/process-instances', { processKey: 'subsidy-club', variables: { ...PETANQUE_CLUB, contactEmail: 'later@example.be' } });
    const before = sink.received.length;
    expect(await server.services.outbox.sendDue()).to.equal(1);
    const [waiting] = await unsent();
    expect(waiting!.attempts).to.equal(1);
    expect(waiting!.last_error).to.match(/Mailbox tijdelijk niet beschikbaar/);
    expect(new Date(waiting!.next_attempt_at!).getTime()).to.be.greaterThan(Date.now() + 50_000);
    // Not due yet: the next round leaves it alone.
    expect(await server.services.outbox.sendDue()).to.equal(0);
    sink.refuse = false;
    await server.services.dataSource.query('UPDATE outbox SET next_attempt_at = now() - interval \'1 second\' WHERE id = $1', [waiting!.id]);
    expect(await server.services.outbox.sendDue()).to.equal(1);
    expect(sink.received.length - before).to.equal(1);
    expect(sink.received.at(-1)!.to).to.equal('later@example.be');
    expect(await unsent()).to.deep.equal([]);
  });
});
