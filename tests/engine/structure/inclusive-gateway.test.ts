import { expect } from 'chai';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';
import { fireAt, timerBoundary, timesCompleted, tokensAt } from './helpers.js';

/** fork → a | b | c (each on its own condition) → join → after. */
const forkJoin = (withDefault = false) =>
  compile(
    bpmn(`<bpmn:startEvent id="s"/>
      <bpmn:inclusiveGateway id="fork" ${withDefault ? 'default="toOther"' : ''}/>
      <bpmn:userTask id="a"/><bpmn:userTask id="b"/><bpmn:userTask id="c"/>${withDefault ? '<bpmn:userTask id="other"/>' : ''}
      <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
      ${flow('f0', 's', 'fork')}
      ${flow('toA', 'fork', 'a', '=wantA')}${flow('toB', 'fork', 'b', '=wantB')}${flow('toC', 'fork', 'c', '=wantC')}
      ${withDefault ? flow('toOther', 'fork', 'other') : ''}
      ${flow('aj', 'a', 'join')}${flow('bj', 'b', 'join')}${flow('cj', 'c', 'join')}${flow('f9', 'join', 'after')}`),
  );

const takenFlows = (c: TestCase) => c.history().filter((e) => e.type === 'sequence-flow-taken').map((e) => e.elementId);

