import { expect } from 'chai';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';
import { closedSubscriptionIds, effectsOf, message, timer } from './helpers.js';

/** A case waiting at once on a task (with a timer boundary), a job, a message and an event subprocess. */
const busyCase = () =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="work"/>
      <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false">${timer('timeCycle', 'R/P1D')}</bpmn:boundaryEvent>
      <bpmn:userTask id="remind"/>
      <bpmn:serviceTask id="mail"><bpmn:extensionElements><zeebe:taskDefinition type="loket:mail"/></bpmn:extensionElements></bpmn:serviceTask>
      <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
      ${flow('f0', 's', 'fork')}${flow('f1', 'fork', 'work')}${flow('f2', 'fork', 'mail')}${flow('f3', 'fork', 'paid')}${chain('late', 'remind')}
      <bpmn:subProcess id="esp" triggeredByEvent="true">
        <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m_question"/></bpmn:startEvent>
        <bpmn:userTask id="answer"/>
        ${chain('espStart', 'answer')}
      </bpmn:subProcess>`, { rootElements: message('m', 'betaald', '=zaak') + message('m_question', 'vraag', '=zaak') }),
  );

describe('cancel command', () => {
  it('closes every subscription, job and task of the case', async () => {
    const c = new TestCase(await busyCase()).start({ zaak: 'Z1' });
    const subscriptionIds = c.state!.subscriptions.map((s) => s.id);
    expect(c.state!.subscriptions.map((s) => s.elementId).sort()).to.deep.equal(['espStart', 'late', 'paid']);
    const jobId = c.state!.tokens.find((token) => token.elementId === 'mail')!.id;
    const taskId = c.task('work').id;

    const effects = effectsOf(c, { type: 'cancel', user: 'beheerder' });
    expect(closedSubscriptionIds(effects)).to.have.members(subscriptionIds);
    expect(closedSubscriptionIds(effects)).to.have.length(3);
    expect(effects.filter((e) => e.type === 'job-closed')).to.deep.equal([{ type: 'job-closed', jobId }]);
    expect(effects).to.deep.include({ type: 'task-closed', taskId, reason: 'terminated' });
    expect(c.status).to.equal('terminated');
    expect(c.state!.subscriptions).to.deep.equal([]);
    expect(c.state!.tokens).to.deep.equal([]);
    expect(effects.some((e) => e.type === 'parent-notified')).to.equal(false);
  });

  it('also ends a running event subprocess, clears incidents and tells a calling case, unless that case cancelled it', async () => {
    const parent = { instanceId: 'p1', tokenId: 'p1-3' };
    const c = new TestCase(await busyCase()).send({ type: 'start', instanceId: 'child', variables: { zaak: 'Z1' }, parent });
    const espStart = c.state!.subscriptions.find((s) => s.elementId === 'espStart')!;
    c.send({ type: 'trigger', subscriptionId: espStart.id });
    const answer = c.task('answer');
    c.send({ type: 'fail-job', jobId: c.state!.tokens.find((token) => token.elementId === 'mail')!.id, message: 'smtp weg' });
    expect(c.status).to.equal('incident');

    const effects = effectsOf(c, { type: 'cancel' });
    expect(effects).to.deep.include({ type: 'task-closed', taskId: answer.id, reason: 'terminated' });
    expect(effects).to.deep.include({ type: 'parent-notified', parent, outcome: { type: 'terminated' } });
    expect(c.state!.incidents).to.deep.equal([]);
    expect(c.status).to.equal('terminated');

    const byParent = new TestCase(await busyCase()).send({ type: 'start', instanceId: 'child2', variables: { zaak: 'Z1' }, parent });
    expect(effectsOf(byParent, { type: 'cancel', byParent: true }).some((e) => e.type === 'parent-notified')).to.equal(false);
  });
});
