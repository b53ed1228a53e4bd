import { extension } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** zeebe: settings that change how an element runs; Loket refuses them until it honours them. */
const UNSUPPORTED: readonly { type: string; what: string; code: string }[] = [
  { type: 'zeebe:ExecutionListeners', what: 'execution listeners', code: 'execution-listeners-unsupported' },
  { type: 'zeebe:TaskListeners', what: 'task listeners', code: 'task-listeners-unsupported' },
];

export const unsupportedExtensions: ModelRule = {
  name: 'unsupported-extensions',
  check({ process, flowElements, report }) {
    for (const element of [process, ...flowElements]) {
      for (const { type, what, code } of UNSUPPORTED) {
        if (extension(element, type)) report(element, `${describe(element)} has ${what}, which Loket cannot execute yet`, { code });
      }
    }
  },
};
