import { FeelError } from '../expressions/feel.js';
import type { EventDefinition, FlowElement } from '../model/types.js';
import type { Execution } from '../runtime/execution.js';
import type { Token } from '../runtime/types.js';

/**
 * Asks the outside world to broadcast a signal after this step, with the throwing event's own (input-mapped)
 * variables, as Zeebe does. False when the name could not be worked out (an incident is raised).
 */
export function throwSignal(run: Execution, element: FlowElement, token: Token, event: Extract<EventDefinition, { type: 'signal' }>): boolean {
  const source = event.signalName;
  const name = source.kind === 'literal' ? source.value : run.evaluate(token, source.expression, 'the signal name');
  if (name instanceof FeelError || typeof name !== 'string' || name.trim() === '') {
    const message = name instanceof FeelError ? name.message : `the signal name of ${element.id} is ${JSON.stringify(name)}, not a text`;
    run.raiseIncident(token, message, 'activate');
    return false;
  }
  const variables = token.scopeId ? { ...run.state.scopes[token.scopeId]!.variables } : {};
  run.effects.push({ type: 'signal-thrown', name, variables });
  run.history('signal-thrown', element, { data: { name } });
  return true;
}
