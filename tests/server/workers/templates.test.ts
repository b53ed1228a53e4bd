import { expect } from 'chai';
import { startTestServer, type ApiClient, type TestServer } from '../harness.js';
import { createUsers } from '../fixtures/cases.js';
import { deployedTemplates } from '../../../server/src/jobs/templates.js';
import { deployResources, startCase, waitingProcess } from './helpers.js';

describe('server: *.hbs templates', () => {
  let server: TestServer;
  let owner: ApiClient;

  before(async () => {
    server = await startTestServer();
    ({ eigenaar: owner } = (await createUsers(server, [{ username: 'eigenaar', roles: ['process-owner'], groups: [] }])) as Record<string, ApiClient>);
  });
  after(async () => {
    await server?.close();
  });

  const templateOf = (caseId: string, name: string) => server.services.dataSource.transaction((em) => deployedTemplates().template(em, caseId, name));
  const count = async (sql: string, values: unknown[] = []) => Number((await server.services.dataSource.query(sql, values))[0].count);

  describe('POST /api/deployments', () => {
    it("stores a template as a resource of kind 'template', next to a process", async () => {
      const deployed = await deployResources(owner, [
        { name: 'vergunning.bpmn', content: waitingProcess('vergunning') },
        { name: 'mails/besluit.mail.hbs', content: '<p>Beste {{naam}}</p>' },
      ]);
      expect(deployed.processes.map((p) => [p.key, p.version])).to.deep.equal([['vergunning', 1]]);
      const rows = await server.services.dataSource.query('SELECT name, kind, content FROM deployment_resources WHERE deployment_id = $1 ORDER BY name', [deployed.id]);
      expect(rows).to.deep.equal([
        { name: 'mails/besluit.mail.hbs', kind: 'template', content: '<p>Beste {{naam}}</p>' },
        { name: 'vergunning.bpmn', kind: 'bpmn', content: waitingProcess('vergunning') },
      ]);
    });

    it('deploys a template on its own, and an identical one again without a new deployment', async () => {
      const first = await deployResources(owner, [{ name: 'los.hbs', content: 'Hallo {{naam}}' }]);
      const again = await deployResources(owner, [{ name: 'los.hbs', content: 'Hallo {{naam}}' }]);
      expect(again.id).to.equal(first.id);
      expect(await count(`SELECT count(*) AS count FROM deployment_resources WHERE name = 'los.hbs'`)).to.equal(1);
      const changed = await deployResources(owner, [{ name: 'los.hbs', content: 'Dag {{naam}}' }]);
      expect(changed.id).to.not.equal(first.id);
      expect(await count(`SELECT count(*) AS count FROM deployment_resources WHERE name = 'los.hbs'`)).to.equal(2);
    });

    it('answers 400 naming the resource, the line and the parser message for a broken template, and stores nothing', async () => {
      const deploymentsBefore = await count('SELECT count(*) AS count FROM deployments');
      const response = await owner.post('/api/deployments', {
        name: 'kapot',
        resources: [
          { name: 'kapot-proces.bpmn', content: waitingProcess('kapot-proces') },
          { name: 'kapot.hbs', content: '<p>Beste {{naam}}</p>\n{{#if bijlagen}}\n<ul>\n{{/each}}' },
          { name: 'open.hbs', content: 'Hallo\n\n{{ naam' },
        ],
      });
      expect(response.status, JSON.stringify(response.body)).to.equal(400);
      expect(response.body.error).to.equal('bad-request');
      const details = response.body.details as { resource: string; line?: number; message: string }[];
      expect(details.map((d) => d.resource)).to.deep.equal(['kapot.hbs', 'open.hbs']);
      expect(details[0]!.line).to.equal(2);
      expect(details[0]!.message).to.match(/^the template is not valid Handlebars: if doesn't match each/);
      expect(details[1]!.line).to.equal(3);
      expect(details[1]!.message).to.match(/^the template is not valid Handlebars: Parse error on line 3/);
      expect(await count('SELECT count(*) AS count FROM deployments')).to.equal(deploymentsBefore);
      expect(await count(`SELECT count(*) AS count FROM process_definitions WHERE key = 'kapot-proces'`)).to.equal(0);
    });

    it('mentions *.hbs when the kind of a resource is unknown', async () => {
      const response = await owner.post('/api/deployments', { name: 'raar', resources: [{ name: 'brief.txt', content: 'Beste' }] });
      expect(response.status).to.equal(400);
      expect(response.body.details).to.deep.equal([{ resource: 'brief.txt', message: 'unknown kind of resource: name it *.bpmn, *.dmn, *.form.json or *.hbs' }]);
    });
  });

  describe('deployedTemplates()', () => {
    const NAME = 'ontvangst.mail.hbs';
    let caseOfVersion1: string;
    let caseOfVersion2: string;

    before(async () => {
      await deployResources(owner, [
        { name: 'aanvraag.bpmn', content: waitingProcess('aanvraag', 'Behandelen') },
        { name: NAME, content: 'versie 1' },
      ]);
      caseOfVersion1 = await startCase(owner, 'aanvraag');
      const second = await deployResources(owner, [
        { name: 'aanvraag.bpmn', content: waitingProcess('aanvraag', 'Aanvraag behandelen') },
        { name: NAME, content: 'versie 2' },
      ]);
      expect(second.processes.map((p) => p.version)).to.deep.equal([2]);
      caseOfVersion2 = await startCase(owner, 'aanvraag');
    });

    it('gives each case the template deployed with its own process version', async () => {
      expect(await templateOf(caseOfVersion1, NAME)).to.equal('versie 1');
      expect(await templateOf(caseOfVersion2, NAME)).to.equal('versie 2');
    });

    it('gives a changed template to the cases of a process deployed again unchanged with it', async () => {
      const third = await deployResources(owner, [
        { name: 'aanvraag.bpmn', content: waitingProcess('aanvraag', 'Aanvraag behandelen') },
        { name: NAME, content: 'versie 3' },
      ]);
      // The process kept version 2, as its BPMN did not change; only the template did.
      expect(third.processes.map((p) => p.version)).to.deep.equal([2]);
      expect(await templateOf(caseOfVersion2, NAME)).to.equal('versie 3');
      expect(await templateOf(caseOfVersion1, NAME)).to.equal('versie 1');
    });

    it('falls back to the newest template of that name from any deployment', async () => {
      await deployResources(owner, [{ name: 'gedeeld.hbs', content: 'gedeeld oud' }]);
      await deployResources(owner, [{ name: 'gedeeld.hbs', content: 'gedeeld nieuw' }]);
      expect(await templateOf(caseOfVersion1, 'gedeeld.hbs')).to.equal('gedeeld nieuw');
    });

    it('answers undefined for a template that is not deployed', async () => {
      expect(await templateOf(caseOfVersion1, 'bestaat-niet.hbs')).to.equal(undefined);
      // A BPMN resource is not a template, even by its name.
      expect(await templateOf(caseOfVersion1, 'aanvraag.bpmn')).to.equal(undefined);
    });
  });
});
