import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { FEEL_PLACES } from '../../engine/src/model/rules/feel-syntax.js';
import { problemText } from '../../modeler/src/checks.js';
import { texts } from '../../server/src/pages/texts.js';
import { decisionToolsNl } from '../../server/src/pages/texts-decisions.js';
import { diagramToolsNl } from '../../server/src/pages/texts-diagram.js';

/** Where the engine checks processes and decisions at deploy. */
const CHECKS = ['../../engine/src/model/rules/', '../../engine/src/decisions/', '../../engine/src/decisions/boxed/'].map((folder) => new URL(folder, import.meta.url));

/** The codes the engine's checks give their problems, read from the checks themselves. */
function codesOfRules(): Set<string> {
  const codes = new Set<string>();
  for (const folder of CHECKS) {
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      for (const match of readFileSync(new URL(file, folder), 'utf8').matchAll(/code: '([a-z-]+)'/g)) codes.add(match[1]!);
    }
  }
  return codes;
}

describe('modeler: the deploy checks in Dutch', () => {
  it('has Dutch words for every code a rule gives, and none for a code no rule gives', () => {
    const codes = codesOfRules();
    expect(codes.size).to.be.greaterThan(40);
    expect(Object.keys(texts.modeler.checkMessages).sort()).to.deep.equal([...codes].sort());
  });

  it('words every place a FEEL expression can be, and says where a FEEL mistake is', () => {
    expect(Object.keys(texts.modeler.checkPlaces).sort()).to.deep.equal(Object.keys(FEEL_PLACES).sort());
    const problem = { message: 'the input mapping to "bedrag" of UserTask t: FEEL syntax error at position 3 in "1 +"', code: 'feel-syntax', params: { place: 'input-mapping', target: 'bedrag', expression: '1 +', position: '3' } };
    expect(problemText(problem, texts.modeler.checkMessages, texts.modeler.checkPlaces)).to.equal('de invoer naar „bedrag” is geen geldige FEEL: vanaf teken 3 van „1 +” klopt er iets niet');
  });

  it('fills in the particulars, and keeps the English message for a problem without a known code', () => {
    const sayings = texts.modeler.checkMessages;
    expect(problemText({ message: 'x calls decision "regels", which is not deployed', code: 'decision-not-deployed', params: { decision: 'regels' } }, sayings)).to.equal(
      'vraagt beslissing „regels”, maar die is niet gepubliceerd (en staat niet bij de beslissingen hier)',
    );
    expect(problemText({ message: 'the condition of f1 is not valid FEEL' }, sayings)).to.equal('the condition of f1 is not valid FEEL');
    expect(problemText({ message: 'English', code: 'no-such-code' }, sayings)).to.equal('English');
  });

  it("words dmn-js apart from bpmn-js, so neither dictionary silently overrides the other's word", () => {
    expect(Object.keys(decisionToolsNl).filter((key) => key in diagramToolsNl)).to.deep.equal([]);
    // Every {placeholder} of the English is in the Dutch, or dmn-js' values would not show.
    const placeholders = (text: string) => (text.match(/{[^}]+}/g) ?? []).sort();
    const lost = Object.entries({ ...diagramToolsNl, ...decisionToolsNl }).filter(([english, dutch]) => placeholders(english).join() !== placeholders(dutch).join());
    expect(lost).to.deep.equal([]);
  });
});
