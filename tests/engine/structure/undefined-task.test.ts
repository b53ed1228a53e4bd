import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';
import { extensions, ioMapping } from './helpers.js';

describe('undefined task (bpmn:task)', () => {
  it('passes through without waiting', async () => {
    const m = await compile(bpmn(`<bpmn:startEvent id="s"/><bpmn:task id="t" name="Iets doen"/><bpmn:userTask id="next"/>${chain('s', 't', 'next')}`));
    const c = new TestCase(m).start();
    expect(c.openTaskElements()).to.deep.equal(['next']);
    expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['next']);
    const ofT = c.history().filter((e) => e.elementId === 't').map((e) => [e.type, e.elementType]);
    expect(ofT).to.deep.equal([
      ['element-activated', 'task'],
      ['element-completed', 'task'],
    ]);
  });

  it('applies its input and output mappings on the way', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:task id="t">${extensions(ioMapping({ inputs: [['=bedrag * 2', 'dubbel']], outputs: [['=dubbel + 1', 'uitkomst']] }))}</bpmn:task>
        <bpmn:endEvent id="e"/>${chain('s', 't', 'e')}`),
    );
    const c = new TestCase(m).start({ bedrag: 10 });
    expect(c.status).to.equal('completed');
    expect(c.variables).to.deep.equal({ bedrag: 10, uitkomst: 21 });
  });
});
