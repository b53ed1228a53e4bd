import { expect } from 'chai';
import { bpmn, compile, flow, TestCase } from '../helpers.js';

describe('parallel gateway', () => {
  const forkJoin = `
    <bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:parallelGateway id="join"/>
    <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:manualTask id="c"/><bpmn:userTask id="after"/>
    ${flow('f0', 's', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('fc', 'fork', 'c')}
    ${flow('ja', 'a', 'join')}${flow('jb', 'b', 'join')}${flow('jc', 'c', 'join')}${flow('f9', 'join', 'after')}`;

  it('forks into every outgoing flow and joins when all branches have arrived', async () => {
    const c = new TestCase(await compile(bpmn(forkJoin))).start();
    expect(c.openTaskElements()).to.deep.equal(['a', 'b']);
    c.complete('b');
    expect(c.openTaskElements()).to.deep.equal(['a']);
    expect(c.state!.tokens.filter((t) => t.elementId === 'join')).to.have.length(2);
    c.complete('a');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.state!.tokens.filter((t) => t.elementId === 'join')).to.have.length(0);
    expect(c.completedElements().filter((id) => id === 'join')).to.have.length(1);
  });

  it('completes the case only when every parallel branch has ended', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
        <bpmn:endEvent id="ea"/><bpmn:endEvent id="eb"/>
        ${flow('f0', 's', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${flow('f1', 'a', 'ea')}${flow('f2', 'b', 'eb')}`),
    );
    const c = new TestCase(m).start();
    c.complete('a');
    expect(c.status).to.equal('active');
    c.complete('b');
    expect(c.status).to.equal('completed');
  });

  it('joins correctly inside a loop: each round needs one token per incoming flow', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:exclusiveGateway id="merge"/><bpmn:parallelGateway id="fork"/>
        <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:parallelGateway id="join"/>
        <bpmn:exclusiveGateway id="again" default="done"/><bpmn:endEvent id="e"/>
        ${flow('f0', 's', 'merge')}${flow('f1', 'merge', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}
        ${flow('ja', 'a', 'join')}${flow('jb', 'b', 'join')}${flow('f2', 'join', 'again')}
        ${flow('loop', 'again', 'merge', '=round < 2')}${flow('done', 'again', 'e')}`),
    );
    const c = new TestCase(m).start();
    c.complete('a', { round: 1 }).complete('b');
    expect(c.openTaskElements(), 'second round').to.deep.equal(['a', 'b']);
    c.complete('a', { round: 2 });
    expect(c.status).to.equal('active');
    c.complete('b');
    expect(c.status).to.equal('completed');
    expect(c.completedElements().filter((id) => id === 'join')).to.have.length(2);
  });

  it('keeps a token that arrives twice by the same flow waiting for the next round', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="a2"/><bpmn:userTask id="b"/>
        <bpmn:exclusiveGateway id="merge"/><bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/>
        ${flow('f0', 's', 'fork')}${flow('fa', 'fork', 'a')}${flow('fa2', 'fork', 'a2')}${flow('fb', 'fork', 'b')}
        ${flow('ma', 'a', 'merge')}${flow('ma2', 'a2', 'merge')}${flow('jm', 'merge', 'join')}${flow('jb', 'b', 'join')}
        ${flow('f9', 'join', 'after')}`),
    );
    const c = new TestCase(m).start();
    c.complete('a').complete('a2');
    expect(c.state!.tokens.filter((t) => t.elementId === 'join').map((t) => t.arrivedBy)).to.deep.equal(['jm', 'jm']);
    c.complete('b');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.state!.tokens.filter((t) => t.elementId === 'join').map((t) => t.arrivedBy)).to.deep.equal(['jm']);
  });
});
