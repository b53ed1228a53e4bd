import type { FormDesign } from '../../../server/src/pages/form-fields.js';
import type { ModelerTexts } from '../texts.js';
import { el } from '../dom.js';

/**
 * The form as the civil servant will see it on her task page: labels, help texts, required marks, choices
 * as a list, dates as date fields, yes/no as two options. Inert: nothing in it is sent anywhere.
 */
export function renderPreview(design: FormDesign, texts: ModelerTexts['forms'], idPrefix: string): HTMLElement {
  const form = el('form', { class: 'form-preview', 'aria-label': texts.preview });
  form.addEventListener('submit', (event) => event.preventDefault());
  if (design.title) form.append(el('h3', {}, design.title));
  if (design.description) form.append(el('p', { class: 'form-description' }, design.description));
  design.fields.forEach((field, i) => {
    const id = `${idPrefix}-${i}`;
    const helpId = field.help ? `${id}-help` : undefined;
    const label = el('label', { for: id }, field.label || field.name, ...(field.required ? [' ', el('span', { class: 'required' }, texts.requiredMark)] : []));
    const common = { id, name: field.name, required: field.required, 'aria-describedby': helpId };
    let control: HTMLElement;
    switch (field.kind) {
      case 'longText':
        control = el('textarea', { ...common, rows: '4' });
        break;
      case 'number':
        control = el('input', { ...common, type: 'number', step: 'any' });
        break;
      case 'integer':
        control = el('input', { ...common, type: 'number', step: '1' });
        break;
      case 'date':
        control = el('input', { ...common, type: 'date' });
        break;
      case 'yesNo':
        control = el('select', common, el('option', { value: '' }, texts.chooseOne), el('option', { value: 'true' }, texts.yes), el('option', { value: 'false' }, texts.no));
        break;
      case 'choice':
        control = el('select', common, el('option', { value: '' }, texts.chooseOne), ...field.options.map((option) => el('option', { value: option }, option)));
        break;
      default:
        control = el('input', { ...common, type: 'text' });
    }
    form.append(el('div', { class: 'form-field' }, label, ...(field.help ? [el('p', { class: 'help', id: helpId! }, field.help)] : []), control));
  });
  return form;
}
