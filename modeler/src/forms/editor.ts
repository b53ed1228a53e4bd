import {
  designProblems,
  designToSchema,
  FIELD_KINDS,
  schemaToDesign,
  variableName,
  type FieldKind,
  type FormDesign,
  type FormField,
} from '../../../server/src/pages/form-fields.js';
import { fill, type ModelerTexts } from '../texts.js';
import { el } from '../dom.js';
import { renderPreview } from './preview.js';

interface EditedForm {
  key: string;
  design: FormDesign;
  /** A form loaded from a deployment: its schema as deployed, deployed again only once she changes it. */
  deployed?: Record<string, unknown>;
  edited: boolean;
  /** The deployed schema says more than fields can (a pattern, a minimum): editing it here loses that. */
  lossy: boolean;
}

/**
 * The forms tab: the forms of the service, one edited at a time, with a live preview beside it. A text
 * typed into a field updates the preview only (the editor keeps its focus); adding, moving or removing a
 * field, or changing its kind, draws the editor again.
 */
export class FormsEditor {
  private forms: EditedForm[] = [];
  private selected = -1;

  constructor(
    private readonly root: HTMLElement,
    private readonly texts: ModelerTexts['forms'],
    private readonly onChange: () => void,
  ) {
    this.render();
  }

  keys(): string[] {
    return this.forms.map((f) => f.key);
  }

  problems(): { formKey: string; message: string }[] {
    const seen = new Set<string>();
    return this.forms.flatMap(({ key, design }) => {
      const problems = designProblems(key, design, this.texts.problems).map((message) => ({ formKey: key, message }));
      if (seen.has(key)) problems.push({ formKey: key, message: fill(this.texts.problems.duplicateName, { name: key }) });
      seen.add(key);
      return problems;
    });
  }

  /** The new and changed forms as deployment resources (`<key>.form.json`). */
  resources(): { name: string; content: string }[] {
    return this.forms
      .filter((form) => !form.deployed || form.edited)
      .map(({ key, design }) => ({ name: `${key}.form.json`, content: `${JSON.stringify(designToSchema(design), null, 2)}\n` }));
  }

  /** Adds a deployed form, to look at or to change. */
  load(key: string, schema: Record<string, unknown>): void {
    if (this.forms.some((form) => form.key === key)) return;
    const design = schemaToDesign(schema);
    const { $schema: _dialect, ...rest } = schema;
    const { $schema: _again, ...rewritten } = designToSchema(design);
    this.forms.push({ key, design, deployed: schema, edited: false, lossy: JSON.stringify(sorted(rest)) !== JSON.stringify(sorted(rewritten)) });
    if (this.selected < 0) this.selected = 0;
    this.render();
  }

  clear(): void {
    this.forms = [];
    this.selected = -1;
    this.render();
  }

  show(formKey: string): void {
    const at = this.forms.findIndex((f) => f.key === formKey);
    if (at >= 0) this.select(at);
  }

  private select(index: number): void {
    this.selected = index;
    this.render();
  }

  private changed(structure: boolean): void {
    if (this.current) this.current.edited = true;
    if (structure) this.render();
    else this.renderPreview();
    this.onChange();
  }

  private get current(): EditedForm | undefined {
    return this.forms[this.selected];
  }

  private render(): void {
    const t = this.texts;
    const list = el('ul', { class: 'form-list' }, ...this.forms.map((form, i) =>
      el('li', {}, this.button(form.design.title || form.key, () => this.select(i), { 'aria-current': i === this.selected ? 'true' : undefined })),
    ));
    const add = this.button(t.add, () => {
      const key = `formulier-${Math.random().toString(36).slice(2, 7)}`;
      this.forms.push({ key, design: { title: '', description: '', fields: [] }, edited: true, lossy: false });
      this.selected = this.forms.length - 1;
      this.changed(true);
    });
    const side = el('nav', { class: 'forms-side', 'aria-label': t.list }, list, this.forms.length === 0 ? el('p', {}, t.none) : '', add);
    this.root.replaceChildren(side, this.current ? this.formEditor(this.current) : el('div'), el('section', { class: 'forms-preview', id: 'form-preview', 'aria-label': t.preview }));
    this.renderPreview();
  }

  private renderPreview(): void {
    const target = this.root.querySelector('#form-preview');
    if (!target) return;
    target.replaceChildren(...(this.current ? [el('h2', {}, this.texts.preview), renderPreview(this.current.design, this.texts, 'voorbeeld')] : []));
  }

