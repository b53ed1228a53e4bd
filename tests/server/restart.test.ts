import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer, type ApiClient, type TestServer } from './harness.js';
import { PETANQUE_CLUB, PROCESSES_DIR, completeTask, createUsers, historyOf, instanceOf, openTaskAt, type HistoryEvent } from './fixtures/cases.js';

/** A case survives a restart of the server on its embedded database folder. */
describe('server: restart on the same data folder', () => {
  let dataDir: string;
  let server: TestServer | undefined;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loket-restart-'));
  });
  after(async () => {
    await server?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps the open task, its claim, the variables and the history, and carries the case on', async function () {
    this.timeout(60_000);
    // First run: a case reaches Financien, who claims the decision.
    server = await startTestServer({ dataDir, processesDir: PROCESSES_DIR });
    const first = await createUsers(server, [
      { username: 'an', roles: ['staff'], groups: ['burgerzaken'] },
      { username: 'fien', roles: ['staff'], groups: ['financien'] },
      { username: 'cor', roles: ['reviewer'], groups: ['college'] },
    ]);
    const started = await first.an!.post('/api/process-instances', { processKey: 'subsidy-club', businessKey: 'SUB-RESTART', variables: PETANQUE_CLUB });
    expect(started.status).to.equal(201);
    const id: string = started.body.id;
    const intake = await openTaskAt(first.an!, id, 'AanvraagControleren');
    expect((await first.an!.post(`/api/tasks/${intake.id}/claim`)).status).to.equal(200);
    await completeTask(first.an!, intake.id, { aanvraagVolledig: true, opmerking: 'Volledig.' });
    const besluit = await openTaskAt(first.fien!, id, 'BesluitVoorbereiden');
    expect((await first.fien!.post(`/api/tasks/${besluit.id}/claim`)).status).to.equal(200);
    const caseBefore = await instanceOf(first.an!, id);
    const historyBefore: HistoryEvent[] = await historyOf(first.an!, id);
    const definitionsBefore = (await first.an!.get('/api/process-definitions')).body;
    await server.close();
    server = undefined;

    // Second run on the same folder: the same services are deployed again at start.
    server = await startTestServer({ dataDir, processesDir: PROCESSES_DIR });
    const password = (name: string) => `${name}-wachtwoord`;
    const [an, fien, cor]: ApiClient[] = await Promise.all(
      ['an', 'fien', 'cor'].map(async (name) => server!.api(await server!.login(name, password(name)))),
    );

    const caseAfter = await instanceOf(an!, id);
    expect(caseAfter).to.deep.equal(caseBefore);
    expect(caseAfter.variables).to.include({ aanvraagVolledig: true, voorgesteldBedrag: 1000 });
    expect(caseAfter.variables.beoordeling).to.include({ komtInAanmerking: true });
    const task = await openTaskAt(fien!, id, 'BesluitVoorbereiden');
    expect(task).to.include({ id: besluit.id, assignee: 'fien', state: 'open' });
    expect(await historyOf(an!, id)).to.deep.equal(historyBefore);
    expect(historyBefore.filter((e) => e.type === 'task-claimed').map((e) => [e.elementId, e.user])).to.deep.equal([
      ['AanvraagControleren', 'an'],
      ['BesluitVoorbereiden', 'fien'],
    ]);

    // Re-deploying the unchanged service made no new version.
    const definitions = (await an!.get('/api/process-definitions')).body as { key: string; version: number }[];
    expect(definitions).to.deep.equal(definitionsBefore);
    expect(definitions.filter((d) => d.key === 'subsidy-club').map((d) => d.version)).to.deep.equal([1]);

    // The claim still holds, and the case goes on to the end.
    expect((await an!.post(`/api/tasks/${task.id}/claim`)).status).to.equal(403);
    await completeTask(fien!, task.id, { toegekendBedrag: 1000, motivering: 'Na de herstart.' });
    await completeTask(cor!, (await openTaskAt(cor!, id, 'BesluitGoedkeuren')).id, { goedgekeurd: true });
    await completeTask(fien!, (await openTaskAt(fien!, id, 'BetalingUitvoeren')).id, { betaald: true });
    const done = await instanceOf(an!, id);
    expect(done).to.include({ state: 'completed', version: 1 });
    const history = await historyOf(an!, id);
    expect(history.slice(0, historyBefore.length)).to.deep.equal(historyBefore);
    expect(history.filter((e) => e.type === 'task-completed').map((e) => e.user)).to.deep.equal(['an', 'fien', 'cor', 'fien']);
  });
});
