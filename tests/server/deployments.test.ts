import { expect } from 'chai';
import { startTestServer, type ApiResponse, type TestServer } from './harness.js';
import {
  ageDecision,
  bpmnProcess,
  chain,
  dmnTable,
  end,
  flow,
  formSchema,
  lineContaining,
  processWithDecision,
  processWithForm,
  start,
} from './fixtures/definitions.js';

interface Resource {
  name: string;
  content: string;
}
interface Definition {
  id: string;
  key: string;
  version: number;
  name: string;
}
interface Problem {
  resource: string;
  elementId?: string;
  line?: number;
  message: string;
}

const TABLES = ['deployments', 'deployment_resources', 'process_definitions', 'decision_definitions', 'form_definitions'] as const;

describe('server: deployments and process definitions', () => {
  let server: TestServer;
  let adminToken: string;
  let ownerToken: string;
  let staffToken: string;

  before(async () => {
    server = await startTestServer();
    adminToken = await server.adminToken();
    const admin = server.api(adminToken);
    await admin.post('/api/users', { username: 'eigenaar', password: 'proces-123', roles: ['process-owner'], groups: [] });
    await admin.post('/api/users', { username: 'staf', password: 'balie-123', roles: ['staff'], groups: ['burgerzaken'] });
    ownerToken = await server.login('eigenaar', 'proces-123');
    staffToken = await server.login('staf', 'balie-123');
  });
  after(async () => {
    await server?.close();
  });

  const deploy = (resources: Resource[], token = ownerToken, name = 'test-deployment') => server.api(token).post('/api/deployments', { name, resources });

  async function rowCounts(): Promise<Record<(typeof TABLES)[number], number>> {
    const counts = {} as Record<(typeof TABLES)[number], number>;
    for (const table of TABLES) {
      const rows: { count: string | number }[] = await server.services.dataSource.query(`SELECT count(*) AS count FROM ${table}`);
      counts[table] = Number(rows[0]!.count);
    }
    return counts;
  }

  async function processDefinitions(): Promise<Definition[]> {
    const response = await server.api(adminToken).get<Definition[]>('/api/process-definitions');
    expect(response.status).to.equal(200);
    return response.body;
  }

  async function decisions(): Promise<Definition[]> {
    const response = await server.api(adminToken).get<Definition[]>('/api/decisions');
    expect(response.status).to.equal(200);
    return response.body;
  }

  const versionsOf = (definitions: Definition[], key: string) => definitions.filter((d) => d.key === key).map((d) => d.version);

  /** Deploys, expects 400, and checks that not one row was written and the lists did not change. */
  async function expectRefused(resources: Resource[]): Promise<Problem[]> {
    const countsBefore = await rowCounts();
    const processesBefore = await processDefinitions();
    const decisionsBefore = await decisions();
    const response: ApiResponse = await deploy(resources);
    expect(response.status, JSON.stringify(response.body)).to.equal(400);
    expect(response.body.error).to.equal('bad-request');
    expect(response.body.message).to.be.a('string').and.not.be.empty;
    expect(response.body.details).to.be.an('array').that.is.not.empty;
    expect(await rowCounts()).to.deep.equal(countsBefore);
    expect(await processDefinitions()).to.deep.equal(processesBefore);
    expect(await decisions()).to.deep.equal(decisionsBefore);
    return response.body.details;
  }

  describe('POST /api/deployments', () => {
    it('deploys a process, a decision and a form together (201) and lists them', async () => {
      const response = await deploy([
        { name: 'aanvraag.bpmn', content: processWithForm('aanvraag', 'aanvraag-behandelen', 'Aanvraag parkeerkaart') },
        { name: 'aanvraag-behandelen.form.json', content: formSchema('Aanvraag behandelen') },
        { name: 'leeftijd.dmn', content: ageDecision('leeftijd') },
      ]);
      expect(response.status, JSON.stringify(response.body)).to.equal(201);
      expect(response.body.id).to.be.a('string').and.not.be.empty;
      expect(response.body.processes).to.have.length(1);
      expect(response.body.processes[0]).to.include({ key: 'aanvraag', version: 1, name: 'Aanvraag parkeerkaart' });
      expect(response.body.processes[0].id).to.be.a('string');
      expect(response.body.decisions).to.have.length(1);
      expect(response.body.decisions[0]).to.include({ key: 'leeftijd', version: 1, name: 'Leeftijdscategorie leeftijd' });
      expect(response.body.forms).to.have.length(1);
      expect(response.body.forms[0]).to.include({ key: 'aanvraag-behandelen', version: 1 });

      expect(await processDefinitions()).to.deep.include({ id: response.body.processes[0].id, key: 'aanvraag', version: 1, name: 'Aanvraag parkeerkaart' });
      expect(await decisions()).to.deep.include({ id: response.body.decisions[0].id, key: 'leeftijd', version: 1, name: 'Leeftijdscategorie leeftijd', validFrom: null });
      const stored: { name: string; created_by: string }[] = await server.services.dataSource.query('SELECT name, created_by FROM deployments WHERE id = $1', [
        response.body.id,
      ]);
      expect(stored).to.deep.equal([{ name: 'test-deployment', created_by: 'eigenaar' }]);
    });

    it('keeps the version when the same content is deployed again, and stores no new deployment', async () => {
      const resources = [
        { name: 'herhaal.bpmn', content: processWithForm('herhaal', 'herhaal-form') },
        { name: 'herhaal-form.form.json', content: formSchema('Herhaal') },
        { name: 'herhaal.dmn', content: ageDecision('herhaal-beslissing') },
      ];
      const first = await deploy(resources);
      expect(first.status).to.equal(201);
      const countsAfterFirst = await rowCounts();

      const again = await deploy(resources, adminToken);
      expect(again.status).to.equal(201);
      expect(again.body.processes).to.deep.equal(first.body.processes);
      expect(again.body.decisions).to.deep.equal(first.body.decisions);
      expect(again.body.forms).to.deep.equal(first.body.forms);
      expect(again.body.id).to.equal(first.body.id);
      expect(await rowCounts()).to.deep.equal(countsAfterFirst);
      expect(versionsOf(await processDefinitions(), 'herhaal')).to.deep.equal([1]);
      expect(versionsOf(await decisions(), 'herhaal-beslissing')).to.deep.equal([1]);
    });

    it('gives changed content a new version; the list shows every version, latest first per key', async () => {
      const v1 = await deploy([
        { name: 'wijzig.bpmn', content: bpmnProcess('wijzig', [start(), end(), chain('start', 'end')], 'Wijzig v1') },
        { name: 'ander.bpmn', content: bpmnProcess('ander', [start(), end(), chain('start', 'end')], 'Ander') },
      ]);
      expect(v1.status).to.equal(201);
      const changedXml = bpmnProcess('wijzig', [start(), '<bpmn:manualTask id="kijken" name="Even kijken" />', end(), chain('start', 'kijken', 'end')], 'Wijzig v2');
      const v2 = await deploy([
        { name: 'wijzig.bpmn', content: changedXml },
        { name: 'ander.bpmn', content: bpmnProcess('ander', [start(), end(), chain('start', 'end')], 'Ander') },
      ]);
      expect(v2.status).to.equal(201);
      const wijzig = v2.body.processes.find((p: Definition) => p.key === 'wijzig');
      const ander = v2.body.processes.find((p: Definition) => p.key === 'ander');
      expect(wijzig).to.include({ version: 2, name: 'Wijzig v2' });
      expect(wijzig.id).not.to.equal(v1.body.processes[0].id);
      expect(ander).to.deep.equal(v1.body.processes.find((p: Definition) => p.key === 'ander'));

      const list = await processDefinitions();
      expect(list.filter((d) => d.key === 'wijzig').map(({ version, name }) => ({ version, name }))).to.deep.equal([
        { version: 2, name: 'Wijzig v2' },
        { version: 1, name: 'Wijzig v1' },
      ]);
      expect(versionsOf(list, 'ander')).to.deep.equal([1]);
      // Latest first per key: the versions of one key are listed together, highest first.
      const keysInOrder = list.map((d) => d.key);
      for (const key of new Set(keysInOrder)) {
        const positions = keysInOrder.flatMap((k, i) => (k === key ? [i] : []));
        expect(positions[positions.length - 1]! - positions[0]!, `versions of ${key} are together`).to.equal(positions.length - 1);
        const versions = versionsOf(list, key);
        expect(versions).to.deep.equal([...versions].sort((a, b) => b - a));
      }

      const xml = await server.api(staffToken).get('/api/process-definitions/wijzig/xml');
      expect(xml.body).to.equal(changedXml);
    });

    it('gives a changed decision a new version; GET /api/decisions shows only the latest', async () => {
      const v1 = await deploy([{ name: 'tarief.dmn', content: ageDecision('tarief') }]);
      expect(v1.status).to.equal(201);
      const changed = dmnTable({ id: 'tarief', name: 'Tarief', inputs: [['Leeftijd', 'leeftijd']], outputs: [{ name: 'categorie' }], rules: [['r1', ['-'], ['"iedereen"']]] });
      const v2 = await deploy([{ name: 'tarief.dmn', content: changed }]);
      expect(v2.status).to.equal(201);
      expect(v2.body.decisions).to.deep.equal([{ key: 'tarief', version: 2, id: v2.body.decisions[0].id, name: 'Tarief' }]);
      expect((await decisions()).filter((d) => d.key === 'tarief')).to.deep.equal([{ key: 'tarief', version: 2, id: v2.body.decisions[0].id, name: 'Tarief', validFrom: null }]);
      const evaluated = await server.api(staffToken).post('/api/decisions/tarief/evaluate', { variables: { leeftijd: 10 } });
      expect(evaluated.body.outputs).to.deep.equal({ categorie: 'iedereen' });
    });

    it('versions each key on its own: an unchanged process keeps its version while its changed form gets a new one', async () => {
      const xml = processWithForm('gemengd', 'gemengd-form');
      const first = await deploy([
        { name: 'gemengd.bpmn', content: xml },
        { name: 'gemengd-form.form.json', content: formSchema('Gemengd v1') },
      ]);
      expect(first.status).to.equal(201);
      const second = await deploy([
        { name: 'gemengd.bpmn', content: xml },
        { name: 'gemengd-form.form.json', content: formSchema('Gemengd v2') },
      ]);
      expect(second.status).to.equal(201);
      expect(second.body.id).not.to.equal(first.body.id);
      expect(second.body.processes).to.deep.equal(first.body.processes);
      expect(second.body.forms).to.deep.equal([{ key: 'gemengd-form', version: 2, id: second.body.forms[0].id, name: 'Gemengd v2' }]);
      expect(versionsOf(await processDefinitions(), 'gemengd')).to.deep.equal([1]);
    });

    it('compares with the latest version only: going back to the content of version 1 makes version 3', async () => {
      const one = bpmnProcess('terug', [start(), end(), chain('start', 'end')], 'Terug');
      const two = bpmnProcess('terug', [start(), end('anders'), chain('start', 'anders')], 'Terug');
      expect((await deploy([{ name: 'terug.bpmn', content: one }])).body.processes[0].version).to.equal(1);
      expect((await deploy([{ name: 'terug.bpmn', content: two }])).body.processes[0].version).to.equal(2);
      expect((await deploy([{ name: 'terug.bpmn', content: one }])).body.processes[0].version).to.equal(3);
      expect(versionsOf(await processDefinitions(), 'terug')).to.deep.equal([3, 2, 1]);
      expect((await server.api(adminToken).get('/api/process-definitions/terug/xml')).body).to.equal(one);
    });

    it('deploys the same new content sent several times at once as one version', async () => {
      const resources = [
        { name: 'tegelijk.bpmn', content: processWithDecision('tegelijk', 'tegelijk-beslissing') },
        { name: 'tegelijk.dmn', content: ageDecision('tegelijk-beslissing') },
      ];
      const responses = await Promise.all([1, 2, 3, 4].map(() => deploy(resources)));
      for (const response of responses) expect(response.status, JSON.stringify(response.body)).to.equal(201);
      const ids = new Set(responses.map((r) => r.body.processes[0].id));
      expect(ids.size).to.equal(1);
      for (const response of responses) expect(response.body.processes[0].version).to.equal(1);
      expect(versionsOf(await processDefinitions(), 'tegelijk')).to.deep.equal([1]);
      expect(versionsOf(await decisions(), 'tegelijk-beslissing')).to.deep.equal([1]);
    });

    it('gives different content sent at once one version each, without gaps or doubles', async () => {
      const responses = await Promise.all(
        [1, 2, 3].map((i) => deploy([{ name: 'race.bpmn', content: bpmnProcess('race', [start(), end(`einde${i}`), chain('start', `einde${i}`)]) }])),
      );
      for (const response of responses) expect(response.status, JSON.stringify(response.body)).to.equal(201);
      expect(responses.map((r) => r.body.processes[0].version).sort()).to.deep.equal([1, 2, 3]);
      expect(versionsOf(await processDefinitions(), 'race')).to.deep.equal([3, 2, 1]);
    });

    it('accepts a process that calls a decision and uses a form deployed earlier', async () => {
      const earlier = await deploy([
        { name: 'vroeger.dmn', content: ageDecision('vroeger-beslissing') },
        { name: 'vroeger-form.form.json', content: formSchema('Vroeger') },
      ]);
      expect(earlier.status).to.equal(201);
      const xml = bpmnProcess('later', [
        start(),
        `<bpmn:businessRuleTask id="toetsen"><bpmn:extensionElements><zeebe:calledDecision decisionId="vroeger-beslissing" resultVariable="uitkomst" /></bpmn:extensionElements></bpmn:businessRuleTask>`,
        `<bpmn:userTask id="behandelen"><bpmn:extensionElements><zeebe:formDefinition formId="vroeger-form" /></bpmn:extensionElements></bpmn:userTask>`,
        end(),
        chain('start', 'toetsen', 'behandelen', 'end'),
      ]);
      const later = await deploy([{ name: 'later.bpmn', content: xml }]);
      expect(later.status, JSON.stringify(later.body)).to.equal(201);
      expect(later.body.processes[0]).to.include({ key: 'later', version: 1 });
      expect(later.body.decisions).to.deep.equal([]);
      expect(later.body.forms).to.deep.equal([]);
    });

    describe('refuses a deployment with one bad resource: 400, naming it, and stores nothing', () => {
      // Good resources that ride along with the bad one: none of them may be stored either.
      const goodCompanions = (suffix: string): Resource[] => [
        { name: `goed-${suffix}.dmn`, content: ageDecision(`goed-${suffix}`) },
        { name: `goed-${suffix}.form.json`, content: formSchema('Goed') },
        { name: `goed-${suffix}.bpmn`, content: processWithForm(`goed-${suffix}`, `goed-${suffix}`) },
      ];

      it('BPMN that is not well-formed XML', async () => {
        const xml = bpmnProcess('kapot', [start(), '<bpmn:endEvent id="end">', flow('f1', 'start', 'end')]);
        const details = await expectRefused([...goodCompanions('xml'), { name: 'kapot.bpmn', content: xml }]);
        expect(details).to.have.length(1);
        expect(details[0]!.resource).to.equal('kapot.bpmn');
        expect(details[0]!.line).to.be.a('number').within(5, 8);
        expect(details[0]!.message).to.match(/XML/);
      });

      it('a condition whose FEEL does not parse', async () => {
        const xml = bpmnProcess('voorwaarde', [
          start(),
          '<bpmn:exclusiveGateway id="keuze" default="f_anders" />',
          end('ja'),
          end('nee'),
          flow('f_in', 'start', 'keuze'),
          flow('f_ja', 'keuze', 'ja', '= leeftijd >'),
          flow('f_anders', 'keuze', 'nee'),
        ]);
        const details = await expectRefused([...goodCompanions('feel'), { name: 'voorwaarde.bpmn', content: xml }]);
        expect(details).to.have.length(1);
        expect(details[0]).to.include({ resource: 'voorwaarde.bpmn', elementId: 'f_ja', line: lineContaining(xml, 'id="f_ja"') });
        expect(details[0]!.message).to.match(/FEEL/);
      });

      it('a business rule task calling a decision that is not deployed', async () => {
        const xml = processWithDecision('zonder-beslissing', 'bestaat-niet');
        const details = await expectRefused([...goodCompanions('brt'), { name: 'zonder-beslissing.bpmn', content: xml }]);
        expect(details).to.have.length(1);
        expect(details[0]).to.include({ resource: 'zonder-beslissing.bpmn', elementId: 'toetsen', line: lineContaining(xml, 'id="toetsen"') });
        expect(details[0]!.message).to.include('bestaat-niet');
        // Beside the English message, which problem it is: the modeler says it in Dutch from these.
        expect(details[0]).to.deep.include({ code: 'decision-not-deployed', params: { decision: 'bestaat-niet' } });
      });

      it('a user task whose form is not deployed', async () => {
        const xml = processWithForm('zonder-formulier', 'onbekend-formulier');
        const details = await expectRefused([...goodCompanions('form-ref'), { name: 'zonder-formulier.bpmn', content: xml }]);
        expect(details).to.have.length(1);
        expect(details[0]).to.include({ resource: 'zonder-formulier.bpmn', elementId: 'behandelen', line: lineContaining(xml, 'id="behandelen"') });
        expect(details[0]!.message).to.include('onbekend-formulier');
      });

      it('an element kind the engine cannot execute (serviceTask)', async () => {
        const xml = bpmnProcess('dienst', [start(), '<bpmn:serviceTask id="versturen" name="Versturen" />', end(), chain('start', 'versturen', 'end')]);
        const details = await expectRefused([...goodCompanions('svc'), { name: 'dienst.bpmn', content: xml }]);
        expect(details).to.have.length(1);
        expect(details[0]).to.include({ resource: 'dienst.bpmn', elementId: 'versturen', line: lineContaining(xml, 'id="versturen"') });
        expect(details[0]!.message).to.match(/ServiceTask/i);
      });

      it('a DMN with a FEEL cell that does not parse', async () => {
        const dmn = dmnTable({
          id: 'kapotte-tabel',
          inputs: [['Leeftijd', 'leeftijd']],
          outputs: [{ name: 'categorie' }],
          rules: [
            ['r_goed', ['< 18'], ['"jong"']],
            ['r_kapot', ['[18..'], ['"volwassen"']],
          ],
        });
        const details = await expectRefused([...goodCompanions('dmn'), { name: 'kapotte-tabel.dmn', content: dmn }]);
        expect(details).to.have.length(1);
        expect(details[0]).to.include({ resource: 'kapotte-tabel.dmn', elementId: 'r_kapot', line: lineContaining(dmn, 'id="r_kapot"') });
        expect(details[0]!.message).to.include('[18..');
      });

      it('a DMN that is not well-formed XML', async () => {
        const details = await expectRefused([...goodCompanions('dmn-xml'), { name: 'half.dmn', content: '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision id="x">' }]);
        expect(details.map((d) => d.resource)).to.deep.equal(['half.dmn']);
      });

      it('a form that is not JSON', async () => {
        const details = await expectRefused([...goodCompanions('json'), { name: 'kapot.form.json', content: '{ "type": "object", ' }]);
        expect(details).to.have.length(1);
        expect(details[0]!.resource).to.equal('kapot.form.json');
        expect(details[0]!.message).to.match(/JSON/);
      });

      it('a form that is JSON but not a valid JSON Schema', async () => {
        const details = await expectRefused([...goodCompanions('schema'), { name: 'fout.form.json', content: JSON.stringify({ type: 'objekt', properties: { a: { type: 42 } } }) }]);
        expect(details).to.have.length(1);
        expect(details[0]!.resource).to.equal('fout.form.json');
        expect(details[0]!.message).to.match(/schema/i);
      });

      it('a form that is a JSON array instead of a schema object', async () => {
        const details = await expectRefused([...goodCompanions('array'), { name: 'lijst.form.json', content: '[1, 2]' }]);
        expect(details.map((d) => d.resource)).to.deep.equal(['lijst.form.json']);
      });

      it('a resource with an unknown extension', async () => {
        const details = await expectRefused([...goodCompanions('ext'), { name: 'LEESMIJ.txt', content: 'hallo' }]);
        expect(details).to.have.length(1);
        expect(details[0]!.resource).to.equal('LEESMIJ.txt');
      });

      it('two resources defining the same process key', async () => {
        const details = await expectRefused([
          { name: 'dubbel-1.bpmn', content: bpmnProcess('dubbel', [start(), end(), chain('start', 'end')], 'Eerste') },
          { name: 'dubbel-2.bpmn', content: bpmnProcess('dubbel', [start(), end(), chain('start', 'end')], 'Tweede') },
        ]);
        expect(details).to.have.length(1);
        expect(details[0]!.resource).to.be.oneOf(['dubbel-1.bpmn', 'dubbel-2.bpmn']);
        expect(details[0]!.message).to.include('dubbel');
      });

      it('two DMN files defining the same decision key', async () => {
        const details = await expectRefused([
          { name: 'een.dmn', content: ageDecision('zelfde') },
          { name: 'twee.dmn', content: ageDecision('zelfde') },
        ]);
        expect(details).to.have.length(1);
        expect(details[0]!.message).to.include('zelfde');
      });

      it('reports every problem of a deployment with several bad resources', async () => {
        const details = await expectRefused([
          { name: 'a.bpmn', content: processWithDecision('meerdere', 'ontbreekt') },
          { name: 'b.form.json', content: 'geen json' },
          { name: 'c.yaml', content: 'a: 1' },
        ]);
        expect(details.map((d) => d.resource).sort()).to.deep.equal(['a.bpmn', 'b.form.json', 'c.yaml']);
      });
    });

    it('answers 403 for a staff member and 401 without a token, and deploys nothing', async () => {
      const resources = [{ name: 'verboden.bpmn', content: bpmnProcess('verboden', [start(), end(), chain('start', 'end')]) }];
      const before = await rowCounts();
      const asStaff = await deploy(resources, staffToken);
      expect(asStaff.status).to.equal(403);
      expect(asStaff.body.error).to.equal('forbidden');
      const anonymous = await server.request('POST', '/api/deployments', { name: 'x', resources });
      expect(anonymous.status).to.equal(401);
      expect(anonymous.body.error).to.equal('unauthorized');
      const badToken = await server.request('POST', '/api/deployments', { name: 'x', resources }, 'niet-een-token');
      expect(badToken.status).to.equal(401);
      expect((await server.request('POST', '/api/deployments', { nonsense: true })).status, 'token is checked before the body').to.equal(401);
      expect(await rowCounts()).to.deep.equal(before);
      expect(versionsOf(await processDefinitions(), 'verboden')).to.deep.equal([]);
    });

    it('lets an admin deploy', async () => {
      const response = await deploy([{ name: 'beheer.bpmn', content: bpmnProcess('beheer', [start(), end(), chain('start', 'end')]) }], adminToken);
      expect(response.status).to.equal(201);
      expect(response.body.processes[0]).to.include({ key: 'beheer', version: 1 });
    });

    it('answers 400 with a detail per problem for a bad body', async () => {
      const before = await rowCounts();
      const missing = await server.api(ownerToken).post('/api/deployments', { resources: 'geen lijst', extra: true });
      expect(missing.status).to.equal(400);
      expect(missing.body.error).to.equal('bad-request');
      expect(missing.body.details.map((d: { path: string }) => d.path).sort()).to.deep.equal(['/extra', '/name', '/resources']);

      const empty = await server.api(ownerToken).post('/api/deployments', { name: 'leeg', resources: [] });
      expect(empty.status).to.equal(400);
      expect(empty.body.details.map((d: { path: string }) => d.path)).to.deep.equal(['/resources']);

      const incomplete = await server.api(ownerToken).post('/api/deployments', { name: 'half', resources: [{ name: 'a.bpmn' }, { name: 'b.bpmn', content: 3 }] });
      expect(incomplete.status).to.equal(400);
      expect(incomplete.body.details.map((d: { path: string }) => d.path).sort()).to.deep.equal(['/resources/0/content', '/resources/1/content']);
      for (const detail of incomplete.body.details) expect(detail.message).to.be.a('string').and.not.be.empty;

      const notJson = await fetch(`${server.url}/api/deployments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ownerToken}` },
        body: '{"name": "x", "resources": [',
      });
      expect(notJson.status).to.equal(400);
      expect((await notJson.json()).error).to.equal('bad-request');
      expect(await rowCounts()).to.deep.equal(before);
    });
  });

  describe('GET /api/process-definitions', () => {
    it('lists {id, key, version, name} for any signed-in user, and answers 401 without a token', async () => {
      const response = await server.api(staffToken).get('/api/process-definitions');
      expect(response.status).to.equal(200);
      expect(response.body).to.be.an('array').that.is.not.empty;
      for (const definition of response.body) expect(definition).to.have.all.keys('id', 'key', 'version', 'name');
      expect((await server.request('GET', '/api/process-definitions')).status).to.equal(401);
    });
  });

  describe('GET /api/process-definitions/{key}/xml', () => {
    it('answers the BPMN XML of the latest version with an XML content type', async () => {
      const v1 = bpmnProcess('xml-proces', [start(), end(), chain('start', 'end')], 'XML v1');
      const v2 = bpmnProcess('xml-proces', [start(), end('klaar'), chain('start', 'klaar')], 'XML v2');
      expect((await deploy([{ name: 'xml-proces.bpmn', content: v1 }])).status).to.equal(201);
      expect((await deploy([{ name: 'xml-proces.bpmn', content: v2 }])).status).to.equal(201);
      const response = await server.api(staffToken).get('/api/process-definitions/xml-proces/xml');
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^(application|text)\/xml/);
      expect(response.body).to.equal(v2);
    });

    it('answers 404 for a key that is not deployed, and 401 without a token', async () => {
      const response = await server.api(staffToken).get('/api/process-definitions/bestaat-niet/xml');
      expect(response.status).to.equal(404);
      expect(response.body.error).to.equal('not-found');
      expect(response.body.message).to.include('bestaat-niet');
      expect((await server.request('GET', '/api/process-definitions/aanvraag/xml')).status).to.equal(401);
    });
  });

  describe('GET /api/openapi.json', () => {
    it('describes the deployment, definition and decision paths', async () => {
      const response = await server.request('GET', '/api/openapi.json');
      expect(response.status).to.equal(200);
      expect(response.body.openapi).to.match(/^3\.1/);
      const paths = response.body.paths;
      expect(paths['/api/deployments']).to.have.property('post');
      expect(paths['/api/process-definitions']).to.have.property('get');
      expect(paths['/api/process-definitions/{key}/xml']).to.have.property('get');
      expect(paths['/api/decisions']).to.have.property('get');
      expect(paths['/api/decisions/{key}/evaluate']).to.have.property('post');
    });
  });
});
