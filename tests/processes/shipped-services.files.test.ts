import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BpmnModdle } from 'bpmn-moddle';
import { expect } from 'chai';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loket from '../../engine/src/model/loket-moddle.json' with { type: 'json' };
import { compileBpmn, compileDmn } from '../../engine/src/index.js';
import { templateProblem } from '../../server/src/jobs/templates.js';
import { FORM_SUFFIX, inside, list, newAjv, readmeExamples, type Bounds, type Element } from './service-files.js';

/**
 * Every service in processes/ is data only: these checks keep each one's files consistent with each other,
 * deployable as they are, and openable in the modeler with a drawing of every element.
 */

const PROCESSES = fileURLToPath(new URL('../../processes/', import.meta.url));
const SERVICES = readdirSync(PROCESSES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
describe('the shipped services in processes/', () => {
  it('are the subsidy, the street lamp, the stray cat and moving house', () => {
    expect(SERVICES).to.deep.equal(['moving-house', 'stray-cat', 'street-lamp', 'subsidy-club']);
  });

  for (const service of SERVICES) {
    describe(service, () => {
      const dir = `${PROCESSES}${service}/`;
      const files = readdirSync(dir).sort();
      const read = (name: string) => readFileSync(dir + name, 'utf8');
      const forms = files.filter((f) => f.endsWith(FORM_SUFFIX)).map((f) => f.slice(0, -FORM_SUFFIX.length));
      const templates = files.filter((f) => f.endsWith('.hbs'));
      const bpmnFiles = files.filter((f) => f.endsWith('.bpmn'));
      const dmnFiles = files.filter((f) => f.endsWith('.dmn'));

      it('has one process named like its folder, which deploys without a problem against its own files', async () => {
        expect(bpmnFiles).to.deep.equal([`${service}.bpmn`]);
        const decisions = (await Promise.all(dmnFiles.map(async (f) => (await compileDmn(read(f))).decisions.map((d) => d.id)))).flat();
        const compiled = await compileBpmn(read(bpmnFiles[0]!), {
          hasDecision: (id) => decisions.includes(id),
          hasForm: (key) => forms.includes(key),
          hasTemplate: (name) => templates.includes(name),
        });
        expect(compiled.problems.map((p) => p.message)).to.deep.equal([]);
        expect(compiled.processes.map((p) => p.key)).to.deep.equal([service]);
      });

      it('parses in the modeler’s terms (zeebe and loket extensions) without warnings, and draws every element inside its lane', async () => {
        const moddle = new BpmnModdle({ zeebe, loket } as Record<string, object>);
        const { rootElement, warnings } = await moddle.fromXML(read(bpmnFiles[0]!), 'bpmn:Definitions');
        expect(warnings.map((w) => w.message)).to.deep.equal([]);
        const definitions = rootElement as unknown as Element;
        const process = list(definitions.rootElements).find((root) => root.$type === 'bpmn:Process')!;
        const flowElements = list(process.flowElements);
        const lanes = list(list(process.laneSets)[0]?.lanes);
        const plane = (list(definitions.diagrams)[0]?.plane ?? {}) as Element;
        const diOf = new Map(list(plane.planeElement).map((di) => [(di.bpmnElement as Element).id, di]));
        for (const element of [...flowElements, ...lanes]) {
          const di = diOf.get(element.id);
          expect(di, `DI of ${element.id}`).to.not.equal(undefined);
          if (element.$type === 'bpmn:SequenceFlow') expect(list(di!.waypoint).length, `waypoints of ${element.id}`).to.be.at.least(2);
          else expect(di!.bounds, `bounds of ${element.id}`).to.not.equal(undefined);
        }
        for (const element of flowElements.filter((e) => e.$type !== 'bpmn:SequenceFlow')) {
          const laneOf = lanes.filter((lane) => list(lane.flowNodeRef).includes(element));
          expect(laneOf, `lanes of ${element.id}`).to.have.length(1);
          expect(inside(diOf.get(element.id)!.bounds as Bounds, diOf.get(laneOf[0]!.id)!.bounds as Bounds), `${element.id} drawn inside ${laneOf[0]!.id}`).to.equal(true);
          expect(element.name?.trim(), `${element.id} has a name`).to.be.a('string').and.not.equal('');
        }
      });

      it('has forms that are strict JSON Schemas, each with an example in the README that it accepts', () => {
        const examples = readmeExamples(read('README.md'));
        expect(forms.length).to.be.greaterThan(0);
        for (const key of forms) {
          const schema = JSON.parse(read(`${key}${FORM_SUFFIX}`)) as Record<string, unknown>;
          expect(schema.title, `${key} title`).to.be.a('string');
          const validate = newAjv().compile(schema);
          expect(examples.has(key), `README example of ${key}`).to.equal(true);
          expect(validate(examples.get(key)), `${key}: ${JSON.stringify(validate.errors)}`).to.equal(true);
        }
      });

      it('has decisions and mail templates that compile', async () => {
        for (const file of dmnFiles) expect((await compileDmn(read(file))).problems, file).to.deep.equal([]);
        for (const file of templates) expect(templateProblem(read(file)), file).to.equal(undefined);
      });
    });
  }
});
