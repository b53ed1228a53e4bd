/**
 * A translate service for bpmn-js and dmn-js (their `translate(template, replacements)`), speaking the
 * page's language from a dictionary keyed by the English text; {placeholders} are filled as bpmn-js does (dmn-js writes some as `{ sample }`).
 */
export function translateModule(dictionary: Record<string, string>) {
  const translate = (template: string, replacements: Record<string, string> = {}) =>
    (dictionary[template] ?? template).replace(/{([^}]+)}/g, (whole, key: string) => replacements[key.trim()] ?? whole);
  return { translate: ['value', translate] };
}
