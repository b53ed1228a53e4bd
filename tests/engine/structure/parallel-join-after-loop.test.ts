import { expect } from 'chai';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';
import { timesCompleted, tokensAt } from './helpers.js';

/** fork → a, which may loop back to itself before going on to the join | b → join → after. */
const loopBeforeJoin = () =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/>
      <bpmn:userTask id="a"/><bpmn:exclusiveGateway id="again" default="onward"/>
      <bpmn:userTask id="b"/><bpmn:parallelGateway id="join"/><bpmn:userTask id="after"/>
      ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a')}${flow('toB', 'fork', 'b')}
      ${chain('a', 'again')}${flow('back', 'again', 'a', '=redo = true')}${flow('onward', 'again', 'join')}
      ${chain('b', 'join')}${chain('join', 'after')}`),
  );

describe('parallel gateway join after a loop on one branch', () => {
  it('waits while the branch loops, and fires once when it arrives', async () => {
    const c = new TestCase(await loopBeforeJoin()).start();
    c.complete('b');
    c.complete('a', { redo: true }).complete('a', { redo: true });
    expect(c.openTaskElements()).to.deep.equal(['a']);
    expect(tokensAt(c, 'join').map((t) => t.arrivedBy)).to.deep.equal(['f_b_join']);
    c.complete('a', { redo: false });
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(tokensAt(c, 'join')).to.deep.equal([]);
    expect(timesCompleted(c, 'join')).to.equal(1);
  });

  it('waits for the branch that did not loop when the looping one arrives first', async () => {
    const c = new TestCase(await loopBeforeJoin()).start();
    c.complete('a', { redo: true }).complete('a', { redo: false });
    expect(c.openTaskElements()).to.deep.equal(['b']);
    c.complete('b');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    c.complete('after');
    expect(c.status).to.equal('completed');
  });
});
