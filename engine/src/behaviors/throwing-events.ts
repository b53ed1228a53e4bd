import type { EndEventElement, IntermediateThrowEventElement } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import { throwEscalation } from '../runtime/throw.js';
import type { Token } from '../runtime/types.js';
import { openJob } from './jobs.js';
import { throwSignal } from './signals.js';

/**
 * What end and intermediate throw events share: an escalation (the event goes on unless an interrupting
 * catch ended its scope), a signal, a message (handed to a job worker), or nothing to throw. False when
 * the event type is not one of these, for the caller to handle.
 */
export function throwAlong(run: Execution, element: EndEventElement | IntermediateThrowEventElement, token: Token): boolean {
  const { event } = element;
  switch (event.type) {
    case 'escalation':
      run.wait(token);
      throwEscalation(run, token, event.escalationCode!);
      if (run.isAlive(token)) run.leave(token);
      return true;
    case 'signal':
      if (throwSignal(run, element, token, event)) run.leave(token);
      return true;
    case 'message':
      openJob(run, element, token, element.job!);
      return true;
    case 'none':
      run.leave(token);
      return true;
    default:
      return false;
  }
}
