// Parsing of the six fields of a Spring/Zeebe cron expression into sets of allowed values.

export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
  /** "?" (no specific value) is only meaningful in the two day fields. */
  allowsQuestionMark?: boolean;
}

const MONTH_NAMES = { JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12 };
const DAY_NAMES = { SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6 };

export const SECOND_FIELD: FieldSpec = { name: 'second', min: 0, max: 59 };
export const MINUTE_FIELD: FieldSpec = { name: 'minute', min: 0, max: 59 };
export const HOUR_FIELD: FieldSpec = { name: 'hour', min: 0, max: 23 };
export const DAY_OF_MONTH_FIELD: FieldSpec = { name: 'day-of-month', min: 1, max: 31, allowsQuestionMark: true };
export const MONTH_FIELD: FieldSpec = { name: 'month', min: 1, max: 12, names: MONTH_NAMES };
// Sunday is both 0 and 7, as in Spring; 7 is folded onto 0 once the field is read.
export const DAY_OF_WEEK_FIELD: FieldSpec = { name: 'day-of-week', min: 0, max: 7, names: DAY_NAMES, allowsQuestionMark: true };

/** A field problem; the caller adds which expression it is about. */
export class CronFieldError extends Error {}

/** One value: a number or a name (JAN, MON), case-insensitively. */
export function readValue(text: string, spec: FieldSpec): number {
  const named = spec.names?.[text.toUpperCase()];
  const value = named ?? (/^\d+$/.test(text) ? Number(text) : Number.NaN);
  if (Number.isNaN(value)) throw new CronFieldError(`the ${spec.name} field has "${text}" where a ${spec.name} is expected`);
  if (value < spec.min || value > spec.max) {
    throw new CronFieldError(`the ${spec.name} field has ${text}, outside ${spec.min}-${spec.max}`);
  }
  return value;
}

/**
 * Marks the values one list item allows: "*", "?", "5", "1-5", "MON-FRI", with an optional step
 * ("*\/15", "0/10", "1-30/2"); "a/n" means from a to the end of the range, every n.
 */
export function markItem(item: string, spec: FieldSpec, allowed: boolean[]): void {
  const slash = item.indexOf('/');
  const rangeText = slash < 0 ? item : item.slice(0, slash);
  const stepText = slash < 0 ? null : item.slice(slash + 1);
  let step = 1;
  if (stepText !== null) {
    if (!/^\d+$/.test(stepText) || Number(stepText) === 0) {
      throw new CronFieldError(`the ${spec.name} field has step "${stepText}" in "${item}"; a step is a whole number above zero`);
    }
    step = Number(stepText);
  }
  let from: number;
  let to: number;
  if (rangeText === '*' || rangeText === '?') {
    if (rangeText === '?' && !spec.allowsQuestionMark) {
      throw new CronFieldError(`the ${spec.name} field has "?", which only the day-of-month and day-of-week fields allow`);
    }
    [from, to] = [spec.min, spec.max];
  } else {
    const dash = rangeText.indexOf('-');
    if (dash >= 0) {
      from = readValue(rangeText.slice(0, dash), spec);
      to = readValue(rangeText.slice(dash + 1), spec);
      if (from > to) throw new CronFieldError(`the ${spec.name} field has range "${rangeText}", which runs backwards`);
    } else {
      from = readValue(rangeText, spec);
      to = stepText === null ? from : spec.max;
    }
  }
  for (let value = from; value <= to; value += step) allowed[value] = true;
}

/** The values a plain field allows, indexed by value. */
export function readField(text: string, spec: FieldSpec): boolean[] {
  const allowed = new Array<boolean>(spec.max + 1).fill(false);
  for (const item of text.split(',')) {
    if (item === '') throw new CronFieldError(`the ${spec.name} field "${text}" has an empty list item`);
    markItem(item, spec, allowed);
  }
  return allowed;
}