  private formEditor(form: EditedForm): HTMLElement {
    const t = this.texts;
    const design = form.design;
    const fields = design.fields.map((field, i) => this.fieldEditor(design, field, i));
    return el(
      'div',
      { class: 'form-editor' },
      form.lossy ? el('p', { class: 'notice', role: 'note' }, t.lossy) : '',
      this.input('form-key', t.key, form.key, (value) => (form.key = value.trim()), { help: t.keyHelp }),
      this.input('form-title', t.title, design.title, (value) => (design.title = value)),
      this.input('form-description', t.description, design.description, (value) => (design.description = value), { multiline: true }),
      el('h2', {}, t.fields),
      ...fields,
      this.button(t.addField, () => {
        design.fields.push({ name: '', label: '', help: '', kind: 'text', required: false, options: [] });
        this.changed(true);
        this.root.querySelector<HTMLInputElement>(`#field-${design.fields.length - 1}-label`)?.focus();
      }, { id: 'add-field' }),
      this.button(t.remove, () => {
        this.forms.splice(this.selected, 1);
        this.selected = Math.min(this.selected, this.forms.length - 1);
        this.changed(true);
      }, { class: 'danger' }),
    );
  }

  private fieldEditor(design: FormDesign, field: FormField, i: number): HTMLElement {
    const t = this.texts;
    const id = `field-${i}`;
    const move = (to: number) => {
      const [moved] = design.fields.splice(i, 1);
      design.fields.splice(to, 0, moved!);
      this.changed(true);
    };
    const kind = el('select', { id: `${id}-kind` }, ...FIELD_KINDS.map((k) => el('option', { value: k, selected: k === field.kind }, t.kinds[k])));
    kind.addEventListener('change', () => {
      field.kind = kind.value as FieldKind;
      this.changed(true);
    });
    const required = el('input', { type: 'checkbox', id: `${id}-required`, checked: field.required });
    required.addEventListener('change', () => {
      field.required = required.checked;
      this.changed(false);
    });
    return el(
      'fieldset',
      { class: 'field-editor' },
      el('legend', {}, fill(t.field, { number: i + 1 }), field.label ? `: ${field.label}` : ''),
      this.input(`${id}-label`, t.label, field.label, (value) => {
        // A new field takes its variable name from its label until the designer names it herself.
        if (!field.name || field.name === variableName(field.label)) {
          field.name = variableName(value);
          const name = this.root.querySelector<HTMLInputElement>(`#${id}-name`);
          if (name) name.value = field.name;
        }
        field.label = value;
      }),
      this.input(`${id}-name`, t.name, field.name, (value) => (field.name = value.trim())),
      this.input(`${id}-help`, t.help, field.help, (value) => (field.help = value)),
      el('div', { class: 'row' }, el('label', { for: `${id}-kind` }, t.kind), kind),
      el('div', { class: 'row' }, required, el('label', { for: `${id}-required` }, t.required)),
      field.kind === 'choice'
        ? this.input(`${id}-options`, t.options, field.options.join('\n'), (value) => (field.options = value.split('\n').map((o) => o.trim()).filter(Boolean)), { multiline: true })
        : '',
      el(
        'div',
        { class: 'row buttons' },
        this.button(t.up, () => move(i - 1), { disabled: i === 0 }),
        this.button(t.down, () => move(i + 1), { disabled: i === design.fields.length - 1 }),
        this.button(t.removeField, () => {
          design.fields.splice(i, 1);
          this.changed(true);
        }, { class: 'danger' }),
      ),
    );
  }

  private input(id: string, label: string, value: string, set: (value: string) => void, { multiline = false, help }: { multiline?: boolean; help?: string } = {}): HTMLElement {
    const control = multiline ? el('textarea', { id, rows: '3', 'aria-describedby': help ? `${id}-help` : undefined }) : el('input', { id, type: 'text', 'aria-describedby': help ? `${id}-help` : undefined });
    control.value = value;
    control.addEventListener('input', () => {
      set(control.value);
      this.changed(false);
    });
    return el('div', { class: 'row' }, el('label', { for: id }, label), control, ...(help ? [el('p', { class: 'help', id: `${id}-help` }, help)] : []));
  }

  private button(text: string, onClick: () => void, attributes: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
    const button = el('button', { type: 'button', ...attributes }, text);
    button.addEventListener('click', onClick);
    return button;
  }
}

/** A JSON value with its object keys in order, to compare two schemas by what they say. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sorted(v)]));
}
