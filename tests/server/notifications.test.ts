import { expect } from 'chai';
import { createUsers, openTaskAt, PETANQUE_CLUB, PROCESSES_DIR } from './fixtures/cases.js';
import { bpmnProcess, chain, start } from './fixtures/definitions.js';
import { ADMIN_PASSWORD, startTestServer, type ApiClient, type TestServer } from './harness.js';
import { Browser } from './pages/page-browser.js';

const LOKET_NS = 'xmlns:loket="https://loket.dev/schema/bpmn/1.0"';

describe('notifications: a step with loket:notification mails the requester, through the outbox', function () {
  let server: TestServer;
  let api: Record<string, ApiClient>;

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    api = await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', roles: ['staff'], groups: ['financien'] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
    ]);
  });
  after(() => server?.close());

  const outboxOf = async (caseId: string) => (await api.an!.get(`/api/outbox?processInstanceId=${caseId}`)).body as { recipient: string; subject: string; body: string; sentAt: string | null }[];

  it('writes the confirmation with the tracking code when the application arrives, in the step that starts the case', async () => {
    const started = await api.an!.post('/api/process-instances', { processKey: 'subsidy-club', variables: { ...PETANQUE_CLUB, verenigingNaam: 'Club <De Boule> & Co' } });
    expect(started.status).to.equal(201);
    const mails = await outboxOf(started.body.id);
    expect(mails).to.have.length(1);
    expect(mails[0]).to.include({ recipient: 'secretaris@zonnigeboule.be', subject: `Uw subsidieaanvraag is ontvangen (${started.body.trackingCode})`, sentAt: null });
    expect(mails[0]!.body).to.include('Beste Club &lt;De Boule&gt; &amp; Co,').and.to.include(`<strong>${started.body.trackingCode}</strong>`);
    const events = (await api.an!.get(`/api/process-instances/${started.body.id}/history`)).body.events;
    expect(events.find((e: { type: string }) => e.type === 'notification-queued')).to.deep.include({
      elementId: 'AanvraagOntvangen',
      data: { template: 'subsidie-ontvangen.hbs', recipient: 'secretaris@zonnigeboule.be' },
    });
  });

  it('tells the club when the subsidy is granted, with the amount and the payment reference', async () => {
    const started = await api.an!.post('/api/process-instances', { processKey: 'subsidy-club', variables: PETANQUE_CLUB });
    const id = started.body.id as string;
    const complete = async (who: string, elementId: string, variables: Record<string, unknown>) => {
      const task = await openTaskAt(api[who]!, id, elementId);
      expect((await api[who]!.post(`/api/tasks/${task.id}/complete`, { variables })).status).to.equal(200);
    };
    await complete('an', 'AanvraagControleren', { aanvraagVolledig: true });
    await complete('fien', 'BesluitVoorbereiden', { toegekendBedrag: 1000, motivering: 'Regel 7.' });
    await complete('cor', 'BesluitGoedkeuren', { goedgekeurd: true });
    await complete('fien', 'BetalingUitvoeren', { betaald: true, betalingskenmerk: 'SUB-2026-0007' });
    const mails = await outboxOf(id);
    expect(mails.map((m) => m.subject)).to.have.members([`Uw subsidieaanvraag is ontvangen (${started.body.trackingCode})`, 'Uw subsidie is toegekend']);
    const granted = mails.find((m) => m.subject === 'Uw subsidie is toegekend')!;
    expect(granted.body).to.include('een subsidie toe van 1000 euro').and.to.include('SUB-2026-0007');
  });

  it('notes on the timeline why a notification could not be written, and the case goes on', async () => {
    const admin = server.api(await server.adminToken());
    const xml = bpmnProcess('zonder-adres', [
      start('s'),
      `<bpmn:endEvent id="klaar" name="Klaar" ${LOKET_NS} loket:notification="subsidie-toegekend.hbs" loket:notificationSubject="Klaar" />`,
      chain('s', 'klaar'),
    ]);
    expect((await admin.post('/api/deployments', { name: 'zonder-adres', resources: [{ name: 'zonder-adres.bpmn', content: xml }] })).status).to.equal(201);
    const started = await api.an!.post('/api/process-instances', { processKey: 'zonder-adres' });
    expect(started.body.state).to.equal('completed');
    expect(await outboxOf(started.body.id)).to.deep.equal([]);
    const failed = (await api.an!.get(`/api/process-instances/${started.body.id}/history`)).body.events.find((e: { type: string }) => e.type === 'notification-failed');
    expect(failed.data.message).to.equal('the start form of this service has no e-mail field, so the requester cannot be written to');
  });

  it('shows the administrator the outbox, kept because no mail server is set, and only her', async () => {
    const admin = new Browser(server.url);
    await admin.logIn('admin', ADMIN_PASSWORD);
    const page = await admin.get('/beheer/post');
    expect(page.status).to.equal(200);
    const text = page.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).to.include('Er is geen mailserver ingesteld (LOKET_SMTP_URL)').and.to.include('Uw subsidie is toegekend').and.to.include('Bewaard (niet verstuurd)');
    const staff = new Browser(server.url);
    await staff.logIn('an', 'an-wachtwoord');
    expect((await staff.get('/beheer/post')).status).to.equal(403);
  });

  it('refuses at deploy a notification whose template is not deployed, or that has no subject', async () => {
    const admin = server.api(await server.adminToken());
    const deploy = (attributes: string) =>
      admin.post('/api/deployments', {
        name: 'fout',
        resources: [{ name: 'fout.bpmn', content: bpmnProcess('fout', [start('s'), `<bpmn:endEvent id="e" name="Einde" ${LOKET_NS} ${attributes} />`, chain('s', 'e')]) }],
      });
    const missing = await deploy('loket:notification="bestaat-niet.hbs" loket:notificationSubject="Hallo"');
    expect(missing.status).to.equal(400);
    expect(missing.body.details.map((d: { message: string }) => d.message)).to.include('the notification template "bestaat-niet.hbs" of EndEvent "Einde" (e) is neither deployed nor in this deployment');
    const noSubject = await deploy('loket:notification="subsidie-toegekend.hbs"');
    expect(noSubject.body.details.map((d: { message: string }) => d.message)).to.include('the notification of EndEvent "Einde" (e) needs a subject line (loket:notificationSubject)');
    expect((await admin.get('/api/process-definitions')).body.map((d: { key: string }) => d.key)).not.to.include('fout');
  });
});