describe('inclusive gateway', () => {
  describe('fork', () => {
    it('takes every outgoing flow whose condition holds', async () => {
      const c = new TestCase(await forkJoin()).start({ wantA: true, wantB: false, wantC: true });
      expect(c.openTaskElements()).to.deep.equal(['a', 'c']);
      expect(takenFlows(c)).to.deep.equal(['f0', 'toA', 'toC']);
    });

    it('takes the default flow when no condition holds', async () => {
      const c = new TestCase(await forkJoin(true)).start({ wantA: false, wantB: false, wantC: false });
      expect(c.openTaskElements()).to.deep.equal(['other']);
      expect(takenFlows(c)).to.deep.equal(['f0', 'toOther']);
    });

    it('raises an incident naming a variable a condition needs that does not exist, as Zeebe does', async () => {
      const c = new TestCase(await forkJoin(true)).start({ wantA: false });
      expect(c.status).to.equal('incident');
      expect(c.state!.incidents[0]!.message).to.equal(`the condition of sequence flow toB ("wantB") gave null instead of true or false (Variable 'wantB' not found)`);
      expect(c.openTaskElements()).to.deep.equal([]);
    });

    it('does not take the default flow when a condition holds', async () => {
      const c = new TestCase(await forkJoin(true)).start({ wantA: false, wantB: true, wantC: false });
      expect(c.openTaskElements()).to.deep.equal(['b']);
    });

    it('raises an incident when no condition holds and there is no default, and forks once the data is repaired', async () => {
      const c = new TestCase(await forkJoin()).start({ wantA: false, wantB: false, wantC: false });
      expect(c.status).to.equal('incident');
      const [incident] = c.state!.incidents;
      expect(incident).to.include({ elementId: 'fork', retry: 'activate' });
      expect(incident!.message).to.match(/no outgoing sequence flow of gateway fork has a condition that holds/);
      expect(c.state!.tokens.map((t) => [t.elementId, t.state])).to.deep.equal([['fork', 'incident']]);

      c.send({ type: 'set-variables', variables: { wantB: true } });
      c.send({ type: 'resolve-incident', incidentId: incident!.id });
      expect(c.status).to.equal('active');
      expect(c.openTaskElements()).to.deep.equal(['b']);
    });

    it('raises an incident when a condition gives something other than true or false', async () => {
      const c = new TestCase(await forkJoin(true)).start({ wantA: true, wantB: 'ja', wantC: false });
      expect(c.status).to.equal('incident');
      expect(c.state!.incidents[0]!.message).to.match(/condition of sequence flow toB \("wantB"\) gave "ja" instead of true or false/);
      expect(c.openTaskElements(), 'no branch starts when one condition is broken').to.deep.equal([]);
    });
  });

  describe('join', () => {
    it('waits only for the branches that were taken', async () => {
      const c = new TestCase(await forkJoin()).start({ wantA: true, wantB: true, wantC: false });
      c.complete('a');
      expect(c.openTaskElements()).to.deep.equal(['b']);
      expect(tokensAt(c, 'join').map((t) => t.arrivedBy)).to.deep.equal(['aj']);
      c.complete('b');
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(tokensAt(c, 'join')).to.deep.equal([]);
      expect(timesCompleted(c, 'join')).to.equal(1);
    });

    it('fires at once when only one branch was taken', async () => {
      const c = new TestCase(await forkJoin()).start({ wantA: false, wantB: false, wantC: true });
      c.complete('c');
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('fires once, and the flow after it runs once, when all branches arrive in the same step', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>
          <bpmn:task id="a"/><bpmn:manualTask id="b"/><bpmn:task id="c"/>
          <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
          ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toB', 'fork', 'b', '=true')}${flow('toC', 'fork', 'c', '=true')}
          ${chain('a', 'join')}${chain('b', 'join')}${chain('c', 'join')}${chain('join', 'after')}`),
      );
      const c = new TestCase(m).start();
      expect(timesCompleted(c, 'join')).to.equal(1);
      expect(c.effects.filter((e) => e.type === 'task-opened')).to.have.length(1);
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['after']);
      c.complete('after');
      expect(c.status).to.equal('completed');
    });

    it('fires once when the branches arrive one by one', async () => {
      const c = new TestCase(await forkJoin()).start({ wantA: true, wantB: true, wantC: true });
      c.complete('c').complete('a');
      expect(c.openTaskElements()).to.deep.equal(['b']);
      c.complete('b');
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(timesCompleted(c, 'join')).to.equal(1);
      expect(c.effects.filter((e) => e.type === 'task-opened' && e.task.elementId === 'after')).to.have.length(1);
    });

    describe('a branch that ends elsewhere', () => {
      const endsElsewhere = () =>
        compile(
          bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>
            <bpmn:userTask id="a"/><bpmn:exclusiveGateway id="route" default="toJoin"/><bpmn:endEvent id="stop"/>
            <bpmn:userTask id="b"/><bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
            ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toB', 'fork', 'b', '=true')}
            ${chain('a', 'route')}${flow('toStop', 'route', 'stop', '=stop = true')}${flow('toJoin', 'route', 'join')}
            ${chain('b', 'join')}${chain('join', 'after')}`),
        );

      it('releases the waiting join when it goes to an end event', async () => {
        const c = new TestCase(await endsElsewhere()).start();
        c.complete('b');
        expect(c.openTaskElements(), 'the join waits for a').to.deep.equal(['a']);
        c.complete('a', { stop: true });
        expect(c.openTaskElements()).to.deep.equal(['after']);
        expect(c.completedElements().slice(-2)).to.deep.equal(['stop', 'join']);
        c.complete('after');
        expect(c.status).to.equal('completed');
      });

      it('lets the other branch pass the join alone when it ended first', async () => {
        const c = new TestCase(await endsElsewhere()).start();
        c.complete('a', { stop: true });
        expect(c.openTaskElements()).to.deep.equal(['b']);
        c.complete('b');
        expect(c.openTaskElements()).to.deep.equal(['after']);
      });
    });

    describe('after a loop on one branch', () => {
      /** Branch a loops: a → again? → back to a, or on to the join. */
      const looping = () =>
        compile(
          bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>
            <bpmn:userTask id="a"/><bpmn:exclusiveGateway id="again" default="onward"/>
            <bpmn:userTask id="b"/><bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
            ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toB', 'fork', 'b', '=true')}
            ${chain('a', 'again')}${flow('back', 'again', 'a', '=redo = true')}${flow('onward', 'again', 'join')}
            ${chain('b', 'join')}${chain('join', 'after')}`),
        );

      it('waits while the other branch loops, and fires once it arrives', async () => {
        const c = new TestCase(await looping()).start();
        c.complete('b');
        c.complete('a', { redo: true });
        expect(c.openTaskElements(), 'first loop').to.deep.equal(['a']);
        c.complete('a', { redo: true });
        expect(c.openTaskElements(), 'second loop').to.deep.equal(['a']);
        expect(tokensAt(c, 'join')).to.have.length(1);
        c.complete('a', { redo: false });
        expect(c.openTaskElements()).to.deep.equal(['after']);
        expect(timesCompleted(c, 'a')).to.equal(3);
        expect(timesCompleted(c, 'join')).to.equal(1);
      });

      it('waits for the branch that did not loop when the looping one arrives first', async () => {
        const c = new TestCase(await looping()).start();
        c.complete('a', { redo: true }).complete('a', { redo: false });
        expect(c.openTaskElements()).to.deep.equal(['b']);
        c.complete('b');
        expect(c.openTaskElements()).to.deep.equal(['after']);
        expect(timesCompleted(c, 'join')).to.equal(1);
      });
    });

    it('lets a join that feeds another join fire first, so the second fires once with both', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/>
          <bpmn:userTask id="pp"/><bpmn:userTask id="q"/><bpmn:userTask id="r"/>
          <bpmn:inclusiveGateway id="join1"/><bpmn:inclusiveGateway id="join2"/><bpmn:userTask id="after"/>
          ${flow('f0', 's', 'fork')}${flow('toP', 'fork', 'pp', '=true')}${flow('toQ', 'fork', 'q', '=true')}${flow('toR', 'fork', 'r', '=true')}
          ${chain('pp', 'join1')}${chain('q', 'join1')}${chain('join1', 'join2')}${chain('r', 'join2')}${chain('join2', 'after')}`),
      );
      const c = new TestCase(m).start();
      c.complete('pp').complete('r');
      expect(c.openTaskElements()).to.deep.equal(['q']);
      c.complete('q');
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(timesCompleted(c, 'join2')).to.equal(1);
      expect(c.state!.tokens.map((t) => t.elementId)).to.deep.equal(['after']);
    });

    it('joins first and then forks when it has several incoming and outgoing flows', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
          <bpmn:inclusiveGateway id="both"/><bpmn:userTask id="x"/><bpmn:userTask id="y"/>
          ${chain('s', 'fork', 'a', 'both')}${chain('fork', 'b', 'both')}
          ${flow('toX', 'both', 'x', '=wantX')}${flow('toY', 'both', 'y', '=wantY')}`),
      );
      const c = new TestCase(m).start();
      c.complete('a', { wantX: true });
      expect(c.openTaskElements()).to.deep.equal(['b']);
      c.complete('b', { wantY: true });
      expect(c.openTaskElements()).to.deep.equal(['x', 'y']);
      expect(timesCompleted(c, 'both')).to.equal(1);
    });

    it('waits only for tokens in its own scope, not for those outside its subprocess', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="outside"/>
          <bpmn:subProcess id="sub">
            <bpmn:startEvent id="ss"/><bpmn:inclusiveGateway id="split"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
            <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="inside"/>
            ${chain('ss', 'split')}${flow('toA', 'split', 'a', '=true')}${flow('toB', 'split', 'b', '=true')}
            ${chain('a', 'join')}${chain('b', 'join')}${chain('join', 'inside')}
          </bpmn:subProcess>
          ${chain('s', 'fork', 'sub')}${chain('fork', 'outside')}`),
      );
      const c = new TestCase(m).start();
      c.complete('a').complete('b');
      expect(c.openTaskElements()).to.deep.equal(['inside', 'outside']);
    });

    it('waits for a token deeper down in a subprocess on a branch', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/><bpmn:userTask id="a"/>
          <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/>${chain('ss', 'inner')}</bpmn:subProcess>
          <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
          ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toSub', 'fork', 'sub', '=true')}
          ${chain('a', 'join')}${chain('sub', 'join')}${chain('join', 'after')}`),
      );
      const c = new TestCase(m).start();
      c.complete('a');
      expect(c.openTaskElements()).to.deep.equal(['inner']);
      c.complete('inner');
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });

    it('waits for an activity whose only way to the join is its boundary event', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/><bpmn:userTask id="a"/>
          <bpmn:userTask id="x"/>${timerBoundary('late', 'x')}<bpmn:endEvent id="xEnd"/>
          <bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
          ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toX', 'fork', 'x', '=true')}
          ${chain('a', 'join')}${chain('x', 'xEnd')}${chain('late', 'join')}${chain('join', 'after')}`),
      );
      const c = new TestCase(m).start();
      c.complete('a');
      expect(c.openTaskElements(), 'x may still time out towards the join').to.deep.equal(['x']);
      fireAt(c, 'late');
      expect(c.openTaskElements()).to.deep.equal(['after']);

      const other = new TestCase(m).start();
      other.complete('a').complete('x');
      expect(other.openTaskElements(), 'x ended elsewhere, so the join goes on').to.deep.equal(['after']);
    });

    it('keeps waiting while a branch that can still arrive is stuck on an incident', async () => {
      const m = await compile(
        bpmn(`<bpmn:startEvent id="s"/><bpmn:inclusiveGateway id="fork"/><bpmn:userTask id="a"/>
          <bpmn:exclusiveGateway id="check"/><bpmn:inclusiveGateway id="join"/><bpmn:userTask id="after"/>
          ${flow('f0', 's', 'fork')}${flow('toA', 'fork', 'a', '=true')}${flow('toCheck', 'fork', 'check', '=true')}
          ${flow('ok', 'check', 'join', '=ok')}${chain('a', 'join')}${chain('join', 'after')}`),
      );
      const c = new TestCase(m).start();
      expect(c.status).to.equal('incident');
      c.complete('a');
      expect(c.openTaskElements()).to.deep.equal([]);
      expect(tokensAt(c, 'join')).to.have.length(1);
      c.send({ type: 'set-variables', variables: { ok: true } });
      c.send({ type: 'resolve-incident', incidentId: c.state!.incidents[0]!.id });
      expect(c.openTaskElements()).to.deep.equal(['after']);
    });
  });
});
