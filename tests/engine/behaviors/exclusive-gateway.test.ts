import { expect } from 'chai';
import { bpmn, compile, flow, TestCase } from '../helpers.js';

const model = (withDefault: boolean) =>
  compile(
    bpmn(`
      <bpmn:startEvent id="s"/>
      <bpmn:exclusiveGateway id="g" ${withDefault ? 'default="toDefault"' : ''}/>
      <bpmn:userTask id="small"/><bpmn:userTask id="big"/><bpmn:userTask id="other"/>
      ${flow('f0', 's', 'g')}
      ${flow('toSmall', 'g', 'small', '=amount < 1000')}
      ${flow('toBig', 'g', 'big', '=amount >= 1000')}
      ${withDefault ? flow('toDefault', 'g', 'other') : ''}`),
  );

describe('exclusive gateway', () => {
  it('takes the flow whose condition holds', async () => {
    const m = await model(true);
    expect(new TestCase(m).start({ amount: 10 }).openTaskElements()).to.deep.equal(['small']);
    expect(new TestCase(m).start({ amount: 5000 }).openTaskElements()).to.deep.equal(['big']);
  });

  it('takes only the first flow in model order when several conditions hold', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
        ${flow('f0', 's', 'g')}${flow('fa', 'g', 'a', '=true')}${flow('fb', 'g', 'b', '=true')}`),
    );
    expect(new TestCase(m).start().openTaskElements()).to.deep.equal(['a']);
  });

  it('takes the default flow when no condition holds', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="toDefault"/><bpmn:userTask id="big"/><bpmn:userTask id="other"/>
        ${flow('f0', 's', 'g')}${flow('toBig', 'g', 'big', '=amount >= 1000')}${flow('toDefault', 'g', 'other')}`),
    );
    const c = new TestCase(m).start({ amount: 10 });
    expect(c.openTaskElements()).to.deep.equal(['other']);
    expect(c.history().filter((e) => e.type === 'sequence-flow-taken').map((e) => e.elementId)).to.deep.equal(['f0', 'toDefault']);
  });

  it('raises an incident naming a variable a condition needs that does not exist, rather than taking the default flow (as Zeebe does)', async () => {
    const c = new TestCase(await model(true)).start({});
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]!.message).to.equal(
      `the condition of sequence flow toSmall ("amount < 1000") gave null instead of true or false (Variable 'amount' not found)`,
    );
    expect(c.openTaskElements()).to.deep.equal([]);
  });

  it('lets a condition written for a missing variable hold or not without an incident', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="toDefault"/><bpmn:userTask id="yes"/><bpmn:userTask id="other"/>
        ${flow('f0', 's', 'g')}${flow('toYes', 'g', 'yes', '=goedgekeurd = true')}${flow('toDefault', 'g', 'other')}`),
    );
    expect(new TestCase(m).start({}).openTaskElements()).to.deep.equal(['other']);
  });

  it('raises an incident when no flow matches and there is no default, and resumes once the data is repaired', async () => {
    const m = await model(false);
    const c = new TestCase(m).start({});
    expect(c.status).to.equal('incident');
    const [incident] = c.state!.incidents;
    expect(incident).to.include({ elementId: 'g', createdAt: '2026-01-05T09:00:00.000Z' });
    expect(incident!.message).to.match(/Variable 'amount' not found/);
    expect(c.history().some((e) => e.type === 'incident-raised' && e.elementId === 'g')).to.equal(true);
    expect(c.state!.tokens.map((t) => [t.elementId, t.state])).to.deep.equal([['g', 'incident']]);

    c.send({ type: 'resolve-incident', incidentId: incident!.id, user: 'admin' });
    expect(c.status, 'retrying with the same data fails again').to.equal('incident');
    expect(c.state!.incidents).to.have.length(1);

    c.send({ type: 'set-variables', variables: { amount: 50 } });
    c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id, user: 'admin' });
    expect(c.status).to.equal('active');
    expect(c.openTaskElements()).to.deep.equal(['small']);
    expect(c.history().filter((e) => e.type === 'incident-resolved')).to.have.length(2);
  });

  it('raises an incident when a condition gives something other than true or false', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="g" default="fd"/><bpmn:userTask id="a"/><bpmn:userTask id="d"/>
        ${flow('f0', 's', 'g')}${flow('fa', 'g', 'a', '="ja"')}${flow('fd', 'g', 'd')}`),
    );
    const c = new TestCase(m).start();
    expect(c.status).to.equal('incident');
    expect(c.state!.incidents[0]!.message).to.match(/gave "ja" instead of true or false/);
  });

  it('loops back to an earlier task', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:userTask id="check"/><bpmn:exclusiveGateway id="g" default="fOk"/>
        <bpmn:userTask id="fix"/><bpmn:endEvent id="e"/>
        ${flow('f0', 's', 'check')}${flow('f1', 'check', 'g')}${flow('fFix', 'g', 'fix', '=complete = false')}
        ${flow('fOk', 'g', 'e')}${flow('fBack', 'fix', 'check')}`),
    );
    const c = new TestCase(m).start();
    c.complete('check', { complete: false }).complete('fix').complete('check', { complete: true });
    expect(c.status).to.equal('completed');
    expect(c.completedElements().filter((id) => id === 'check')).to.have.length(2);
  });
});
