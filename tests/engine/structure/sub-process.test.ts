import { expect } from 'chai';
import { visibleVariables } from '../../../engine/src/index.js';
import { bpmn, chain, compile, flow, TestCase } from '../helpers.js';
import { extensions, ioMapping, localVariables, timesCompleted, tokensAt } from './helpers.js';

describe('embedded subprocess', () => {
  it('completes when its inner path ends, and the flow after it goes on', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/><bpmn:endEvent id="se"/>${chain('ss', 'inner', 'se')}</bpmn:subProcess>
        <bpmn:userTask id="after"/><bpmn:endEvent id="e"/>${chain('s', 'sub', 'after', 'e')}`),
    );
    const c = new TestCase(m).start();
    expect(c.openTaskElements()).to.deep.equal(['inner']);
    const [sub] = tokensAt(c, 'sub');
    expect(tokensAt(c, 'inner')[0]!.parentScopeId, 'the inner task runs in the subprocess').to.equal(sub!.id);

    c.complete('inner');
    expect(c.status, 'the case goes on after the subprocess').to.equal('active');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(c.completedElements()).to.deep.equal(['s', 'ss', 'inner', 'se', 'sub']);
    expect(c.history().filter((e) => e.type === 'instance-completed')).to.deep.equal([]);

    c.complete('after');
    expect(c.status).to.equal('completed');
  });

  it('completes when the last element inside has no outgoing flow (an implicit end)', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub"><bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/>${chain('ss', 'inner')}</bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'sub', 'after')}`),
    );
    const c = new TestCase(m).start().complete('inner');
    expect(c.status).to.equal('active');
    expect(c.openTaskElements()).to.deep.equal(['after']);
  });

  it('completes only after both branches of a parallel fork inside it have ended', async () => {
    const m = await compile(
      bpmn(`<bpmn:startEvent id="s"/>
        <bpmn:subProcess id="sub">
          <bpmn:startEvent id="ss"/><bpmn:parallelGateway id="fork"/><bpmn:userTask id="a"/><bpmn:userTask id="b"/>
          <bpmn:endEvent id="ea"/><bpmn:endEvent id="eb"/>
          ${chain('ss', 'fork')}${flow('fa', 'fork', 'a')}${flow('fb', 'fork', 'b')}${chain('a', 'ea')}${chain('b', 'eb')}
        </bpmn:subProcess>
        <bpmn:userTask id="after"/>${chain('s', 'sub', 'after')}`),
    );
    const c = new TestCase(m).start();
    expect(c.openTaskElements()).to.deep.equal(['a', 'b']);
    c.complete('b');
    expect(c.openTaskElements()).to.deep.equal(['a']);
    expect(tokensAt(c, 'sub')).to.have.length(1);
    c.complete('a');
    expect(c.openTaskElements()).to.deep.equal(['after']);
    expect(timesCompleted(c, 'sub')).to.equal(1);
    expect(c.status).to.equal('active');
  });

  describe('variables', () => {
    const scoped = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:subProcess id="sub">
            ${extensions(ioMapping({ inputs: [['=aanvraag.bedrag', 'bedrag']], outputs: [['=bedrag * 2', 'dubbel']] }))}
            <bpmn:startEvent id="ss"/><bpmn:userTask id="inner"/>${chain('ss', 'inner')}
          </bpmn:subProcess>
          <bpmn:userTask id="after"/>${chain('s', 'sub', 'after')}`),
      );

    it('keeps input mappings local to the subprocess, where the elements inside see them', async () => {
      const c = new TestCase(await scoped()).start({ aanvraag: { bedrag: 100 } });
      const [sub] = tokensAt(c, 'sub');
      expect(localVariables(c, sub!)).to.deep.equal({ bedrag: 100 });
      expect(c.variables).to.not.have.property('bedrag');
      const [inner] = tokensAt(c, 'inner');
      expect(visibleVariables(c.state!, inner!.parentScopeId)).to.deep.include({ bedrag: 100, aanvraag: { bedrag: 100 } });
    });

    it('lets variables set inside reach the case, except those the subprocess has locally; output mappings map out', async () => {
      const c = new TestCase(await scoped()).start({ aanvraag: { bedrag: 100 } });
      c.complete('inner', { besluit: 'toegekend', bedrag: 120 });
      expect(c.variables).to.deep.equal({ aanvraag: { bedrag: 100 }, besluit: 'toegekend', dubbel: 240 });
      expect(Object.keys(c.state!.scopes), 'the subprocess scope is gone with it').to.deep.equal(['case1']);
    });

    it('updates a variable the case already has from inside the subprocess', async () => {
      const c = new TestCase(await scoped()).start({ aanvraag: { bedrag: 100 }, status: 'nieuw' });
      const [sub] = tokensAt(c, 'sub');
      c.complete('inner', { status: 'beoordeeld' });
      expect(c.variables.status).to.equal('beoordeeld');
      expect(c.state!.scopes[sub!.id]).to.equal(undefined);
    });
  });

  describe('nested', () => {
    const nested = () =>
      compile(
        bpmn(`<bpmn:startEvent id="s"/>
          <bpmn:subProcess id="outer">
            ${extensions(ioMapping({ inputs: [['=1', 'ronde']] }))}
            <bpmn:startEvent id="os"/>
            <bpmn:subProcess id="inner"><bpmn:startEvent id="is"/><bpmn:userTask id="t"/><bpmn:endEvent id="ie"/>${chain('is', 't', 'ie')}</bpmn:subProcess>
            <bpmn:userTask id="between"/>
            ${chain('os', 'inner', 'between')}
          </bpmn:subProcess>
          <bpmn:userTask id="after"/>${chain('s', 'outer', 'after')}`),
      );

    it('runs a subprocess in a subprocess, each completing in turn', async () => {
      const c = new TestCase(await nested()).start();
      const [outer] = tokensAt(c, 'outer');
      const [inner] = tokensAt(c, 'inner');
      const [t] = tokensAt(c, 't');
      expect(inner!.parentScopeId).to.equal(outer!.id);
      expect(t!.parentScopeId).to.equal(inner!.id);

      c.complete('t', { ronde: 2, uitkomst: 'ok' });
      expect(c.openTaskElements()).to.deep.equal(['between']);
      expect(localVariables(c, outer!), 'a variable the outer subprocess has is updated there').to.deep.equal({ ronde: 2 });
      expect(c.variables).to.deep.equal({ uitkomst: 'ok' });

      c.complete('between');
      expect(c.openTaskElements()).to.deep.equal(['after']);
      expect(c.completedElements().filter((id) => ['inner', 'outer'].includes(id))).to.deep.equal(['inner', 'outer']);
      expect(c.status).to.equal('active');
      c.complete('after');
      expect(c.status).to.equal('completed');
    });

    it('ends everything inside, innermost first, when the case is cancelled', async () => {
      const c = new TestCase(await nested()).start();
      c.send({ type: 'cancel' });
      const terminated = c.history().filter((e) => e.type === 'element-terminated').map((e) => e.elementId);
      expect(terminated).to.deep.equal(['t', 'inner', 'outer']);
      expect(c.state!.tokens).to.deep.equal([]);
      expect(Object.keys(c.state!.scopes)).to.deep.equal(['case1']);
    });
  });
});
