import type { Variables } from '../expressions/feel.js';
import type { ElementKind, ProcessModel } from '../model/types.js';
import { behaviorOf, Execution } from './execution.js';
import { closeSubscriptions, trigger } from './subscriptions.js';
import { throwError } from './throw.js';
import { CommandRejected, type Command, type InstanceState, type StepContext, type StepResult, type Token } from './types.js';

/** Elements whose waiting instance is a job for a worker. */
const JOB_KINDS: ReadonlySet<ElementKind> = new Set(['serviceTask', 'sendTask', 'scriptTask', 'businessRuleTask', 'intermediateThrowEvent', 'endEvent']);

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
  run.state.subscriptions ??= [];
  switch (command.type) {
    case 'complete-task': {
      const token = waitingToken(run, command.taskId, `task ${command.taskId} is not open`);
      if (run.element(token.elementId).kind !== 'userTask') throw new CommandRejected('conflict', `${token.elementId} is not a user task`);
      complete(run, token, command.variables ?? {}, command.user);
      break;
    }
    case 'complete-job':
      complete(run, jobToken(run, command.jobId), command.variables ?? {}, undefined);
      break;
    case 'fail-job': {
      const token = jobToken(run, command.jobId);
      run.history('job-failed', run.element(token.elementId), { data: { jobId: token.id, message: command.message } });
      run.effects.push({ type: 'job-closed', jobId: token.id });
      run.raiseIncident(token, `the job of ${token.elementId} failed and has no retries left: ${command.message}`, 'activate');
      break;
    }
    case 'throw-error': {
      const token = jobToken(run, command.jobId);
      throwError(run, token, command.errorCode, command.message, command.variables);
      // A catch terminated the element, which closed its job; an uncaught error leaves the element with an incident.
      if (run.isAlive(token)) run.effects.push({ type: 'job-closed', jobId: token.id });
      break;
    }
    case 'trigger':
      trigger(run, command.subscriptionId, command.variables ?? {});
      break;
    case 'child-completed':
      complete(run, childCaller(run, command.tokenId), command.variables, undefined);
      break;
    case 'child-error': {
      const token = childCaller(run, command.tokenId);
      // The child has ended: no longer waiting for it, so a catch that ends the call activity cancels no child.
      token.state = 'incident';
      throwError(run, token, command.errorCode, command.message);
      break;
    }
    case 'child-terminated':
      run.raiseIncident(childCaller(run, command.tokenId), 'the case this call activity started was ended before it completed', 'activate');
      break;
    case 'child-failed':
      run.raiseIncident(childCaller(run, command.tokenId), command.message, 'activate');
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
      for (const token of run.children(run.state.id)) run.terminate(token);
      closeSubscriptions(run, () => true);
      run.state.incidents = [];
      run.state.status = 'terminated';
      run.history('instance-terminated', null, command.user ? { user: command.user } : {});
      if (run.state.parent && !command.byParent) {
        run.effects.push({ type: 'parent-notified', parent: run.state.parent, outcome: { type: 'terminated' } });
      }
      return { state: run.state, effects: run.effects };
  }
  return finish(run);
}

function start(model: ProcessModel, command: Extract<Command, { type: 'start' }>, context: StepContext): Execution {
  const startEventId = command.startEventId ?? noneStartEventId(model);
  if (!startEventId || !model.startEventIds.includes(startEventId)) {
    throw new CommandRejected('invalid', `process ${model.key} has no start event ${command.startEventId ?? 'without a trigger'}`.trim());
  }
  const state: InstanceState = {
    id: command.instanceId,
    processKey: model.key,
    status: 'active',
    seq: 0,
    scopes: { [command.instanceId]: { id: command.instanceId, parentId: null, variables: structuredClone(command.variables ?? {}) } },
    tokens: [],
    subscriptions: [],
    incidents: [],
    ...(command.parent ? { parent: command.parent } : {}),
    startedAt: context.now,
  };
  const run = new Execution(model, state, context);
  run.history('instance-started', null);
  run.schedule({ elementId: startEventId, parentScopeId: state.id });
  return run;
}

/** A plain start goes through the start event without a trigger; a process with only triggered starts has none. */
function noneStartEventId(model: ProcessModel): string | undefined {
  return model.startEventIds.find((id) => {
    const element = model.elements.get(id);
    return element?.kind === 'startEvent' && element.event.type === 'none';
  });
}

function waitingToken(run: Execution, tokenId: string, notOpen: string): Token {
  const token = run.token(tokenId);
  // A multi-instance body waits for its inner instances, never for a command of its own.
  if (!token || token.state !== 'waiting' || token.body) throw new CommandRejected('conflict', notOpen);
  return token;
}

function jobToken(run: Execution, jobId: string): Token {
  const token = waitingToken(run, jobId, `job ${jobId} is no longer open`);
  if (!JOB_KINDS.has(run.element(token.elementId).kind)) throw new CommandRejected('conflict', `${token.elementId} does not wait for a job`);
  return token;
}

function childCaller(run: Execution, tokenId: string): Token {
  const token = waitingToken(run, tokenId, `the call activity ${tokenId} no longer waits for its case`);
  if (run.element(token.elementId).kind !== 'callActivity') throw new CommandRejected('conflict', `${token.elementId} is not a call activity`);
  return token;
}

function complete(run: Execution, token: Token, variables: Variables, user: string | undefined): void {
  const element = run.element(token.elementId);
  const behavior = behaviorOf(element);
  if (!behavior.complete) throw new CommandRejected('conflict', `${element.id} cannot be completed from outside`);
  behavior.complete(run, element, token, variables, user);
}

/** Runs the agenda and settles the instance's status. */
function finish(run: Execution): StepResult {
  run.run();
  const { state } = run;
  if (state.status !== 'completed' && state.status !== 'terminated') state.status = state.incidents.length > 0 ? 'incident' : 'active';
  return { state, effects: run.effects };
}
