import { kindOf, PASSIVE_TYPES } from '../element-kinds.js';
import { describe, type ModelRule } from './rule.js';

/** Anything Loket cannot execute yet is refused by name, never silently skipped. */
export const supportedElements: ModelRule = {
  name: 'supported-elements',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      if (PASSIVE_TYPES.has(element.$type)) continue;
      if (!kindOf(element.$type)) {
        report(element, `${describe(element)} is an element kind Loket cannot execute yet`);
        continue;
      }
      const definitions = element.eventDefinitions as { $type: string }[] | undefined;
      if (definitions && definitions.length > 0) {
        const kinds = definitions.map((d) => d.$type.replace(/^bpmn:/, '')).join(', ');
        report(element, `${describe(element)} has a ${kinds}, which Loket cannot execute yet`);
      }
      if (element.loopCharacteristics) {
        report(element, `${describe(element)} is a loop or multi-instance activity, which Loket cannot execute yet`);
      }
    }
  },
};
