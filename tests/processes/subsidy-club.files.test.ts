import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';
import { expect } from 'chai';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import { FORM_SUFFIX, inside, list, newAjv, readmeExamples, type Bounds, type Element } from './service-files.js';

/** The shipped subsidy service is data only; these checks keep its files consistent with each other and openable in the modelers. */

const SERVICE_DIR = fileURLToPath(new URL('../../processes/subsidy-club/', import.meta.url));
const read = (name: string) => readFileSync(SERVICE_DIR + name, 'utf8');
const formKeys = readdirSync(SERVICE_DIR)
  .filter((file) => file.endsWith(FORM_SUFFIX))
  .map((file) => file.slice(0, -FORM_SUFFIX.length))
  .sort();

const extension = (element: Element, type: string) =>
  list((element.extensionElements as Element | undefined)?.values).find((value) => value.$type === type);

const SUPPORTED_KINDS = [
  'bpmn:StartEvent',
  'bpmn:EndEvent',
  'bpmn:UserTask',
  'bpmn:ManualTask',
  'bpmn:ScriptTask',
  'bpmn:BusinessRuleTask',
  'bpmn:ExclusiveGateway',
  'bpmn:ParallelGateway',
  'bpmn:SequenceFlow',
];
const DEPARTMENT_LANES = ['Burgerzaken', 'Financien', 'College'];

async function parseBpmn() {
  const moddle = new BpmnModdle({ zeebe } as Record<string, object>);
  const { rootElement, warnings } = await moddle.fromXML(read('subsidy-club.bpmn'), 'bpmn:Definitions');
  const definitions = rootElement as Element;
  const process = list(definitions.rootElements).find((root) => root.$type === 'bpmn:Process')!;
  return { definitions, process, flowElements: list(process.flowElements), warnings };
}

