import { expect } from 'chai';
import { bpmn, chain, compile, TestCase } from '../helpers.js';

describe('zeebe:ioMapping and variable scopes', () => {
  const mapped = (io: string) =>
    compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:userTask id="t"><bpmn:extensionElements><zeebe:ioMapping>${io}</zeebe:ioMapping></bpmn:extensionElements></bpmn:userTask>
        <bpmn:userTask id="next"/>${chain('s', 't', 'next')}`),
    );

  it('input mappings make local variables the task sees but the case does not', async () => {
    const c = new TestCase(await mapped('<zeebe:input source="=aanvraag.bedrag * 2" target="dubbel"/>')).start({ aanvraag: { bedrag: 100 } });
    const token = c.state!.tokens.find((t) => t.elementId === 't')!;
    expect(c.state!.scopes[token.scopeId!]!.variables).to.deep.equal({ dubbel: 200 });
    expect(c.variables).to.not.have.property('dubbel');
    c.complete('t');
    expect(Object.keys(c.state!.scopes), 'the local scope is gone with the task').to.deep.equal(['case1']);
    expect(c.variables).to.deep.equal({ aanvraag: { bedrag: 100 } });
  });

  it('completion variables that exist locally stay local; others reach the case', async () => {
    const c = new TestCase(await mapped('<zeebe:input source="=1" target="lokaal"/>')).start();
    c.complete('t', { lokaal: 5, globaal: 6 });
    expect(c.variables).to.deep.equal({ globaal: 6 });
  });

  it('output mappings decide what reaches the case', async () => {
    const c = new TestCase(await mapped('<zeebe:output source="=antwoord.bedrag" target="toegekend"/>')).start();
    c.complete('t', { antwoord: { bedrag: 750 }, ruis: true });
    expect(c.variables).to.deep.equal({ toegekend: 750 });
  });

  it('a literal source (without "=") is still read as FEEL, as in Zeebe', async () => {
    const c = new TestCase(await mapped('<zeebe:input source="x" target="y"/><zeebe:output source="y" target="z"/>')).start({ x: 3 });
    c.complete('t');
    expect(c.variables).to.deep.equal({ x: 3, z: 3 });
  });

  it('an output mapping over data of the wrong kind gives null, as FEEL does, and the case moves on', async () => {
    const c = new TestCase(await mapped('<zeebe:output source="=lijst[1] + 1" target="z"/>')).start();
    c.complete('t', { lijst: 'geen lijst' });
    expect(c.variables).to.deep.equal({ z: null });
    expect(c.openTaskElements()).to.deep.equal(['next']);
  });

  it('sets case variables from outside and records it', async () => {
    const c = new TestCase(await mapped('')).start({ a: 1 });
    c.send({ type: 'set-variables', variables: { a: 2, b: 3 }, user: 'admin' });
    expect(c.variables).to.deep.equal({ a: 2, b: 3 });
    expect(c.history().at(-1)).to.deep.include({ type: 'variables-updated', user: 'admin', data: { names: ['a', 'b'] } });
  });
});
