import { expect } from 'chai';
import { compileDmn, type CompiledDecision } from '../../../engine/src/index.js';
import { dmnTable } from '../decisions/helpers.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

const rulesTask = (decisionId: string, io = '') => `
  <bpmn:startEvent id="s"/>
  <bpmn:businessRuleTask id="check" name="Voorwaarden toetsen">
    <bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="beoordeling"/>${io}</bpmn:extensionElements>
  </bpmn:businessRuleTask>
  <bpmn:userTask id="next"/>
  ${chain('s', 'check', 'next')}`;

async function decision(hitPolicy: string, outputs = [{ name: 'ok', label: 'Komt in aanmerking' }, { name: 'max' }]): Promise<CompiledDecision> {
  const rules: [string, string[], string[]][] = [
    ['r_small', ['< 10'], ['false', '0'].slice(0, outputs.length)],
    ['r_mid', ['[10..49]'], ['true', '1000'].slice(0, outputs.length)],
    ['r_big', ['>= 10'], ['true', '2000'].slice(0, outputs.length)],
  ];
  const { decisions, problems } = await compileDmn(
    dmnTable({ id: 'eligibility', hitPolicy, inputs: [['Aantal leden', 'leden']], outputs, rules }),
  );
  expect(problems).to.deep.equal([]);
  return decisions[0]!;
}

describe('business rule task', () => {
  it('evaluates the decision and stores its result, explained in the history', async () => {
    const model = await compile(bpmn(rulesTask('eligibility')), { decisions: ['eligibility'] });
    const c = new TestCase(model, [await decision('FIRST')]).start({ leden: 25 });
    expect(c.variables.beoordeling).to.deep.equal({ ok: true, max: 1000 });
    const evaluated = c.history().find((event) => event.type === 'decision-evaluated')!;
    expect(evaluated.elementId).to.equal('check');
    expect(evaluated.data).to.deep.include({ decisionId: 'eligibility', outputs: { ok: true, max: 1000 } });
    expect(evaluated.data!.matchedRules).to.deep.equal([{ ruleId: 'r_mid', index: 2, outputs: { ok: true, max: 1000 } }]);
    expect(evaluated.data!.explanation).to.be.a('string').and.match(/Regel 2/);
    expect(c.openTaskElements()).to.deep.equal(['next']);
  });

  it('stores a bare value for one output column and a list for a multi-result policy, as Camunda 8 does', async () => {
    const model = await compile(bpmn(rulesTask('eligibility')), { decisions: ['eligibility'] });
    const single = new TestCase(model, [await decision('FIRST', [{ name: 'ok', label: 'ok' }])]).start({ leden: 5 });
    expect(single.variables.beoordeling).to.equal(false);
    const collect = new TestCase(model, [await decision('RULE ORDER', [{ name: 'ok', label: 'ok' }])]).start({ leden: 20 });
    expect(collect.variables.beoordeling).to.deep.equal([true, true]);
  });

  it('raises an incident when the decision cannot decide (UNIQUE with overlapping rules)', async () => {
    const model = await compile(bpmn(rulesTask('eligibility')), { decisions: ['eligibility'] });
    const c = new TestCase(model, [await decision('UNIQUE')]).start({ leden: 20 });
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]).to.include({ elementId: 'check' });
    expect(c.state!.incidents[0]!.message).to.match(/eligibility/);
    c.send({ type: 'set-variables', variables: { leden: 5 } });
    c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
    expect(c.status).to.equal('active');
    expect(c.variables.beoordeling).to.deep.equal({ ok: false, max: 0 });
  });

  it('raises an incident when the decision is not deployed at run time, and finds it once it is', async () => {
    const model = await compile(bpmn(rulesTask('=welke')), {});
    const c = new TestCase(model, []).start({ welke: 'eligibility', leden: 1 });
    expect(c.state!.incidents[0]!.message).to.equal('decision "eligibility" is not deployed (no version of it is in force on 2026-01-05T09:00:00.000Z)');
    const later = new TestCase(model, [await decision('FIRST')]);
    later.state = c.state;
    later.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
    expect(later.variables.beoordeling).to.deep.equal({ ok: false, max: 0 });
  });

  it('gives the decision the task input mappings as its variables', async () => {
    const io = '<zeebe:ioMapping><zeebe:input source="=vereniging.leden" target="leden"/></zeebe:ioMapping>';
    const model = await compile(bpmn(rulesTask('eligibility', io)), { decisions: ['eligibility'] });
    const c = new TestCase(model, [await decision('FIRST')]).start({ vereniging: { leden: 60 } });
    expect(c.variables).to.deep.equal({ vereniging: { leden: 60 }, beoordeling: { ok: true, max: 2000 } });
  });
});
