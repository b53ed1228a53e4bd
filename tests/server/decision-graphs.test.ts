import { expect } from 'chai';
import { timeBudget } from '../../server/src/services/feel-budget.js';
import { processWithDecision } from './fixtures/definitions.js';
import { startTestServer, type TestServer } from './harness.js';

const DMN13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

/**
 * A graph: "Subsidie" requires the decision "Categorie" (a table over the input "Aantal leden") and calls the
 * knowledge model "Maximum bedrag"; "Op tijd" compares the typed date input with a date literal.
 */
const GRAPH = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${DMN13}" id="subsidie_graaf" name="Subsidie" namespace="http://loket.test">
  <inputData id="i_leden" name="Aantal leden"><variable name="Aantal leden" typeRef="number"/></inputData>
  <inputData id="i_datum" name="Aanvraagdatum"><variable name="Aanvraagdatum" typeRef="date"/></inputData>
  <decision id="categorie" name="Categorie">
    <variable name="Categorie" typeRef="string"/>
    <informationRequirement><requiredInput href="#i_leden"/></informationRequirement>
    <decisionTable hitPolicy="FIRST">
      <input label="Aantal leden"><inputExpression typeRef="number"><text>Aantal leden</text></inputExpression></input>
      <output name="categorie"/>
      <rule id="r_klein"><description>kleine vereniging</description><inputEntry><text>&lt; 20</text></inputEntry><outputEntry><text>"klein"</text></outputEntry></rule>
      <rule id="r_groot"><inputEntry><text>-</text></inputEntry><outputEntry><text>"groot"</text></outputEntry></rule>
    </decisionTable>
  </decision>
  <businessKnowledgeModel id="bkm_maximum" name="Maximum bedrag">
    <variable name="Maximum bedrag"/>
    <encapsulatedLogic>
      <formalParameter name="categorie" typeRef="string"/>
      <literalExpression><text>if categorie = "klein" then 500 else 1000</text></literalExpression>
    </encapsulatedLogic>
  </businessKnowledgeModel>
  <decision id="subsidie" name="Subsidie">
    <variable name="Subsidie" typeRef="number"/>
    <informationRequirement><requiredDecision href="#categorie"/></informationRequirement>
    <knowledgeRequirement><requiredKnowledge href="#bkm_maximum"/></knowledgeRequirement>
    <invocation>
      <literalExpression><text>Maximum bedrag</text></literalExpression>
      <binding><parameter name="categorie"/><literalExpression><text>Categorie</text></literalExpression></binding>
    </invocation>
  </decision>
  <decision id="op-tijd" name="Op tijd">
    <variable name="Op tijd" typeRef="boolean"/>
    <informationRequirement><requiredInput href="#i_datum"/></informationRequirement>
    <literalExpression><text>Aanvraagdatum &lt;= date("2026-03-31")</text></literalExpression>
  </decision>
  <decision id="eindeloos" name="Eindeloos">
    <literalExpression><text>count(for i in 1..100000000 return i * 2)</text></literalExpression>
  </decision>
