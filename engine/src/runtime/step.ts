import type { Variables } from '../expressions/feel.js';
import type { ProcessModel } from '../model/types.js';
import { behaviorOf, Execution } from './execution.js';
import { CommandRejected, type Command, type InstanceState, type StepContext, type StepResult } from './types.js';

/**
 * The engine's one entry point: applies a command to an instance and carries it to its next wait state.
 * Pure: the given state is never changed; the new state and the effects for the outside world come back.
 */
export function step(model: ProcessModel, current: InstanceState | null, command: Command, context: StepContext): StepResult {
  if (command.type === 'start') {
    if (current) throw new CommandRejected('conflict', `instance ${current.id} has already started`);
    return finish(start(model, command, context));
  }
  if (!current) throw new CommandRejected('not-found', 'the instance does not exist');
  if (current.status === 'completed' || current.status === 'terminated') {
    throw new CommandRejected('conflict', `the case is ${current.status}`);
  }
  const run = new Execution(model, structuredClone(current), context);
  switch (command.type) {
    case 'complete-task':
      completeTask(run, command.taskId, command.variables ?? {}, command.user);
      break;
    case 'set-variables':
      Object.assign(run.state.scopes[run.state.id]!.variables, command.variables);
      run.history('variables-updated', null, { ...(command.user ? { user: command.user } : {}), data: { names: Object.keys(command.variables) } });
      break;
    case 'resolve-incident': {
      const incident = run.state.incidents.find((candidate) => candidate.id === command.incidentId);
      if (!incident) throw new CommandRejected('not-found', `incident ${command.incidentId} is not open on this case`);
      run.retryIncident(incident, command.user);
      break;
    }
    case 'cancel':
      for (const token of [...run.state.tokens]) run.terminate(token);
      run.state.incidents = [];
      run.state.status = 'terminated';
      run.history('instance-terminated', null, command.user ? { user: command.user } : {});
      return { state: run.state, effects: run.effects };
  }
  return finish(run);
}

function start(model: ProcessModel, command: Extract<Command, { type: 'start' }>, context: StepContext): Execution {
  const startEventId = command.startEventId ?? model.startEventIds[0];
  if (!startEventId || !model.startEventIds.includes(startEventId)) {
    throw new CommandRejected('invalid', `process ${model.key} has no start event ${command.startEventId ?? ''}`.trim());
  }
  const state: InstanceState = {
    id: command.instanceId,
    processKey: model.key,
    status: 'active',
    seq: 0,
    scopes: { [command.instanceId]: { id: command.instanceId, parentId: null, variables: structuredClone(command.variables ?? {}) } },
    tokens: [],
    incidents: [],
  };
  const run = new Execution(model, state, context);
  run.history('instance-started', null);
  run.schedule({ elementId: startEventId, parentScopeId: state.id });
  return run;
}

function completeTask(run: Execution, taskId: string, variables: Variables, user: string | undefined): void {
  const token = run.state.tokens.find((candidate) => candidate.id === taskId);
  if (!token || token.state !== 'waiting') throw new CommandRejected('conflict', `task ${taskId} is not open`);
  const element = run.element(token.elementId);
  const behavior = behaviorOf(element);
  if (!behavior.complete) throw new CommandRejected('conflict', `${element.id} is not a task that can be completed`);
  behavior.complete(run, element, token, variables, user);
}

/** Runs the agenda and settles the instance's status. */
function finish(run: Execution): StepResult {
  run.run();
  const { state } = run;
  if (state.incidents.length > 0) state.status = 'incident';
  else if (state.tokens.length === 0) {
    state.status = 'completed';
    run.history('instance-completed', null);
  } else state.status = 'active';
  return { state, effects: run.effects };
}
