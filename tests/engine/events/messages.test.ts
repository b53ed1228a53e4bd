import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { closedSubscriptionIds, effectsOf, fire, historyIn, message, onlyAt, openAt, openedSubscriptions, tokenElements } from './helpers.js';

const PAID = message('m_paid', 'betaald', '=orderId');

const messageCatch = () =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after"/>
      ${chain('s', 'wait', 'after')}`, { rootElements: PAID }),
  );

/** A user task with a message boundary event ("vraag ingetrokken") leading to its own user task. */
const taskWithMessageBoundary = (interrupting: boolean) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:userTask id="work"/>
      <bpmn:boundaryEvent id="withdrawn" attachedToRef="work" cancelActivity="${interrupting}"><bpmn:messageEventDefinition messageRef="m_withdrawn"/></bpmn:boundaryEvent>
      <bpmn:userTask id="handle"/>
      <bpmn:endEvent id="e"/>
      ${chain('s', 'work', 'e')}${chain('withdrawn', 'handle')}`, { rootElements: message('m_withdrawn', 'ingetrokken', '=orderId') }),
  );

describe('message events', () => {
  describe('intermediate message catch event', () => {
    it('opens a subscription with the message name and the correlation key as text (a number key becomes "42")', async () => {
      const c = new TestCase(await messageCatch());
      const started = effectsOf(c, { type: 'start', instanceId: 'case1', variables: { orderId: 42 } });
      const [subscription, ...others] = openedSubscriptions(started);
      expect(others).to.deep.equal([]);
      expect(subscription).to.include({ kind: 'message', elementId: 'wait', name: 'betaald', correlationKey: '42', interrupting: true });
      expect(c.state!.subscriptions).to.deep.equal([subscription]);
    });

    it('keeps a text key as it is', async () => {
      const c = new TestCase(await messageCatch()).start({ orderId: 'A-17' });
      expect(onlyAt(c, 'wait').correlationKey).to.equal('A-17');
    });

    it('sets the variables the message brings and moves on, with message-correlated in the history', async () => {
      const c = new TestCase(await messageCatch()).start({ orderId: 42 });
      const { id } = onlyAt(c, 'wait');
      const fired = fire(c, 'wait', { bedrag: 125, betaaldOp: '2026-01-06' });
      expect(c.variables).to.deep.equal({ orderId: 42, bedrag: 125, betaaldOp: '2026-01-06' });
      expect(historyIn(fired, 'message-correlated')[0]).to.deep.include({
        elementId: 'wait',
        data: { subscriptionId: id, name: 'betaald', correlationKey: '42' },
      });
      expect(closedSubscriptionIds(fired)).to.deep.equal([id]);
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('raises an incident naming the correlation key when its variable is missing, and subscribes once it is set', async () => {
      const c = new TestCase(await messageCatch()).start({});
      expect(c.status).to.equal('incident');
      expect(c.state!.subscriptions).to.deep.equal([]);
      const [incident] = c.state!.incidents;
      expect(incident).to.include({ elementId: 'wait' });
      expect(incident!.message).to.contain('orderId').and.contain('wait');

      c.send({ type: 'set-variables', variables: { orderId: 'B-2' } });
      c.send({ type: 'resolve-incident', incidentId: incident!.id });
      expect(c.status).to.equal('active');
      expect(onlyAt(c, 'wait')).to.include({ name: 'betaald', correlationKey: 'B-2' });
    });

    it('raises an incident when the key is neither text nor number', async () => {
      const c = new TestCase(await messageCatch()).start({ orderId: { nr: 1 } });
      expect(c.state!.incidents[0]!.message).to.match(/correlation key of wait .*not a text or number/);
    });

    it('keeps the message variables local when the event has output mappings, and sets only what they map', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:intermediateCatchEvent id="wait">
            <bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="=bedrag * 100" target="centen"/></zeebe:ioMapping></bpmn:extensionElements>
            <bpmn:messageEventDefinition messageRef="m_paid"/>
          </bpmn:intermediateCatchEvent>
          <bpmn:userTask id="after"/>
          ${chain('s', 'wait', 'after')}`, { rootElements: PAID }),
      );
      const c = new TestCase(model).start({ orderId: 3 });
      fire(c, 'wait', { bedrag: 12.5, kenmerk: 'x' });
      expect(c.variables).to.deep.equal({ orderId: 3, centen: 1250 });
      expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
    });

    it('evaluates the correlation key after the input mappings of the event', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:intermediateCatchEvent id="wait">
            <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=aanvraag.nummer" target="orderId"/></zeebe:ioMapping></bpmn:extensionElements>
            <bpmn:messageEventDefinition messageRef="m_paid"/>
          </bpmn:intermediateCatchEvent>
          ${chain('s', 'wait')}`, { rootElements: PAID }),
      );
      const c = new TestCase(model).start({ aanvraag: { nummer: 'N-5' } });
      expect(onlyAt(c, 'wait').correlationKey).to.equal('N-5');
    });

    it('works out a message name written as FEEL', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="m"/></bpmn:intermediateCatchEvent>
          ${chain('s', 'wait')}`, { rootElements: message('m', '="antwoord-" + soort', '=zaak') }),
      );
      const c = new TestCase(model).start({ soort: 'gemeente', zaak: 'Z1' });
      expect(onlyAt(c, 'wait')).to.include({ name: 'antwoord-gemeente', correlationKey: 'Z1' });
    });
  });

  describe('receive task', () => {
    const receiveTask = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:receiveTask id="receive" messageRef="m_paid"/>
          <bpmn:endEvent id="e"/>
          ${chain('s', 'receive', 'e')}`, { rootElements: PAID }),
      );

    it('waits for its message like a catch event and completes with its variables', async () => {
      const c = new TestCase(await receiveTask()).start({ orderId: 7 });
      expect(onlyAt(c, 'receive')).to.include({ kind: 'message', name: 'betaald', correlationKey: '7' });
      expect(tokenElements(c)).to.deep.equal(['receive']);
      const fired = fire(c, 'receive', { bedrag: 10 });
      expect(historyIn(fired, 'message-correlated')).to.have.length(1);
      expect(c.status).to.equal('completed');
      expect(c.variables).to.deep.equal({ orderId: 7, bedrag: 10 });
    });

    it('can carry a boundary event of its own: the timer closes the message subscription too', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:receiveTask id="receive" messageRef="m_paid"/>
          <bpmn:boundaryEvent id="timeout" attachedToRef="receive"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
          <bpmn:userTask id="remind"/>
          <bpmn:endEvent id="e"/>
          ${chain('s', 'receive', 'e')}${chain('timeout', 'remind')}`, { rootElements: PAID }),
      );
      const c = new TestCase(model).start({ orderId: 7 });
      const messageId = onlyAt(c, 'receive').id;
      const timerId = onlyAt(c, 'timeout').id;
      const fired = fire(c, 'timeout');
      expect(closedSubscriptionIds(fired)).to.have.members([timerId, messageId]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(c.openTaskElements()).to.deep.equal(['remind']);
    });
  });

  describe('message boundary event', () => {
    it('opens the boundary events of a task all or none: a missing key is an incident on the task with nothing left open', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="work"/>
          <bpmn:boundaryEvent id="late" attachedToRef="work" cancelActivity="false"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
          <bpmn:boundaryEvent id="withdrawn" attachedToRef="work"><bpmn:messageEventDefinition messageRef="m_paid"/></bpmn:boundaryEvent>
          <bpmn:endEvent id="e1"/><bpmn:endEvent id="e2"/>
          ${chain('s', 'work')}${chain('late', 'e1')}${chain('withdrawn', 'e2')}`, { rootElements: PAID }),
      );
      const c = new TestCase(model);
      const started = effectsOf(c, { type: 'start', instanceId: 'case1' });
      expect(c.state!.incidents[0]).to.include({ elementId: 'work' });
      expect(c.state!.incidents[0]!.message).to.contain('orderId');
      expect(openedSubscriptions(started)).to.deep.equal([]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(c.tasks.size).to.equal(0);

      c.send({ type: 'set-variables', variables: { orderId: 4 } });
      c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
      expect(c.state!.subscriptions.map((s) => s.elementId).sort()).to.deep.equal(['late', 'withdrawn']);
      expect(c.openTaskElements()).to.deep.equal(['work']);
    });


    it('interrupting: ends the task and takes the boundary path, with the message variables', async () => {
      const c = new TestCase(await taskWithMessageBoundary(true)).start({ orderId: 1 });
      const work = c.task('work');
      expect(onlyAt(c, 'withdrawn')).to.include({ ownerId: work.id, name: 'ingetrokken', correlationKey: '1', interrupting: true });
      const fired = fire(c, 'withdrawn', { reden: 'verhuisd' });
      expect(fired).to.deep.include({ type: 'task-closed', taskId: work.id, reason: 'terminated' });
      expect(c.openTaskElements()).to.deep.equal(['handle']);
      expect(c.variables.reden).to.equal('verhuisd');
      expect(c.state!.subscriptions).to.deep.equal([]);
    });

    it('non-interrupting: stays open and can fire twice, the task going on', async () => {
      const c = new TestCase(await taskWithMessageBoundary(false)).start({ orderId: 1 });
      const work = c.task('work');
      const { id } = onlyAt(c, 'withdrawn');
      const first = fire(c, 'withdrawn');
      expect(closedSubscriptionIds(first)).to.deep.equal([]);
      expect(first.some((effect) => effect.type === 'task-closed')).to.equal(false);
      expect(onlyAt(c, 'withdrawn').id).to.equal(id);
      fire(c, 'withdrawn');
      expect(c.openTaskElements()).to.deep.equal(['handle', 'handle', 'work']);
      expect(c.task('work').id).to.equal(work.id);

      const completed = effectsOf(c, { type: 'complete-task', taskId: work.id });
      expect(closedSubscriptionIds(completed)).to.deep.equal([id]);
      expect(openAt(c, 'withdrawn')).to.deep.equal([]);
    });
  });

  describe('message event subprocess', () => {
    it('opens each event subprocess subscription once, also after an incident on one of them is resolved', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="work"/>
          ${chain('s', 'work')}
          <bpmn:subProcess id="espA" triggeredByEvent="true">
            <bpmn:startEvent id="startA" isInterrupting="false"><bpmn:messageEventDefinition messageRef="mA"/></bpmn:startEvent>
            <bpmn:endEvent id="endA"/>${chain('startA', 'endA')}
          </bpmn:subProcess>
          <bpmn:subProcess id="espB" triggeredByEvent="true">
            <bpmn:startEvent id="startB" isInterrupting="false"><bpmn:messageEventDefinition messageRef="mB"/></bpmn:startEvent>
            <bpmn:endEvent id="endB"/>${chain('startB', 'endB')}
          </bpmn:subProcess>`, { rootElements: message('mA', 'a', '=zaak') + message('mB', 'b', '=dossier') }),
      );
      const c = new TestCase(model);
      const started = effectsOf(c, { type: 'start', instanceId: 'case1', variables: { zaak: 'Z1' } });
      expect(c.state!.incidents[0]).to.include({ elementId: 's' });
      expect(openedSubscriptions(started)).to.deep.equal([]);
      expect(c.state!.subscriptions).to.deep.equal([]);
      expect(c.state!.incidents[0]!.message).to.contain('dossier');
      c.send({ type: 'set-variables', variables: { dossier: 'D1' } });
      c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
      expect(c.state!.subscriptions.map((s) => `${s.elementId}:${s.correlationKey}`).sort()).to.deep.equal(['startA:Z1', 'startB:D1']);
      expect(c.openTaskElements()).to.deep.equal(['work']);
    });


    it('non-interrupting: each message starts an instance beside the main flow, with its variables', async () => {
      const model = await compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:userTask id="work"/>
          <bpmn:endEvent id="e"/>
          ${chain('s', 'work', 'e')}
          <bpmn:subProcess id="esp" triggeredByEvent="true">
            <bpmn:startEvent id="espStart" isInterrupting="false"><bpmn:messageEventDefinition messageRef="m_question"/></bpmn:startEvent>
            <bpmn:userTask id="answer"/>
            ${chain('espStart', 'answer')}
          </bpmn:subProcess>`, { rootElements: message('m_question', 'vraag', '=zaak') }),
      );
      const c = new TestCase(model).start({ zaak: 'Z-9' });
      const subscription = onlyAt(c, 'espStart');
      expect(subscription).to.include({ ownerId: 'case1', name: 'vraag', correlationKey: 'Z-9', interrupting: false });

      fire(c, 'espStart', { vraag: 'wanneer?' });
      fire(c, 'espStart', { vraag: 'hoeveel?' });
      expect(onlyAt(c, 'espStart').id).to.equal(subscription.id);
      expect(c.openTaskElements()).to.deep.equal(['answer', 'answer', 'work']);
      expect(c.state!.tokens.filter((token) => token.elementId === 'esp')).to.have.length(2);

      c.complete('work');
      expect(c.status).to.equal('active');
      for (const task of [...c.tasks.values()]) c.send({ type: 'complete-task', taskId: task.id });
      expect(c.status).to.equal('completed');
      expect(c.state!.subscriptions).to.deep.equal([]);
    });
  });
});
