import { expect } from 'chai';
import { CommandRejected } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { closedSubscriptionIds, effectsOf, fire, historyIn, message, onlyAt, openedSubscriptions, timer, tokenElements } from './helpers.js';

/** Wait for the payment (message) or two weeks (timer), whichever comes first. */
const race = () =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:eventBasedGateway id="race"/>
      <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="twoWeeks">${timer('timeDuration', 'P14D')}</bpmn:intermediateCatchEvent>
      <bpmn:receiveTask id="objection" messageRef="m_objection"/>
      <bpmn:userTask id="ship"/>
      <bpmn:userTask id="remind"/>
      <bpmn:userTask id="review"/>
      ${chain('s', 'race')}${chain('race', 'paid', 'ship')}${chain('race', 'twoWeeks', 'remind')}${chain('race', 'objection', 'review')}`, {
      rootElements: message('m_paid', 'betaald', '=orderId') + message('m_objection', 'bezwaar', '=dossier'),
    }),
  );

describe('event-based gateway', () => {
  it('opens a subscription for each event after it, all owned by the waiting gateway', async () => {
    const c = new TestCase(await race());
    const opened = openedSubscriptions(effectsOf(c, { type: 'start', instanceId: 'case1', variables: { orderId: 5, dossier: 'D5' } }));
    const gateway = c.state!.tokens.find((token) => token.elementId === 'race')!;
    expect(opened.map((s) => [s.elementId, s.kind])).to.deep.equal([['paid', 'message'], ['twoWeeks', 'timer'], ['objection', 'message']]);
    expect(opened.every((s) => s.ownerId === gateway.id)).to.equal(true);
    expect(onlyAt(c, 'twoWeeks').dueAt).to.equal('2026-01-19T09:00:00.000Z');
    expect(tokenElements(c)).to.deep.equal(['race']);
  });

  it('the first event wins: the others are closed, the path after the winner is taken with its variables', async () => {
    const c = new TestCase(await race()).start({ orderId: 5, dossier: 'D5' });
    const timerId = onlyAt(c, 'twoWeeks').id;
    const objectionId = onlyAt(c, 'objection').id;
    const paidId = onlyAt(c, 'paid').id;

    const fired = fire(c, 'paid', { bedrag: 30 });
    expect(closedSubscriptionIds(fired)).to.have.members([paidId, timerId, objectionId]);
    expect(fired).to.deep.include({ type: 'subscription-closed', subscriptionId: timerId, kind: 'timer' });
    expect(historyIn(fired, 'message-correlated').map((e) => e.elementId)).to.deep.equal(['paid']);
    expect(historyIn(fired, 'element-completed').map((e) => e.elementId)).to.deep.equal(['race', 'paid']);
    expect(historyIn(fired, 'sequence-flow-taken').map((e) => e.elementId)).to.deep.equal(['f_race_paid', 'f_paid_ship']);
    expect(c.state!.subscriptions).to.deep.equal([]);
    expect(c.openTaskElements()).to.deep.equal(['ship']);
    expect(c.variables).to.deep.equal({ orderId: 5, dossier: 'D5', bedrag: 30 });

    expect(() => c.send({ type: 'trigger', subscriptionId: timerId })).to.throw(CommandRejected).with.property('code', 'conflict');
  });

  it('the timer can win too, and a receive task after the gateway can win as well', async () => {
    const byTimer = new TestCase(await race()).start({ orderId: 5, dossier: 'D5' });
    const messageId = onlyAt(byTimer, 'paid').id;
    const fired = fire(byTimer, 'twoWeeks');
    expect(historyIn(fired, 'timer-fired').map((e) => e.elementId)).to.deep.equal(['twoWeeks']);
    expect(byTimer.openTaskElements()).to.deep.equal(['remind']);
    expect(() => byTimer.send({ type: 'trigger', subscriptionId: messageId })).to.throw(CommandRejected).with.property('code', 'conflict');

    const byReceiveTask = new TestCase(await race()).start({ orderId: 5, dossier: 'D5' });
    fire(byReceiveTask, 'objection', { reden: 'te duur' });
    expect(byReceiveTask.openTaskElements()).to.deep.equal(['review']);
    expect(byReceiveTask.variables.reden).to.equal('te duur');
    expect(byReceiveTask.state!.subscriptions).to.deep.equal([]);
  });

  it('a waiting gateway inside a subprocess that a boundary event ends has its subscriptions closed', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart"/>
          <bpmn:eventBasedGateway id="race"/>
          <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="stop"><bpmn:signalEventDefinition signalRef="sig"/></bpmn:intermediateCatchEvent>
          ${chain('subStart', 'race', 'paid')}${chain('race', 'stop')}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="deadline" attachedToRef="sub">${timer('timeDuration', 'P30D')}</bpmn:boundaryEvent>
        <bpmn:userTask id="expired"/>
        ${chain('s', 'sub')}${chain('deadline', 'expired')}`, {
        rootElements: message('m_paid', 'betaald', '=orderId') + '<bpmn:signal id="sig" name="stop"/>',
      }),
    );
    const c = new TestCase(model).start({ orderId: 1 });
    const waitingOn = [onlyAt(c, 'paid').id, onlyAt(c, 'stop').id];
    const fired = fire(c, 'deadline');
    expect(closedSubscriptionIds(fired)).to.include.members(waitingOn);
    expect(c.state!.subscriptions).to.deep.equal([]);
    expect(historyIn(fired, 'element-terminated').map((e) => e.elementId)).to.deep.equal(['race', 'sub']);
    expect(c.openTaskElements()).to.deep.equal(['expired']);
  });

  it('raises an incident on the gateway when one of its events cannot subscribe, opening none of them until it is resolved', async () => {
    // The message and the timer could open; the receive task's key is missing.
    const c = new TestCase(await race()).start({ orderId: 5 });
    expect(c.state!.incidents[0]).to.include({ elementId: 'race' });
    expect(c.state!.subscriptions).to.deep.equal([]);
    expect(c.effects.some((effect) => effect.type === 'subscription-opened')).to.equal(false);
    expect(c.state!.incidents[0]!.message).to.contain('dossier');
    c.send({ type: 'set-variables', variables: { dossier: 'D8' } });
    c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
    expect(c.state!.subscriptions.map((s) => s.elementId).sort()).to.deep.equal(['objection', 'paid', 'twoWeeks']);
  });
});
