import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { designProblems, designToSchema, schemaToDesign, variableName, type FormDesign } from '../../../server/src/pages/form-fields.js';
import { nl } from '../../../server/src/pages/texts.js';
import { Forms } from '../../../server/src/services/forms.js';

const design: FormDesign = {
  title: 'Betaling voorbereiden',
  description: 'Wat financiën nodig heeft om te betalen.',
  fields: [
    { name: 'rekeningnummer', label: 'Rekeningnummer', help: 'Het IBAN', kind: 'text', required: true, options: [] },
    { name: 'motivering', label: 'Motivering', help: '', kind: 'longText', required: false, options: [] },
    { name: 'bedrag', label: 'Bedrag', help: '', kind: 'number', required: true, options: [] },
    { name: 'aantal', label: 'Aantal', help: '', kind: 'integer', required: false, options: [] },
    { name: 'akkoord', label: 'Akkoord', help: '', kind: 'yesNo', required: false, options: [] },
    { name: 'betaaldatum', label: 'Betaaldatum', help: '', kind: 'date', required: false, options: [] },
    { name: 'betaalwijze', label: 'Betaalwijze', help: '', kind: 'choice', required: true, options: ['overschrijving', 'domiciliëring'] },
  ],
};

describe('pages: forms as designed and as JSON Schema', () => {
  it('writes a design as a JSON Schema the server accepts, and reads it back unchanged', () => {
    const schema = designToSchema(design);
    expect(Forms.problemsOf(schema)).to.deep.equal([]);
    expect(schema.required).to.deep.equal(['rekeningnummer', 'bedrag', 'betaalwijze']);
    expect((schema.properties as Record<string, unknown>).betaaldatum).to.deep.equal({ title: 'Betaaldatum', type: 'string', format: 'date' });
    expect(schemaToDesign(schema)).to.deep.equal(design);
  });

  it('reads a shipped form as fields', () => {
    const intake = JSON.parse(readFileSync(new URL('../../../processes/subsidy-club/subsidie-intake.form.json', import.meta.url), 'utf8'));
    const read = schemaToDesign(intake);
    expect(read.title).to.equal('Aanvraag controleren');
    expect(read.fields.map((f) => [f.name, f.kind, f.required])).to.deep.equal([
      ['aanvraagVolledig', 'yesNo', true],
      ['opmerking', 'longText', false],
    ]);
  });

  it('names what is wrong with a design in Dutch', () => {
    const broken: FormDesign = {
      title: ' ',
      description: '',
      fields: [
        { name: '1e', label: 'Eerste', help: '', kind: 'text', required: false, options: [] },
        { name: 'x', label: '', help: '', kind: 'choice', required: false, options: [] },
        { name: 'x', label: 'Derde', help: '', kind: 'text', required: false, options: [] },
      ],
    };
    expect(designProblems('mijn formulier', broken, nl.modeler.forms.problems)).to.deep.equal([
      'De sleutel "mijn formulier" mag alleen letters, cijfers, punten, streepjes en liggende streepjes bevatten.',
      'Het formulier heeft nog geen titel.',
      'Veld Eerste: de naam "1e" begint met een letter en bevat alleen letters, cijfers en liggende streepjes.',
      'Veld 2 heeft nog geen label.',
      'Veld 2 is een keuze, maar heeft nog geen keuzes.',
      'Twee velden heten "x".',
    ]);
    expect(designProblems('betaling', design, nl.modeler.forms.problems)).to.deep.equal([]);
  });

  it('makes a variable name of a label', () => {
    expect(variableName('Naam van de vereniging')).to.equal('naamVanDeVereniging');
    expect(variableName('Aantal leden (2026)')).to.equal('aantalLeden2026');
    expect(variableName('Financiën – akkoord?')).to.equal('financienAkkoord');
    expect(variableName('2de adres')).to.equal('veld2deAdres');
  });
});
