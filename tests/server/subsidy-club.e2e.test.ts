import { expect } from 'chai';
import type { ApiClient } from './harness.js';
import { startTestServer, type TestServer } from './harness.js';
import {
  PETANQUE_CLUB,
  PROCESSES_DIR,
  completeTask,
  createUsers,
  historyOf,
  instanceOf,
  openTaskAt,
  openTasksOf,
  type HistoryEvent,
} from './fixtures/cases.js';

/** The events of one kind at one element, in order. */
const eventsAt = (events: HistoryEvent[], type: string, elementId: string) => events.filter((e) => e.type === type && e.elementId === elementId);
const indexOf = (events: HistoryEvent[], type: string, elementId: string) => events.findIndex((e) => e.type === type && e.elementId === elementId);

describe('subsidy-club end to end: a municipality handles a club subsidy through the API', () => {
  let server: TestServer;
  let an: ApiClient; // staff, burgerzaken
  let fien: ApiClient; // staff, financien
  let cor: ApiClient; // reviewer, college

  before(async () => {
    server = await startTestServer({ processesDir: PROCESSES_DIR });
    ({ an, fien, cor } = await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', roles: ['staff'], groups: ['financien'] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
    ]) as { an: ApiClient; fien: ApiClient; cor: ApiClient });
  });
  after(async () => {
    await server?.close();
  });

  async function startCase(variables: Record<string, unknown>, businessKey: string) {
    const response = await an.post('/api/process-instances', { processKey: 'subsidy-club', businessKey, variables });
    expect(response.status, JSON.stringify(response.body)).to.equal(201);
    return response.body as { id: string; trackingCode: string; state: string; businessKey: string; variables: Record<string, unknown> };
  }

  it('takes an eligible application from intake to payment, each step by its own department', async () => {
    // Start: the case waits at the intake of Burgerzaken.
    const started = await startCase(PETANQUE_CLUB, 'SUB-2025-0001');
    expect(started).to.include({ processKey: 'subsidy-club', version: 1, businessKey: 'SUB-2025-0001', state: 'active' });
    expect(started.trackingCode).to.be.a('string').with.length.of.at.least(8);
    expect(started.trackingCode).not.to.equal(started.id);
    expect(started.variables).to.deep.equal(PETANQUE_CLUB);
    const id = started.id;

    // The intake is in Burgerzaken's inbox, not in Financien's.
    const intake = await openTaskAt(an, id, 'AanvraagControleren');
    expect(intake).to.include({ name: 'Aanvraag controleren', processKey: 'subsidy-club', formKey: 'subsidie-intake', state: 'open', assignee: null });
    expect(intake.candidateGroups).to.deep.equal(['burgerzaken']);
    expect(await openTasksOf(fien, id)).to.deep.equal([]);
    const fienInbox = await fien.get('/api/tasks');
    expect(fienInbox.body.map((t: { id: string }) => t.id)).not.to.include(intake.id);

    // Another department may not complete it.
    const byFien = await fien.post(`/api/tasks/${intake.id}/complete`, { variables: { aanvraagVolledig: true } });
    expect(byFien.status).to.equal(403);
    expect(byFien.body.error).to.equal('forbidden');

    // A form violation is refused with details, and changes nothing.
    const before = await instanceOf(an, id);
    const historyBefore = await historyOf(an, id);
    const bad = await an.post(`/api/tasks/${intake.id}/complete`, { variables: { aanvraagVolledig: 'ja', opmerking: 12 } });
    expect(bad.status).to.equal(400);
    expect(bad.body.error).to.equal('bad-request');
    expect(bad.body.details).to.be.an('array').with.length.of.at.least(2);
    const badPaths = bad.body.details.map((d: { path?: string }) => d.path ?? '').join(' ');
    expect(badPaths).to.contain('aanvraagVolledig').and.to.contain('opmerking');
    const missing = await an.post(`/api/tasks/${intake.id}/complete`, { variables: {} });
    expect(missing.status).to.equal(400);
    expect((await openTaskAt(an, id, 'AanvraagControleren')).id).to.equal(intake.id);
    expect(await instanceOf(an, id)).to.deep.equal(before);
    expect(await historyOf(an, id)).to.deep.equal(historyBefore);

    // Burgerzaken finds the application complete; a second completion is a conflict.
    await completeTask(an, intake.id, { aanvraagVolledig: true, opmerking: 'Alles aanwezig.' });
    const again = await an.post(`/api/tasks/${intake.id}/complete`, { variables: { aanvraagVolledig: true } });
    expect(again.status).to.equal(409);
    expect(again.body.error).to.equal('conflict');

    // The business rule task ran: rule 7, at most 1000 euro, explained in the history.
    const afterIntake = await instanceOf(an, id);
    expect(afterIntake.variables.beoordeling).to.include({ komtInAanmerking: true, maximumBedrag: 1000 });
    expect(afterIntake.variables.beoordeling.reden).to.be.a('string').and.not.be.empty;
    expect(afterIntake.variables.voorgesteldBedrag).to.equal(1000);
    expect(afterIntake.activeElementIds).to.deep.equal(['BesluitVoorbereiden']);
    let events = await historyOf(an, id);
    const [evaluated] = eventsAt(events, 'decision-evaluated', 'VoorwaardenToetsen');
    expect(evaluated, 'decision-evaluated').to.exist;
    expect(evaluated!.data!.decisionId).to.equal('subsidy-club-eligibility');
    expect(evaluated!.data!.explanation).to.be.a('string').and.match(/Regel 7/);
    const [intakeDone] = eventsAt(events, 'task-completed', 'AanvraagControleren');
    expect(intakeDone!.user).to.equal('an');
    expect(indexOf(events, 'element-activated', 'AanvraagControleren')).to.be.lessThan(indexOf(events, 'task-completed', 'AanvraagControleren'));
    expect(indexOf(events, 'task-completed', 'AanvraagControleren')).to.be.lessThan(indexOf(events, 'element-completed', 'AanvraagControleren'));
    expect(indexOf(events, 'element-completed', 'AanvraagControleren')).to.be.lessThan(indexOf(events, 'element-activated', 'VoorwaardenToetsen'));
    expect(indexOf(events, 'element-activated', 'VoorwaardenToetsen')).to.be.lessThan(indexOf(events, 'decision-evaluated', 'VoorwaardenToetsen'));
    expect(indexOf(events, 'decision-evaluated', 'VoorwaardenToetsen')).to.be.lessThan(indexOf(events, 'element-completed', 'VoorwaardenToetsen'));
    expect(indexOf(events, 'element-completed', 'MaximumbedragBerekenen')).to.be.lessThan(indexOf(events, 'element-activated', 'BesluitVoorbereiden'));

    // Financien prepares the decision; Burgerzaken no longer sees the case.
    expect(await openTasksOf(an, id)).to.deep.equal([]);
    const besluit = await openTaskAt(fien, id, 'BesluitVoorbereiden');
    expect(besluit.name).to.equal('Besluit voorbereiden');
    expect(besluit.candidateGroups).to.deep.equal(['financien']);
    await completeTask(fien, besluit.id, { toegekendBedrag: 1000, motivering: 'De club telt 34 leden; ten hoogste 1000 euro.' });

    // The college approves.
    const goedkeuring = await openTaskAt(cor, id, 'BesluitGoedkeuren');
    expect(goedkeuring.candidateGroups).to.deep.equal(['college']);
    await completeTask(cor, goedkeuring.id, { goedgekeurd: true, opmerking: 'Akkoord.' });

    // The parallel branch: the manual task passes, the payment waits; the join holds the case open.
    const midway = await instanceOf(an, id);
    expect(midway.state).to.equal('active');
    expect(midway.activeElementIds).to.include('BetalingUitvoeren');
    expect(midway.activeElementIds).not.to.include('SubsidieToegekend');
    events = await historyOf(an, id);
    expect(eventsAt(events, 'element-completed', 'VerenigingInformeren')).to.have.length(1);
    expect(eventsAt(events, 'element-activated', 'SubsidieToegekend')).to.have.length(0);
    const betaling = await openTaskAt(fien, id, 'BetalingUitvoeren');
    await completeTask(fien, betaling.id, { betaald: true, betalingskenmerk: 'SUB-2025-0042' });

    // The case has ended at "Subsidie toegekend".
    const done = await instanceOf(an, id);
    expect(done.state).to.equal('completed');
    expect(done.activeElementIds).to.deep.equal([]);
    expect(done.variables).to.include({ goedgekeurd: true, betaald: true, toegekendBedrag: 1000 });
    events = await historyOf(an, id);
    expect(eventsAt(events, 'element-completed', 'BeideAfgerond')).to.have.length(1);
    expect(eventsAt(events, 'element-completed', 'SubsidieToegekend')).to.have.length(1);
    expect(eventsAt(events, 'element-activated', 'AanvraagAfgewezen')).to.have.length(0);
    const completions = events.filter((e) => e.type === 'task-completed').map((e) => [e.elementId, e.user]);
    expect(completions).to.deep.equal([
      ['AanvraagControleren', 'an'],
      ['BesluitVoorbereiden', 'fien'],
      ['BesluitGoedkeuren', 'cor'],
      ['BetalingUitvoeren', 'fien'],
    ]);
    const times = events.map((e) => Date.parse(e.at));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1]!)).to.equal(true);
    expect(await openTasksOf(fien, id)).to.deep.equal([]);
    const completedList = await server.api(await server.adminToken()).get(`/api/process-instances?state=completed&businessKey=SUB-2025-0001`);
    expect(completedList.body.map((i: { id: string }) => i.id)).to.deep.equal([id]);
  });

  it('rejects a commercial club: the rule says no and Burgerzaken writes the rejection letter', async () => {
    const { id } = await startCase({ ...PETANQUE_CLUB, verenigingNaam: 'Boule BV', soortVereniging: 'commercieel' }, 'SUB-2025-0002');
    await completeTask(an, (await openTaskAt(an, id, 'AanvraagControleren')).id, { aanvraagVolledig: true });

    const waiting = await instanceOf(an, id);
    expect(waiting.variables.beoordeling).to.include({ komtInAanmerking: false, maximumBedrag: 0 });
    expect(waiting.variables.beoordeling.reden).to.be.a('string').and.not.be.empty;
    expect(waiting.variables).not.to.have.property('voorgesteldBedrag');
    expect(waiting.activeElementIds).to.deep.equal(['AfwijzingsbriefOpstellen']);
    expect(await openTasksOf(fien, id)).to.deep.equal([]);
    const [evaluated] = eventsAt(await historyOf(an, id), 'decision-evaluated', 'VoorwaardenToetsen');
    expect(evaluated!.data!.explanation).to.match(/Regel 4/);

    const brief = await openTaskAt(an, id, 'AfwijzingsbriefOpstellen');
    expect(brief.formKey).to.equal('afwijzingsbrief');
    // The form only accepts a letter that was sent.
    expect((await an.post(`/api/tasks/${brief.id}/complete`, { variables: { briefVerstuurd: false } })).status).to.equal(400);
    await completeTask(an, brief.id, { briefVerstuurd: true });

    const done = await instanceOf(an, id);
    expect(done.state).to.equal('completed');
    const events = await historyOf(an, id);
    expect(eventsAt(events, 'element-completed', 'AanvraagAfgewezen')).to.have.length(1);
    expect(eventsAt(events, 'element-activated', 'MaximumbedragBerekenen')).to.have.length(0);
    expect(eventsAt(events, 'element-activated', 'BesluitVoorbereiden')).to.have.length(0);
  });

  it('asks the club for what is missing and checks the application again', async () => {
    const { id } = await startCase(PETANQUE_CLUB, 'SUB-2025-0003');
    const firstCheck = await openTaskAt(an, id, 'AanvraagControleren');
    await completeTask(an, firstCheck.id, { aanvraagVolledig: false, opmerking: 'De begroting voor dit jaar ontbreekt.' });

    const aanvulling = await openTaskAt(an, id, 'AanvullingOpvragen');
    expect(aanvulling.formKey).to.equal('subsidie-aanvulling');
    expect((await instanceOf(an, id)).variables).not.to.have.property('beoordeling');
    await completeTask(an, aanvulling.id, { aanvullingOntvangen: true, opmerking: 'Begroting ontvangen per e-mail.' });

    // Back at the intake, as a new task.
    const secondCheck = await openTaskAt(an, id, 'AanvraagControleren');
    expect(secondCheck.id).not.to.equal(firstCheck.id);
    await completeTask(an, secondCheck.id, { aanvraagVolledig: true });

    const moved = await instanceOf(an, id);
    expect(moved.activeElementIds).to.deep.equal(['BesluitVoorbereiden']);
    expect(moved.variables.beoordeling.komtInAanmerking).to.equal(true);
    const events = await historyOf(an, id);
    expect(eventsAt(events, 'task-completed', 'AanvraagControleren')).to.have.length(2);
    expect(eventsAt(events, 'element-activated', 'AanvraagControleren')).to.have.length(2);
    expect(eventsAt(events, 'decision-evaluated', 'VoorwaardenToetsen')).to.have.length(1);
    const completedTasks = await an.get(`/api/tasks?processInstanceId=${id}&state=completed`);
    expect(completedTasks.body.map((t: { elementId: string }) => t.elementId)).to.deep.equal(['AanvraagControleren', 'AanvullingOpvragen', 'AanvraagControleren']);
  });

  it('sends a decision the college rejects back to Financien, and goes on once it is approved', async () => {
    const { id } = await startCase({ ...PETANQUE_CLUB, soortVereniging: 'jeugd', aangevraagdBedrag: 3000 }, 'SUB-2025-0004');
    await completeTask(an, (await openTaskAt(an, id, 'AanvraagControleren')).id, { aanvraagVolledig: true });
    expect((await instanceOf(an, id)).variables.voorgesteldBedrag).to.equal(2500);

    const firstDraft = await openTaskAt(fien, id, 'BesluitVoorbereiden');
    await completeTask(fien, firstDraft.id, { toegekendBedrag: 2500, motivering: 'Jeugdvereniging: het maximum.' });
    // A reviewer completes with the college's form too.
    const firstReview = await openTaskAt(cor, id, 'BesluitGoedkeuren');
    expect((await cor.post(`/api/tasks/${firstReview.id}/complete`, { variables: { opmerking: 'Geen keuze' } })).status).to.equal(400);
    await completeTask(cor, firstReview.id, { goedgekeurd: false, opmerking: 'Te hoog; stel 2000 euro voor.' });

    const secondDraft = await openTaskAt(fien, id, 'BesluitVoorbereiden');
    expect(secondDraft.id).not.to.equal(firstDraft.id);
    expect(await openTasksOf(cor, id)).to.deep.equal([]);
    expect((await instanceOf(an, id)).variables).to.include({ goedgekeurd: false, opmerking: 'Te hoog; stel 2000 euro voor.' });
    await completeTask(fien, secondDraft.id, { toegekendBedrag: 2000, motivering: 'Zoals het college vroeg.' });
    await completeTask(cor, (await openTaskAt(cor, id, 'BesluitGoedkeuren')).id, { goedgekeurd: true });
    await completeTask(fien, (await openTaskAt(fien, id, 'BetalingUitvoeren')).id, { betaald: true });

    const done = await instanceOf(an, id);
    expect(done.state).to.equal('completed');
    expect(done.variables).to.include({ toegekendBedrag: 2000, goedgekeurd: true });
    const events = await historyOf(an, id);
    expect(eventsAt(events, 'element-activated', 'BesluitVoorbereiden')).to.have.length(2);
    expect(eventsAt(events, 'task-completed', 'BesluitGoedkeuren').map((e) => e.user)).to.deep.equal(['cor', 'cor']);
  });
});