</definitions>`;

describe('server: decision requirement graphs, typed inputs and the time budget', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startTestServer({ budget: timeBudget(300) });
    token = await server.adminToken();
    const deployed = await server.api(token).post('/api/deployments', {
      name: 'graaf',
      resources: [
        { name: 'subsidie.dmn', content: GRAPH },
        { name: 'aanvraag.bpmn', content: processWithDecision('aanvraag', 'subsidie') },
        { name: 'eindeloos.bpmn', content: processWithDecision('eindeloos-proces', 'eindeloos') },
      ],
    });
    expect(deployed.status, JSON.stringify(deployed.body)).to.equal(201);
    expect(deployed.body.decisions.map((d: { key: string }) => d.key).sort()).to.deep.equal(['categorie', 'eindeloos', 'op-tijd', 'subsidie']);
  });
  after(async () => {
    await server?.close();
  });

  const evaluate = (key: string, variables: Record<string, unknown>) => server.api(token).post(`/api/decisions/${key}/evaluate`, { variables });

  it('decides the required decision first and calls the knowledge model, and explains both', async () => {
    const response = await evaluate('subsidie', { 'Aantal leden': 12 });
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    expect(response.body.outputs).to.deep.equal({ Subsidie: 500 });
    expect(response.body.matchedRules).to.deep.equal([]);
    expect(response.body.evaluations.map((e: { decisionId: string; value: unknown }) => [e.decisionId, e.value])).to.deep.equal([
      ['categorie', 'klein'],
      ['subsidie', 500],
    ]);
    expect(response.body.evaluations[0].inputs).to.deep.equal([{ name: 'Aantal leden', value: 12 }]);
    expect(response.body.evaluations[0].tables[0].matchedRules).to.deep.equal([1]);
    const [categorie, subsidie] = response.body.explanation.split('\n\n');
    expect(categorie).to.equal(
      [
        'Beslissing „Categorie” (op basis van Aantal leden = 12):',
        'Regel 1 (kleine vereniging) is van toepassing: Aantal leden (12) is minder dan 20.',
        'Regel 2 is ook van toepassing: alle voorwaarden zijn om het even, maar regel 1 gaat voor.',
        'Besluit: categorie = „klein”.',
      ].join('\n'),
    );
    expect(subsidie).to.equal(['Beslissing „Subsidie” (op basis van Categorie = „klein”):', 'Uitkomst: Subsidie = 500.'].join('\n'));
  });

  it('reads a date sent as JSON text as the date its input data is typed', async () => {
    expect((await evaluate('op-tijd', { Aanvraagdatum: '2026-03-15' })).body.outputs).to.deep.equal({ 'Op tijd': true });
    expect((await evaluate('op-tijd', { Aanvraagdatum: '2026-04-01' })).body.outputs).to.deep.equal({ 'Op tijd': false });
  });

  it('answers 400 naming the input and its type when an input does not fit', async () => {
    const response = await evaluate('subsidie', { 'Aantal leden': 'twaalf' });
    expect(response.status).to.equal(400);
    expect(response.body.message).to.include('„Aantal leden”').and.include('"twaalf"').and.include('number');
    const date = await evaluate('op-tijd', { Aanvraagdatum: '15 maart' });
    expect(date.status).to.equal(400);
    expect(date.body.message).to.include('„Aanvraagdatum”').and.include('date');
  });

  it('stops a runaway expression at the time budget with a 400, and keeps serving', async () => {
    const started = Date.now();
    const response = await evaluate('eindeloos', {});
    expect(response.status).to.equal(400);
    expect(response.body.message).to.include('langer dan 300 ms');
    expect(Date.now() - started).to.be.below(5000);
    expect((await evaluate('subsidie', { 'Aantal leden': 40 })).body.outputs).to.deep.equal({ Subsidie: 1000 });
  });

  it('records every decision of the graph in the case history, and raises an incident for a runaway decision', async () => {
    const api = server.api(token);
    const started = await api.post('/api/process-instances', { processKey: 'aanvraag', variables: { 'Aantal leden': 30 } });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    expect(started.body.state).to.equal('completed');
    expect(started.body.variables.uitkomst).to.equal(1000);
    const history = await api.get(`/api/process-instances/${started.body.id}/history`);
    const event = history.body.events.find((e: { type: string }) => e.type === 'decision-evaluated');
    expect(event.data.evaluations.map((e: { decisionId: string }) => e.decisionId)).to.deep.equal(['categorie', 'subsidie']);
    expect(event.data.explanation).to.include('Beslissing „Categorie” (op basis van Aantal leden = 30):').and.include('Uitkomst: Subsidie = 1000.');

    const runaway = await api.post('/api/process-instances', { processKey: 'eindeloos-proces', variables: {} });
    expect(runaway.status).to.equal(201);
    expect(runaway.body.state).to.equal('incident');
    const instance = await api.get(`/api/process-instances/${runaway.body.id}`);
    expect(instance.body.incidents.map((i: { elementId: string }) => i.elementId)).to.deep.equal(['toetsen']);
    expect(instance.body.incidents[0].message).to.include('eindeloos').and.include('langer dan 300 ms');
  });
});