describe('processes/subsidy-club files', () => {
  describe('subsidy-club.bpmn', () => {
    it('parses with the zeebe extension without warnings', async () => {
      const { warnings } = await parseBpmn();
      expect(warnings.map((w) => w.message)).to.deep.equal([]);
    });

    it('is the executable process subsidy-club for Camunda 8.6, in one pool "Gemeente"', async () => {
      const { definitions, process } = await parseBpmn();
      expect(process.id).to.equal('subsidy-club');
      expect(process.name).to.equal('Subsidie voor een vereniging');
      expect(process.isExecutable).to.equal(true);
      const attrs = definitions.$attrs as Record<string, string>;
      expect(attrs['modeler:executionPlatform']).to.equal('Camunda Cloud');
      expect(attrs['modeler:executionPlatformVersion']).to.equal('8.6.0');
      const collaboration = list(definitions.rootElements).find((root) => root.$type === 'bpmn:Collaboration')!;
      const participants = list(collaboration.participants);
      expect(participants.map((p) => p.name)).to.deep.equal(['Gemeente']);
      expect(participants[0].processRef).to.equal(process);
    });

    it('uses only the element kinds the engine runs, each with a Dutch name', async () => {
      const { flowElements } = await parseBpmn();
      for (const element of flowElements) {
        expect(SUPPORTED_KINDS, element.id).to.include(element.$type);
        expect(element.name?.trim(), `${element.id} has no name`).to.be.a('string').and.not.equal('');
      }
    });

    it('puts every user task in one of the department lanes', async () => {
      const { process, flowElements } = await parseBpmn();
      const lanes = list(list(process.laneSets)[0]?.lanes);
      expect(lanes.map((lane) => lane.name)).to.deep.equal(DEPARTMENT_LANES);
      for (const task of flowElements.filter((e) => e.$type === 'bpmn:UserTask')) {
        const laneOfTask = lanes.filter((lane) => list(lane.flowNodeRef).includes(task));
        expect(laneOfTask, `lanes of ${task.id}`).to.have.length(1);
      }
    });

    it('refers only to forms that exist as files in the service', async () => {
      const { flowElements } = await parseBpmn();
      const formIds = flowElements.flatMap((e) => {
        const formId = extension(e, 'zeebe:FormDefinition')?.formId;
        return typeof formId === 'string' ? [formId] : [];
      });
      const userTasks = flowElements.filter((e) => e.$type === 'bpmn:UserTask');
      // One form per user task plus the start form.
      expect(formIds).to.have.length(userTasks.length + 1);
      for (const formId of formIds) expect(formKeys, `form ${formId}`).to.include(formId);
    });

    it('has a DI shape for every element and lane and an edge with waypoints for every flow', async () => {
      const { definitions, process, flowElements } = await parseBpmn();
      const plane = (list(definitions.diagrams)[0]?.plane ?? {}) as Element;
      const diOf = new Map(list(plane.planeElement).map((di) => [(di.bpmnElement as Element).id, di]));
      const lanes = list(list(process.laneSets)[0]?.lanes);
      for (const element of [...flowElements, ...lanes]) {
        const di = diOf.get(element.id);
        expect(di, `DI of ${element.id}`).to.not.equal(undefined);
        if (element.$type === 'bpmn:SequenceFlow') {
          expect(di!.$type).to.equal('bpmndi:BPMNEdge');
          expect(list(di!.waypoint).length, `waypoints of ${element.id}`).to.be.at.least(2);
        } else {
          expect(di!.$type).to.equal('bpmndi:BPMNShape');
          expect(di!.bounds, `bounds of ${element.id}`).to.not.equal(undefined);
        }
      }
    });

    it('lays every shape out inside its lane, without overlapping another', async () => {
      const { definitions, process, flowElements } = await parseBpmn();
      const plane = (list(definitions.diagrams)[0]?.plane ?? {}) as Element;
      const boundsOf = new Map(list(plane.planeElement).map((di) => [(di.bpmnElement as Element).id, di.bounds as Bounds]));
      const nodes = flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow');
      for (const lane of list(list(process.laneSets)[0]?.lanes)) {
        const laneBounds = boundsOf.get(lane.id)!;
        for (const node of list(lane.flowNodeRef)) {
          const b = boundsOf.get(node.id)!;
          expect(inside(b, laneBounds), `${node.id} inside lane ${lane.name}`).to.equal(true);
        }
      }
      for (const [i, a] of nodes.entries()) {
        for (const b of nodes.slice(i + 1)) {
          const [ba, bb] = [boundsOf.get(a.id)!, boundsOf.get(b.id)!];
          const overlap = ba.x < bb.x + bb.width && bb.x < ba.x + ba.width && ba.y < bb.y + bb.height && bb.y < ba.y + ba.height;
          expect(overlap, `${a.id} overlaps ${b.id}`).to.equal(false);
        }
      }
    });
  });

  describe('subsidy-club-eligibility.dmn', () => {
    it('parses without warnings and holds the decision the business rule task calls', async () => {
      const { rootElement, warnings } = await new DmnModdle().fromXML(read('subsidy-club-eligibility.dmn'), 'dmn:Definitions');
      expect(warnings.map((w) => w.message)).to.deep.equal([]);
      const decisions = list((rootElement as Element).drgElement).filter((e) => e.$type === 'dmn:Decision');
      const { flowElements } = await parseBpmn();
      const called = flowElements.flatMap((e) => {
        const decisionId = extension(e, 'zeebe:CalledDecision')?.decisionId;
        return typeof decisionId === 'string' ? [decisionId] : [];
      });
      expect(called).to.deep.equal(['subsidy-club-eligibility']);
      expect(decisions.map((d) => d.id)).to.deep.equal(called);
      const table = decisions[0].decisionLogic as Element;
      expect(table.hitPolicy).to.equal('FIRST');
      for (const rule of list(table.rule)) {
        expect(rule.description, `description of ${rule.id}`).to.be.a('string').and.not.equal('');
      }
    });
  });

  describe('forms', () => {
    const examples = readmeExamples(read('README.md'));

    it('are the seven forms of the service, each with an example in the README', () => {
      expect(formKeys).to.have.length(7);
      expect([...examples.keys()].sort()).to.deep.equal(formKeys);
    });

    for (const key of formKeys) {
      it(`${key} compiles as JSON Schema 2020-12, accepts the README example and rejects a wrong value`, () => {
        const schema = JSON.parse(read(key + FORM_SUFFIX)) as { $schema: string; required: string[]; properties: Record<string, { type: string }> };
        expect(schema.$schema).to.equal('https://json-schema.org/draft/2020-12/schema');
        const validate = newAjv().compile(schema);
        const example = examples.get(key)!;
        expect(validate(example), JSON.stringify(validate.errors)).to.equal(true);

        // Every required field, once given a value of the wrong type or left out, must be refused.
        for (const field of schema.required) {
          const wrongType = schema.properties[field].type === 'string' ? 42 : 'niet goed';
          expect(validate({ ...example, [field]: wrongType }), `${key}.${field} = ${JSON.stringify(wrongType)}`).to.equal(false);
          const { [field]: _left, ...withoutField } = example;
          expect(validate(withoutField), `${key} without ${field}`).to.equal(false);
        }
      });
    }

    it('refuse values a clerk could plausibly get wrong', () => {
      const refuses = (key: string, change: Record<string, unknown>) => {
        const validate = newAjv().compile(JSON.parse(read(key + FORM_SUFFIX)) as object);
        return !validate({ ...examples.get(key)!, ...change });
      };
      expect(refuses('subsidie-aanvraag', { contactEmail: 'geen e-mailadres' })).to.equal(true);
      expect(refuses('subsidie-aanvraag', { soortVereniging: 'politiek' })).to.equal(true);
      expect(refuses('subsidie-aanvraag', { aantalLeden: 12.5 })).to.equal(true);
      expect(refuses('subsidie-besluit', { toegekendBedrag: -1 })).to.equal(true);
      expect(refuses('subsidie-besluit', { motivering: '' })).to.equal(true);
      expect(refuses('subsidie-betaling', { betaald: false })).to.equal(true);
      expect(refuses('afwijzingsbrief', { briefVerstuurd: false })).to.equal(true);
    });
  });
});
