import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

describe('runtime: a step with a notification (loket:notification)', () => {
  it('asks the host to mail once per arrival at the step, with the template and the subject', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" loket:notification="ontvangen.hbs" loket:notificationSubject="Ontvangen: {{naam}}"/>
        <bpmn:endEvent id="e"/>${chain('s', 't', 'e')}`),
    );
    const c = new TestCase(model).start();
    const notes = c.effects.filter((effect) => effect.type === 'notify');
    expect(notes).to.deep.equal([{ type: 'notify', tokenId: c.task('t').id, elementId: 't', template: 'ontvangen.hbs', subject: 'Ontvangen: {{naam}}' }]);
    c.complete('t');
    expect(c.effects.filter((effect) => effect.type === 'notify')).to.have.length(1);
  });

  it('mails once for a multi-instance step, not once per instance', async () => {
    const model = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t" loket:notification="ontvangen.hbs" loket:notificationSubject="Onderwerp">
          <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" inputElement="i"/></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
        </bpmn:userTask>${chain('s', 't')}`),
    );
    const c = new TestCase(model).start();
    expect(c.effects.filter((effect) => effect.type === 'notify')).to.have.length(1);
  });
});
