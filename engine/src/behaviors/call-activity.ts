import { FeelError, type Variables } from '../expressions/feel.js';
import type { Behavior } from './behavior.js';

/**
 * Starts another deployed process as a child case and waits for it. The child gets all variables the call
 * activity sees (or only its input mappings), and gives back all of its own (or only what the output mappings take).
 */
export const callActivityBehavior: Behavior<'callActivity'> = {
  activate(run, element, token) {
    const source = element.processId;
    const processId = source.kind === 'literal' ? source.value : run.evaluate(token, source.expression, 'the called process id');
    if (processId instanceof FeelError) return run.raiseIncident(token, processId.message, 'activate');
    if (typeof processId !== 'string' || processId.trim() === '') {
      return run.raiseIncident(token, `the called process id of ${element.id} is ${JSON.stringify(processId)}, not a text`, 'activate');
    }
    // A copy: the effect must not change when this case's variables change later in the step.
    const variables: Variables = structuredClone(
      element.propagateAllParentVariables ? run.variables(token) : token.scopeId ? run.state.scopes[token.scopeId]!.variables : {},
    );
    run.wait(token);
    run.effects.push({ type: 'child-requested', tokenId: token.id, processId, variables });
  },
  complete(run, element, token, variables) {
    if (element.propagateAllChildVariables || element.outputs.length > 0) run.setVariables(token, variables);
    run.leave(token);
  },
  terminate(run, _element, token) {
    // A multi-instance body started no case itself: its inner instances did.
    if (token.state === 'waiting' && !token.body) run.effects.push({ type: 'child-cancelled', tokenId: token.id });
  },
};
