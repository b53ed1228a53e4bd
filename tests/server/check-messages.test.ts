import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { problemText } from '../../modeler/src/checks.js';
import { texts } from '../../server/src/pages/texts.js';

const RULES = new URL('../../engine/src/model/rules/', import.meta.url);

/** The codes the engine's rules give their problems, read from the rules themselves. */
function codesOfRules(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync(RULES).filter((name) => name.endsWith('.ts'))) {
    for (const match of readFileSync(new URL(file, RULES), 'utf8').matchAll(/code: '([a-z-]+)'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('modeler: the deploy checks in Dutch', () => {
  it('has Dutch words for every code a rule gives, and none for a code no rule gives', () => {
    const codes = codesOfRules();
    expect(codes.size).to.be.greaterThan(40);
    expect(Object.keys(texts.modeler.checkMessages).sort()).to.deep.equal([...codes].sort());
  });

  it('fills in the particulars, and keeps the English message for a problem without a known code', () => {
    const sayings = texts.modeler.checkMessages;
    expect(problemText({ message: 'x calls decision "regels", which is not deployed', code: 'decision-not-deployed', params: { decision: 'regels' } }, sayings)).to.equal(
      'vraagt beslissing „regels”, maar die is niet gepubliceerd (en staat niet bij de beslissingen hier)',
    );
    expect(problemText({ message: 'the condition of f1 is not valid FEEL' }, sayings)).to.equal('the condition of f1 is not valid FEEL');
    expect(problemText({ message: 'English', code: 'no-such-code' }, sayings)).to.equal('English');
  });
});
