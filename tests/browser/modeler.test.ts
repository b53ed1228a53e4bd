import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startTestServer, type TestServer } from '../server/harness.js';
import { launchChromium, logIn, screenshot, seriousAccessibilityViolations } from './browser.js';
import { Diagram } from './diagram.js';
import { deadlineAfter } from '../../engine/src/timers/deadline.js';
import { HOLIDAYS } from '../../server/src/config.js';

/** A DMN file with one decision table (and its shape in the requirement diagram): age → one output. */
function ageTable(id: string, name: string, output: string, [young, adult]: [string, string]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="defs_${id}" name="${name}" namespace="http://loket.test">
  <decision id="${id}" name="${name}">
    <decisionTable id="${id}_table">
      <input id="${id}_in" label="Leeftijd"><inputExpression id="${id}_ie" typeRef="number"><text>leeftijd</text></inputExpression></input>
      <output id="${id}_out" name="${output}" typeRef="string" />
      <rule id="${id}_r1"><inputEntry id="${id}_r1_in"><text>&lt; 18</text></inputEntry><outputEntry id="${id}_r1_out"><text>${young}</text></outputEntry></rule>
      <rule id="${id}_r2"><inputEntry id="${id}_r2_in"><text>&gt;= 18</text></inputEntry><outputEntry id="${id}_r2_out"><text>${adult}</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI><dmndi:DMNDiagram id="${id}_drd"><dmndi:DMNShape id="${id}_shape" dmnElementRef="${id}"><dc:Bounds height="80" width="180" x="400" y="220" /></dmndi:DMNShape></dmndi:DMNDiagram></dmndi:DMNDI>
</definitions>`;
}

/** start → a decision from leeftijd.dmn → a decision from tarief.dmn → end, drawn. */
const TWO_FILES_PROCESS = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs_twee" targetNamespace="http://loket.test">
  <bpmn:process id="twee-regels" name="Twee regels" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:businessRuleTask id="indelen" name="Indelen"><bpmn:extensionElements><zeebe:calledDecision decisionId="leeftijd" resultVariable="groep" /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:businessRuleTask id="prijzen" name="Prijzen"><bpmn:extensionElements><zeebe:calledDecision decisionId="tarief" resultVariable="prijs" /></bpmn:extensionElements></bpmn:businessRuleTask>
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="indelen" />
    <bpmn:sequenceFlow id="f2" sourceRef="indelen" targetRef="prijzen" />
    <bpmn:sequenceFlow id="f3" sourceRef="prijzen" targetRef="end" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="twee-regels">
    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="indelen_di" bpmnElement="indelen"><dc:Bounds x="190" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="prijzen_di" bpmnElement="prijzen"><dc:Bounds x="340" y="78" width="100" height="80" /></bpmndi:BPMNShape>
    <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="490" y="100" width="36" height="36" /></bpmndi:BPMNShape>
    <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="118" /><di:waypoint x="190" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="290" y="118" /><di:waypoint x="340" y="118" /></bpmndi:BPMNEdge>
    <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="440" y="118" /><di:waypoint x="490" y="118" /></bpmndi:BPMNEdge>
  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

describe('modeler: a process owner draws a service, sees what is wrong, fixes it and deploys it', function () {
  this.timeout(180_000);
  let server: TestServer;
  let browser: Browser;
  const screenshots: string[] = [];

  before(async () => {
    server = await startTestServer({ hooks: [] });
    const admin = server.api(await server.adminToken());
    for (const user of [
      { username: 'pieter', password: 'pieter-wachtwoord', displayName: 'Pieter Proces', roles: ['process-owner'], groups: [] },
      { username: 'fien', password: 'fien-wachtwoord', displayName: 'Fien Financiën', roles: ['staff'], groups: ['financien'] },
      { username: 'sara', password: 'sara-wachtwoord', displayName: 'Sara Burgerzaken', roles: ['staff'], groups: ['burgerzaken'] },
    ]) {
      expect((await admin.post('/api/users', user)).status).to.equal(201);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (screenshots.length) console.log(`      screenshots: ${screenshots.join(', ')}`);
  });

  it('shows a staff member who opens /modeler a clear "no access" page', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await logIn(page, server.url, 'sara', 'sara-wachtwoord', '/modeler');
    expect(await page.textContent('h1')).to.equal('Geen toegang');
    expect(await page.locator('#canvas').count()).to.equal(0);
    screenshots.push(await screenshot(page, 'modeler-no-access'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.close();
  });

  it('draws a user task in a lane with its department and FEEL conditions, checks it while drawing, deploys, and the case lands at that department', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${server.url}/modeler`);
    screenshots.push(await screenshot(page, 'login'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await logIn(page, server.url, 'pieter', 'pieter-wachtwoord', '/modeler');
    const diagram = new Diagram(page);

    // A new diagram starts from the template, which passes the checks.
    await page.waitForSelector('.djs-shape[data-element-id^="Nakijken_"]');
    await page.waitForSelector('#checks-summary.ok');
    screenshots.push(await screenshot(page, 'modeler-template'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);

    // Name the process (its key).
    await diagram.select(await diagram.only('bpmn:Participant'), 12);
    await diagram.openGroup('Algemeen');
    await page.fill('#bio-properties-panel-processId', 'melding-test');
    await page.fill('#bio-properties-panel-processName', 'Melding testen');

    // A task dropped onto the flow to the end, made a user task.
    const lane = await diagram.only('bpmn:Lane');
    const toEnd = (await diagram.find('bpmn:SequenceFlow')).find((id) => id.startsWith('Stroom2_'))!;
    await diagram.createAt('create.task', await diagram.at(toEnd));
    await page.keyboard.type('Betaling voorbereiden');
    await diagram.select(lane, 12);
    await diagram.select(await diagram.only('bpmn:Task', 'Betaling voorbereiden'));
    await diagram.contextPad('replace');
    await page.click('.djs-popup [data-id="replace-with-user-task"]');
    const payment = await diagram.only('bpmn:UserTask', 'Betaling voorbereiden');

    // An exclusive gateway after it, with a second end: two flows without conditions.
    const afterPayment = await page.evaluate((id) => (window as any).loketModeler.get('elementRegistry').get(id).outgoing[0].id as string, payment);
    await diagram.createAt('create.exclusive-gateway', await diagram.at(afterPayment));
    const gateway = await diagram.only('bpmn:ExclusiveGateway');
    await diagram.select(gateway);
    await diagram.contextPad('append.end-event');
    await page.keyboard.type('Klein bedrag');
    await diagram.select(lane, 12);

    // Loket's checks (they stop a deploy) come first; bpmnlint's advice after them (it does not).
    const blocking = '#checks-list button.problem:not(.advice)';
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 2, blocking);
    const problems = await page.locator(blocking).allTextContents();
    // In Dutch, by the rule's code: the same check as the server's, which answers the API in English.
    for (const problem of problems) expect(problem).to.include(`deze pijl vertrekt bij „${gateway}” zonder voorwaarde en is niet de standaardpijl`);
    expect(await page.locator('.djs-connection.loket-problem').count()).to.equal(2);
    const advice = await page.locator('#checks-list button.advice').allTextContents();
    expect(advice).to.include(`Advies (label-required)${gateway}heeft geen naam`);
    expect(await page.locator(`.djs-element.loket-advice[data-element-id="${gateway}"]`).count()).to.equal(1);
    // Advice is worked out afresh each time: a flow seen in an earlier run is no duplicate.
    expect(advice.filter((text) => text.includes('no-duplicate-sequence-flows'))).to.deep.equal([]);

    // She clicks the first problem: the flow is selected; she writes a condition with a mistake in it.
    await page.click('#checks-list li:nth-child(1) button');
    const [large] = await diagram.selection();
    await diagram.openGroup('Voorwaarde');
    await diagram.typeFeel('bio-properties-panel-conditionExpression', 'bedrag >');
    await page.waitForFunction(() => document.querySelector('#checks-list')?.textContent?.includes('de voorwaarde is geen geldige FEEL'));
    const feelProblem = (await page.locator('#checks-list li', { hasText: 'de voorwaarde is geen geldige FEEL' }).textContent())!;
    screenshots.push(await screenshot(page, 'modeler-check-failing'));

    // Deploying anyway is refused with the same message.
    await page.click('#deploy');
    await page.waitForSelector('#modeler-status.error');
    expect(await page.textContent('#modeler-status')).to.include('Niet gepubliceerd');
    expect(await page.locator('#checks-list li').allTextContents()).to.include(feelProblem);
    expect((await server.services.dataSource.query("SELECT 1 FROM process_definitions WHERE key = 'melding-test'")).length).to.equal(0);

    // Fixed, and the other flow gets its condition too.
    await diagram.select(large!);
    await diagram.openGroup('Voorwaarde');
    await diagram.typeFeel('bio-properties-panel-conditionExpression', 'bedrag > 1000');
    const small = (await page.evaluate((id) => (window as any).loketModeler.get('elementRegistry').get(id).outgoing.map((f: any) => f.id as string), gateway)).find((id: string) => id !== large)!;
    await diagram.select(small);
    await diagram.openGroup('Voorwaarde');
    await diagram.typeFeel('bio-properties-panel-conditionExpression', 'bedrag <= 1000');
    await page.waitForSelector('#checks-summary.ok');
    expect(await page.locator('.loket-problem').count()).to.equal(0);

    // The review gets a deadline of ten working days.
    await diagram.select(await diagram.only('bpmn:UserTask', 'Aanvraag nakijken'));
    await diagram.openGroup('Loket');
    await page.fill('#bio-properties-panel-loket-deadline', '10');
    await page.selectOption('#bio-properties-panel-loket-deadline-days', 'working');
    // A notification needs its template: a subject alone is caught while drawing, by the server's own rule.
    await page.fill('#bio-properties-panel-loket-notification-subject', 'Uw aanvraag wordt nagekeken');
    await page.waitForFunction(() => document.querySelector('#checks-list')?.textContent?.includes('geen sjabloon (Melding aan de aanvrager)'));
    await page.fill('#bio-properties-panel-loket-notification-subject', '');
    await page.waitForSelector('#checks-summary.ok');

    // The lane's department: financien.
    await diagram.select(lane, 12);
    await diagram.openGroup('Loket');
    const options = await page.locator('#bio-properties-panel-loket-department option').allTextContents();
    expect(options).to.deep.equal(['(de naam van de baan)', 'burgerzaken', 'financien']);
    await page.selectOption('#bio-properties-panel-loket-department', 'financien');
    screenshots.push(await screenshot(page, 'modeler-lane-department'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);

    // A decision table beside the process: a rule added, first with a mistake the checks catch.
    await page.click('#tab-decisions');
    await page.click('#decisions .drill-down-overlay');
    // dmn-js speaks Dutch too, in every view.
    expect(await page.textContent('#decisions .hit-policy')).to.include('Beleid bij meerdere regels');
    expect((await page.locator('#decisions thead .clause').allTextContents()).map((t) => t.trim())).to.deep.equal(['Als', 'Dan']);
    await page.click('#decisions tfoot .add-rule-add');
    const newRule = '#decisions tbody tr:nth-child(2)';
    await page.click(`${newRule} td.input-cell [contenteditable]`);
    await page.keyboard.type('>> 1000');
    await page.click(`${newRule} td.output-cell [contenteditable]`);
    await page.keyboard.type('"college');
    await page.waitForFunction(() => document.querySelector('#checks-list')?.textContent?.includes('Beslissingen'));
    expect(await page.textContent('#checks-list')).to.include('regel 2, kolom „Bedrag”: „>> 1000” is geen geldige test');
    screenshots.push(await screenshot(page, 'modeler-decision-check-failing'));
    await page.click(`${newRule} td.input-cell [contenteditable]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('> 1000');
    await page.waitForSelector('#checks-summary.ok');
    expect(await page.locator(`${newRule} td.output-cell`).textContent()).to.equal('"college"');
    screenshots.push(await screenshot(page, 'modeler-decision-table'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    const decisionKey = await page.evaluate(() => (window as any).loketDecisions.getDefinitions().drgElement[0].id as string);
    await page.click('#tab-process');

    // The payment task asks for a form that does not exist yet: a check says so until she designs it.
    await diagram.select(payment);
    await diagram.openGroup('Formulier');
    await page.selectOption('#bio-properties-panel-formType', 'camunda-form-linked');
    await page.fill('#bio-properties-panel-formId', 'betaling');
    await page.waitForFunction(() => document.querySelector('#checks-list')?.textContent?.includes('gebruikt formulier „betaling”, maar dat is niet gepubliceerd'));
    await page.click('#tab-forms');
    await page.click('text=Nieuw formulier');
    await page.fill('#form-key', 'betaling');
    await page.fill('#form-title', 'Betaling voorbereiden');
    await page.click('#add-field');
    await page.fill('#field-0-label', 'Rekeningnummer');
    await page.fill('#field-0-help', 'Het IBAN waarop de subsidie gestort wordt');
    await page.check('#field-0-required');
    await page.click('#add-field');
    await page.fill('#field-1-label', 'Betaalwijze');
    await page.selectOption('#field-1-kind', 'choice');
    await page.fill('#field-1-options', 'overschrijving\ndomiciliëring');
    await page.waitForSelector('#checks-summary.ok');
    // The preview shows the form as the civil servant will: the label, its help, the required mark, the choices.
    const preview = page.locator('#form-preview form');
    expect(await preview.locator('label[for="voorbeeld-0"]').textContent()).to.equal('Rekeningnummer (verplicht)');
    expect(await preview.locator('#voorbeeld-0').getAttribute('aria-describedby')).to.equal('voorbeeld-0-help');
    expect(await preview.locator('#voorbeeld-1 option').allTextContents()).to.deep.equal(['Kies…', 'overschrijving', 'domiciliëring']);
    screenshots.push(await screenshot(page, 'modeler-form'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.click('#tab-process');

    await page.click('#deploy');
    await page.waitForFunction(() => document.querySelector('#modeler-status')?.textContent?.startsWith('Gepubliceerd'));
    expect(await page.textContent('#modeler-status')).to.include('melding-test v1').and.to.include(`${decisionKey} v1`).and.to.include('betaling v1');
    await page.waitForSelector('#deployed-process option[value="melding-test"]', { state: 'attached' });
    screenshots.push(await screenshot(page, 'modeler-deployed'));

    // Opening the deployed version shows what she deployed.
    await page.click('#new-diagram');
    await page.waitForFunction(() => !(window as any).loketModeler.get('elementRegistry').filter((e: any) => e.type === 'bpmn:ExclusiveGateway').length);
    await page.selectOption('#deployed-process', 'melding-test');
    await page.click('#open-deployed');
    await page.waitForFunction(() => (window as any).loketModeler.get('elementRegistry').filter((e: any) => e.type === 'bpmn:ExclusiveGateway').length === 1);
    expect(await diagram.find('bpmn:UserTask', 'Betaling voorbereiden')).to.have.length(1);

    // The repository lists the version; she opens it from there to edit it.
    await page.goto(`${server.url}/modeler/diensten`);
    expect(await page.locator('table.versions tbody tr').first().textContent()).to.include('melding-test').and.to.include('pieter');
    screenshots.push(await screenshot(page, 'repository'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    await page.click('a[aria-label="Versie 1 van melding-test openen in de modeler"]');
    await page.waitForFunction(() => (window as any).loketModeler?.get('elementRegistry').filter((e: any) => e.type === 'bpmn:ExclusiveGateway').length === 1);
    await page.waitForFunction(() => document.querySelector('#modeler-status')?.textContent?.includes('Versie 1 van melding-test geopend'));
    // The form the payment task names comes along, as deployed, and is not deployed again unless she changes it.
    await page.click('#tab-forms');
    expect(await page.inputValue('#form-key')).to.equal('betaling');
    expect(await page.inputValue('#field-0-label')).to.equal('Rekeningnummer');
    expect(await page.locator('.form-editor .notice').count(), 'a form designed here has nothing the editor cannot show').to.equal(0);
    await page.click('#tab-process');
    expect(errors).to.deep.equal([]);

    // A case of the new version: its tasks land at financien, not at burgerzaken.
    const xml = (await server.api(await server.adminToken()).get('/api/process-definitions/melding-test/xml')).body as string;
    expect(xml).to.include('loket:department="financien"').and.to.include('bedrag &gt; 1000');
    const fien = server.api(await server.login('fien', 'fien-wachtwoord'));
    const sara = server.api(await server.login('sara', 'sara-wachtwoord'));
    const decided = await fien.post(`/api/decisions/${decisionKey}/evaluate`, { variables: { bedrag: 1500 } });
    expect([decided.status, decided.body.outputs]).to.deep.equal([200, { goedkeuring: 'college' }]);
    const started = await fien.post('/api/process-instances', { processKey: 'melding-test', variables: { bedrag: 1500 } });
    expect([started.status, started.body.version]).to.deep.equal([201, 1]);
    const tasksOf = (api: typeof fien) => api.get(`/api/tasks?processInstanceId=${started.body.id}`);
    expect((await tasksOf(sara)).body).to.deep.equal([]);
    const [review] = (await tasksOf(fien)).body;
    expect([review.name, review.candidateGroups]).to.deep.equal(['Aanvraag nakijken', ['financien']]);
    expect(review.dueDate, 'ten working days after it opened').to.equal(deadlineAfter(review.createdAt, { days: 10, counted: 'working' }, HOLIDAYS));
    expect(Date.parse(review.dueDate) - Date.parse(review.createdAt)).to.be.at.least(12 * 24 * 3600_000);
    expect((await fien.post(`/api/tasks/${review.id}/complete`, { variables: {} })).status).to.equal(200);
    const [pay] = (await tasksOf(fien)).body;
    expect([pay.name, pay.candidateGroups]).to.deep.equal(['Betaling voorbereiden', ['financien']]);
    // The form she designed is what the task asks.
    const incomplete = await fien.post(`/api/tasks/${pay.id}/complete`, { variables: { betaalwijze: 'cheque' } });
    expect(incomplete.status).to.equal(400);
    expect(JSON.stringify(incomplete.body.details)).to.include('rekeningnummer').and.to.include('betaalwijze');
    expect((await fien.post(`/api/tasks/${pay.id}/complete`, { variables: { rekeningnummer: 'BE68 5390 0754 7034', betaalwijze: 'overschrijving' } })).status).to.equal(200);
    const history = (await fien.get(`/api/process-instances/${started.body.id}/history`)).body.events as { type: string; elementId: string }[];
    expect((await fien.get(`/api/process-instances/${started.body.id}`)).body.state).to.equal('completed');
    expect(history.filter((e) => e.type === 'element-completed' && e.elementId.startsWith('Afgehandeld_'))).to.have.length(1);

    // Version 2, opened from version 1 (still open from the repository): the payment task renamed.
    await diagram.select(payment);
    await diagram.openGroup('Algemeen');
    await page.fill('#bio-properties-panel-name', 'Betaling klaarzetten');
    await page.click('#deploy');
    await page.waitForFunction(() => document.querySelector('#modeler-status')?.textContent?.includes('melding-test v2'));
    expect(await page.textContent('#modeler-status'), 'the unchanged form is not deployed again').not.to.include('betaling');
    await page.goto(`${server.url}/modeler/diensten`);
    await page.click('a[aria-label="Versie 2 van melding-test vergelijken met versie 1"]');
    await page.waitForSelector('#diagram-before[data-drawn="true"]');
    await page.waitForSelector('#diagram-after[data-drawn="true"]');
    expect(await page.locator(`#diagram-after .djs-element.compare-changed[data-element-id="${payment}"]`).count()).to.equal(1);
    expect(await page.locator('#diagram-before .compare-changed').count()).to.be.greaterThan(0);
    expect(await page.locator('#changes').textContent()).to.include('name: Betaling voorbereiden → Betaling klaarzetten');
    screenshots.push(await screenshot(page, 'compare-versions'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    await page.close();
  });

  it('starts a request with conditions from its template: the table decides, and the case goes to the department or the college', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await logIn(page, server.url, 'pieter', 'pieter-wachtwoord', '/modeler');
    await page.waitForSelector('.djs-shape[data-element-id^="Nakijken_"]');
    await page.selectOption('#new-template', 'decided');
    await page.click('#new-diagram');
    await page.waitForSelector('.djs-shape[data-element-id^="Nagaan_"]');
    await page.waitForSelector('#checks-summary.ok');
    screenshots.push(await screenshot(page, 'modeler-template-decided'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);
    // The rule task asks the table the decisions tab starts with.
    const [processKey, asked, table] = await page.evaluate(() => {
      const modeler = (window as any).loketModeler;
      const task = modeler.get('elementRegistry').filter((e: any) => e.type === 'bpmn:BusinessRuleTask')[0].businessObject;
      return [
        modeler.get('canvas').getRootElement().businessObject.participants[0].processRef.id as string,
        task.extensionElements.values[0].decisionId as string,
        (window as any).loketDecisions.getDefinitions().drgElement[0].id as string,
      ];
    });
    expect(asked).to.equal(table);
    await page.click('#deploy');
    await page.waitForFunction(() => /^(Gepubliceerd|Niet gepubliceerd)/.test(document.querySelector('#modeler-status')?.textContent ?? ''));
    expect(await page.textContent('#modeler-status')).to.match(/^Gepubliceerd/).and.to.include(`${processKey} v1`).and.to.include(`${table} v1`);

    const admin = server.api(await server.adminToken());
    const landsAt = async (bedrag: number) => {
      const started = await admin.post('/api/process-instances', { processKey, variables: { bedrag } });
      expect(started.status).to.equal(201);
      const tasks = (await admin.get(`/api/tasks?processInstanceId=${started.body.id}`)).body as { name: string; candidateGroups: string[] }[];
      return tasks.map((task) => [task.name, task.candidateGroups]);
    };
    expect(await landsAt(400)).to.deep.equal([['Aanvraag afhandelen', ['dienst']]]);
    // No rule of the table applies above 1,000: the default flow takes it to the college.
    expect(await landsAt(4000)).to.deep.equal([['Aanvraag goedkeuren', ['college']]]);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
  it('opens a process whose decisions live in two files: she picks the file, changes one table, and only that file is deployed again', async () => {
    const admin = server.api(await server.adminToken());
    const deployed = await admin.post('/api/deployments', {
      name: 'twee-regels',
      resources: [
        { name: 'twee-regels.bpmn', content: TWO_FILES_PROCESS },
        { name: 'leeftijd.dmn', content: ageTable('leeftijd', 'Leeftijdsgroep', 'groep', ['"jong"', '"volwassen"']) },
        { name: 'tarief.dmn', content: ageTable('tarief', 'Tarief', 'prijs', ['"gratis"', '"10 euro"']) },
      ],
    });
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await logIn(page, server.url, 'pieter', 'pieter-wachtwoord', '/modeler?proces=twee-regels');
    await page.waitForSelector('.djs-shape[data-element-id="prijzen"]');
    await page.click('#tab-decisions');
    await page.waitForSelector('#decision-file', { state: 'visible' });
    expect(await page.locator('#decision-file option').allTextContents()).to.deep.equal(['leeftijd.dmn', 'tarief.dmn']);
    await page.waitForSelector('#checks-summary.ok');

    // The second file: its table, a price changed.
    await page.selectOption('#decision-file', { label: 'tarief.dmn' });
    await page.click('#decisions .drill-down-overlay');
    expect(await page.textContent('#decisions .decision-table-name')).to.equal('Tarief');
    const adult = '#decisions tbody tr:nth-child(2) td.output-cell [contenteditable]';
    await page.click(adult);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('"12 euro"');
    // Back to the first file and again to the second: the change is kept.
    await page.selectOption('#decision-file', { label: 'leeftijd.dmn' });
    await page.click('#decisions .drill-down-overlay');
    expect(await page.textContent('#decisions .decision-table-name')).to.equal('Leeftijdsgroep');
    await page.selectOption('#decision-file', { label: 'tarief.dmn' });
    await page.click('#decisions .drill-down-overlay');
    expect(await page.textContent('#decisions tbody tr:nth-child(2) td.output-cell')).to.equal('"12 euro"');
    await page.waitForSelector('#checks-summary.ok');
    screenshots.push(await screenshot(page, 'modeler-decision-files'));
    expect(await seriousAccessibilityViolations(page)).to.deep.equal([]);

    await page.click('#deploy');
    await page.waitForFunction(() => document.querySelector('#modeler-status')?.textContent?.startsWith('Gepubliceerd'));
    const status = await page.textContent('#modeler-status');
    expect(status).to.include('tarief v2');
    expect(status).not.to.include('leeftijd');
    const price = await admin.post('/api/decisions/tarief/evaluate', { variables: { leeftijd: 30 } });
    expect(price.body.outputs).to.deep.equal({ prijs: '12 euro' });
    expect((await admin.get('/api/decisions/leeftijd/dmn?version=2')).status, 'the first file was not deployed again').to.equal(404);
    expect(errors).to.deep.equal([]);
    await page.close();
  });
});
