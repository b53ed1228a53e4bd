import { DEADLINE_DAYS } from '../types.js';
import { text } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** Ten years: a longer deadline is a typo, not a plan. */
const MAX_DAYS = 3650;

/** A task's loket:deadline is a whole number of days, counted as calendar or working days. */
export const deadline: ModelRule = {
  name: 'deadline',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      const days = text(element.deadline)?.trim();
      const counted = text(element.deadlineDays)?.trim();
      if (days === undefined && counted === undefined) continue;
      if (element.$type !== 'bpmn:UserTask') {
        report(element, `${describe(element)} has a deadline (loket:deadline), which only a user task can have`, { code: 'deadline-not-on-user-task' });
        continue;
      }
      if (!days) report(element, `${describe(element)} says how its deadline counts days (loket:deadlineDays) but not how many (loket:deadline)`, { code: 'deadline-without-days' });
      else if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > MAX_DAYS) {
        report(element, `the deadline of ${describe(element)} must be a whole number of days from 1 to ${MAX_DAYS}, not "${days}"`, { code: 'deadline-days-invalid', params: { days, max: String(MAX_DAYS) } });
      }
      if (counted && !(DEADLINE_DAYS as readonly string[]).includes(counted)) {
        report(element, `the deadline of ${describe(element)} counts ${DEADLINE_DAYS.map((d) => `"${d}"`).join(' or ')} days, not "${counted}"`, { code: 'deadline-counting-invalid', params: { counted } });
      }
    }
  },
};
