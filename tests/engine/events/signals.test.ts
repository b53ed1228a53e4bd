import { expect } from 'chai';
import type { Effect } from '../../../engine/src/index.js';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { effectsOf, fire, historyIn, onlyAt, openedSubscriptions, tokenElements } from './helpers.js';

const SIGNALS = '<bpmn:signal id="sig_stop" name="stop-regeling"/><bpmn:signal id="sig_dyn" name="=&quot;klaar-&quot; + zaak"/>';

const signalsThrown = (effects: readonly Effect[]) => effects.filter((effect) => effect.type === 'signal-thrown');

describe('signal events', () => {
  it('intermediate catch: opens a signal subscription by name and moves on when it is received', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:intermediateCatchEvent id="wait"><bpmn:signalEventDefinition signalRef="sig_stop"/></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="after"/>
        ${chain('s', 'wait', 'after')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model);
    const [subscription] = openedSubscriptions(effectsOf(c, { type: 'start', instanceId: 'case1' }));
    expect(subscription).to.include({ kind: 'signal', elementId: 'wait', name: 'stop-regeling' });
    expect(subscription).to.not.have.property('correlationKey');

    const fired = fire(c, 'wait', { stopdatum: '2026-06-01' });
    expect(historyIn(fired, 'signal-received')[0]).to.deep.include({ elementId: 'wait', data: { subscriptionId: subscription!.id, name: 'stop-regeling' } });
    expect(c.variables.stopdatum).to.equal('2026-06-01');
    expect(c.openTaskElements()).to.deep.equal(['after']);
  });

  it('boundary: an interrupting signal ends the task and takes the boundary path', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="work"/>
        <bpmn:boundaryEvent id="stopped" attachedToRef="work"><bpmn:signalEventDefinition signalRef="sig_stop"/></bpmn:boundaryEvent>
        <bpmn:userTask id="wrapUp"/>
        <bpmn:endEvent id="e"/>
        ${chain('s', 'work', 'e')}${chain('stopped', 'wrapUp')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model).start();
    const work = c.task('work');
    expect(onlyAt(c, 'stopped')).to.include({ kind: 'signal', ownerId: work.id, interrupting: true });
    const fired = fire(c, 'stopped');
    expect(fired).to.deep.include({ type: 'task-closed', taskId: work.id, reason: 'terminated' });
    expect(c.openTaskElements()).to.deep.equal(['wrapUp']);
    expect(c.state!.subscriptions).to.deep.equal([]);
  });

  it('boundary: a non-interrupting signal can be received again and again while the task stays open', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="work"/>
        <bpmn:boundaryEvent id="changed" attachedToRef="work" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sig_stop"/></bpmn:boundaryEvent>
        <bpmn:userTask id="recheck"/>
        ${chain('s', 'work')}${chain('changed', 'recheck')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model).start();
    const { id } = onlyAt(c, 'changed');
    fire(c, 'changed');
    fire(c, 'changed');
    expect(onlyAt(c, 'changed').id).to.equal(id);
    expect(c.openTaskElements()).to.deep.equal(['recheck', 'recheck', 'work']);
  });

  it('event subprocess: an interrupting signal start inside a subprocess ends only that subprocess flow', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="outside"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="subStart"/>
          <bpmn:userTask id="inside"/>
          ${chain('subStart', 'inside')}
          <bpmn:subProcess id="esp" triggeredByEvent="true">
            <bpmn:startEvent id="espStart"><bpmn:signalEventDefinition signalRef="sig_stop"/></bpmn:startEvent>
            <bpmn:userTask id="stopWork"/>
            ${chain('espStart', 'stopWork')}
          </bpmn:subProcess>
        </bpmn:subProcess>
        <bpmn:userTask id="afterSub"/>
        ${chain('s', 'fork', 'outside')}${chain('fork', 'sub', 'afterSub')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model).start();
    const sub = c.state!.tokens.find((token) => token.elementId === 'sub')!;
    expect(onlyAt(c, 'espStart')).to.include({ ownerId: sub.id, interrupting: true });
    const inside = c.task('inside');
    const fired = fire(c, 'espStart');
    expect(fired).to.deep.include({ type: 'task-closed', taskId: inside.id, reason: 'terminated' });
    expect(c.openTaskElements()).to.deep.equal(['outside', 'stopWork']);
    c.complete('stopWork');
    expect(c.openTaskElements()).to.deep.equal(['afterSub', 'outside']);
    expect(tokenElements(c)).to.deep.equal(['afterSub', 'outside']);
    c.complete('outside');
    expect(c.status).to.equal('active');
  });

  it('intermediate throw: asks for a broadcast with only the event’s input-mapped variables, and goes on', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:intermediateThrowEvent id="announce">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=zaak" target="zaakId"/><zeebe:input source="=bedrag * 2" target="dubbel"/></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:signalEventDefinition signalRef="sig_stop"/>
        </bpmn:intermediateThrowEvent>
        <bpmn:userTask id="after"/>
        ${chain('s', 'announce', 'after')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model);
    const effects = effectsOf(c, { type: 'start', instanceId: 'case1', variables: { zaak: 'Z-1', bedrag: 50, geheim: 'x' } });
    expect(signalsThrown(effects)).to.deep.equal([{ type: 'signal-thrown', name: 'stop-regeling', variables: { zaakId: 'Z-1', dubbel: 100 } }]);
    expect(historyIn(effects, 'signal-thrown')[0]).to.deep.include({ elementId: 'announce', data: { name: 'stop-regeling' } });
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.variables).to.deep.equal({ zaak: 'Z-1', bedrag: 50, geheim: 'x' });
  });

  it('end event: broadcasts (no variables without mappings) and ends its path; a FEEL signal name is worked out', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:endEvent id="done"><bpmn:signalEventDefinition signalRef="sig_dyn"/></bpmn:endEvent>
        ${chain('s', 'done')}`, { rootElements: SIGNALS }),
    );
    const c = new TestCase(model);
    const effects = effectsOf(c, { type: 'start', instanceId: 'case1', variables: { zaak: 'Z-2' } });
    expect(signalsThrown(effects)).to.deep.equal([{ type: 'signal-thrown', name: 'klaar-Z-2', variables: {} }]);
    expect(c.status).to.equal('completed');
  });

  it('raises an incident on the thrower when a FEEL signal name gives no text', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="sig_dyn"/></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="e"/>
        ${chain('s', 'announce', 'e')}`, { rootElements: '<bpmn:signal id="sig_dyn" name="=nummer"/>' }),
    );
    const c = new TestCase(model);
    const effects = effectsOf(c, { type: 'start', instanceId: 'case1', variables: { nummer: 5 } });
    expect(signalsThrown(effects)).to.deep.equal([]);
    expect(c.state!.incidents[0]).to.include({ elementId: 'announce' });
    expect(c.state!.incidents[0]!.message).to.match(/signal name of announce is 5/);
  });
});
