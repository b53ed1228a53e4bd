import { expect } from 'chai';
import { BudgetExceeded, compileDmn, mayRunLong, type Budget } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

/** A host budget that has run out: what the server's node:vm timeout does, without waiting for it. */
const exhausted: Budget = () => {
  throw new BudgetExceeded(50);
};

describe('expressions: the time budget', () => {
  it('is asked for only by FEEL that can loop or define functions', () => {
    expect(mayRunLong('count(for i in 1..n return i)')).to.equal(true);
    expect(mayRunLong('some x in xs satisfies x > 3')).to.equal(true);
    expect(mayRunLong('aantalLeden >= 10 and zetel = true')).to.equal(false);
    expect(mayRunLong('"formulier"')).to.equal(false);
  });

  it('turns a looping condition that runs out of time into an incident on the gateway', async () => {
    const model = await compile(
      bpmn(`
      <bpmn:startEvent id="s"/>
      <bpmn:exclusiveGateway id="gw"/>
      <bpmn:userTask id="ja"/><bpmn:userTask id="nee"/>
      ${chain('s', 'gw')}
      <bpmn:sequenceFlow id="f_ja" sourceRef="gw" targetRef="ja"><bpmn:conditionExpression>=count(for i in 1..n return i) > 3</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="f_nee" sourceRef="gw" targetRef="nee"><bpmn:conditionExpression>=n &lt;= 3</bpmn:conditionExpression></bpmn:sequenceFlow>`),
    );
    const free = new TestCase(model).start({ n: 5 });
    expect(free.openTaskElements()).to.deep.equal(['ja']);
    const limited = new TestCase(model);
    limited.budget = exhausted;
    limited.start({ n: 5 });
    expect(limited.state!.incidents.map((i) => i.elementId)).to.deep.equal(['gw']);
    expect(limited.state!.incidents[0]!.message).to.include('f_ja').and.include('langer dan 50 ms');
  });

  it('turns a decision that runs out of time into an incident on the business rule task', async () => {
    const dmn = `<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d" name="d" namespace="http://loket.test">
      <decision id="tel" name="Tel"><literalExpression><text>n + 1</text></literalExpression></decision></definitions>`;
    const { decisions } = await compileDmn(dmn);
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:businessRuleTask id="check"><bpmn:extensionElements><zeebe:calledDecision decisionId="tel" resultVariable="r"/></bpmn:extensionElements></bpmn:businessRuleTask>
      <bpmn:userTask id="next"/>${chain('s', 'check', 'next')}`),
      { decisions: ['tel'] },
    );
    const c = new TestCase(model, decisions);
    c.budget = exhausted;
    c.start({ n: 1 });
    expect(c.state!.incidents.map((i) => [i.elementId, i.message])).to.deep.equal([['check', 'Beslissing „tel”: de berekening duurde langer dan 50 ms en is gestopt']]);
  });
});
