import { expressionProblem, isExpression, stripEquals } from '../../expressions/feel.js';
import { timerOf } from '../build-element.js';
import { DECISION_DATE_PROPERTY, extension, list, text, zeebeProperty, type ModdleElement } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** Where in an element a FEEL expression is, as the English message says it; `{target}` is a mapping's variable. */
export const FEEL_PLACES = {
  'message-name': 'the message name',
  'correlation-key': 'the correlation key',
  condition: 'the condition',
  script: 'the script',
  'input-mapping': 'the input mapping to "{target}"',
  'output-mapping': 'the output mapping to "{target}"',
  candidateGroups: 'candidateGroups',
  candidateUsers: 'candidateUsers',
  assignee: 'assignee',
  'due-date': 'the due date',
  'decision-id': 'the decision id',
  'decision-date': `the decision date (${DECISION_DATE_PROPERTY})`,
  'job-type': 'the job type',
  'job-retries': 'the job retries',
  'called-process': 'the called process id',
  timer: 'the timer',
  'signal-name': 'the signal name',
  'input-collection': 'the input collection',
  'output-element': 'the output element',
  'completion-condition': 'the completion condition',
} as const;
type FeelPlace = keyof typeof FEEL_PLACES;

const FEEL_PROBLEMS = { empty: { code: 'feel-empty' }, 'too-long': { code: 'feel-too-long' }, syntax: { code: 'feel-syntax' } } as const;

/** Every FEEL expression in the model must parse, so a model that deploys does not fail on a typo later. */
export const feelSyntax: ModelRule = {
  name: 'feel-syntax',
  check({ flowElements, report }) {
    /** `place` names where the expression is (see FEEL_PLACES), `target` the variable a mapping fills. */
    const checkFeel = (element: ModdleElement, place: FeelPlace, source: string | undefined, required: boolean, target?: string) => {
      if (source === undefined) return;
      const where = FEEL_PLACES[place].replace('{target}', target ?? '');
      const params = { place, ...(target === undefined ? {} : { target }) };
      if (!isExpression(source)) {
        if (required) report(element, `${where} of ${describe(element)} must be a FEEL expression starting with "="`, { code: 'feel-not-expression', params });
        return;
      }
      const expression = stripEquals(source);
      const problem = expressionProblem(expression);
      if (problem) {
        const particulars = { ...params, expression, ...(problem.position === undefined ? {} : { position: String(problem.position) }) };
        report(element, `${where} of ${describe(element)}: ${problem.message}`, { code: FEEL_PROBLEMS[problem.kind].code, params: particulars });
      }
    };
    const checkMessage = (element: ModdleElement, message: ModdleElement) => {
      checkFeel(element, 'message-name', text(message.name), false);
      const subscription = extension(message, 'zeebe:Subscription') ?? extension(element, 'zeebe:Subscription');
      checkFeel(element, 'correlation-key', asExpression(text(subscription?.correlationKey)), true);
    };
    for (const element of flowElements) {
      const condition = element.conditionExpression as ModdleElement | undefined;
      if (condition) checkFeel(element, 'condition', text(condition.body) ?? '', true);

      const script = extension(element, 'zeebe:Script');
      if (script) checkFeel(element, 'script', text(script.expression), true);

      const io = extension(element, 'zeebe:IoMapping');
      for (const [label, parameters] of [
        ['input-mapping', io?.inputParameters],
        ['output-mapping', io?.outputParameters],
      ] as const) {
        for (const parameter of list(parameters)) {
          checkFeel(element, label, asExpression(text(parameter.source)), true, text(parameter.target) ?? '');
        }
      }

      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      for (const attribute of ['candidateGroups', 'candidateUsers', 'assignee'] as const) {
        if (assignment) checkFeel(element, attribute, text(assignment[attribute]), false);
      }
      const schedule = extension(element, 'zeebe:TaskSchedule');
      if (schedule) checkFeel(element, 'due-date', text(schedule.dueDate), false);

      const decision = extension(element, 'zeebe:CalledDecision');
      if (decision) checkFeel(element, 'decision-id', text(decision.decisionId), false);
      checkFeel(element, 'decision-date', zeebeProperty(element, DECISION_DATE_PROPERTY), false);

      const job = extension(element, 'zeebe:TaskDefinition');
      if (job) {
        checkFeel(element, 'job-type', text(job.type), false);
        checkFeel(element, 'job-retries', text(job.retries), false);
      }
      const called = extension(element, 'zeebe:CalledElement');
      if (called) checkFeel(element, 'called-process', text(called.processId), false);

      for (const definition of list(element.eventDefinitions)) {
        const timer = timerOf(definition);
        if (timer) checkFeel(element, 'timer', text(timer[1].body)?.trim(), false);
        const message = definition.messageRef as ModdleElement | undefined;
        if (message) checkMessage(element, message);
        const signal = definition.signalRef as ModdleElement | undefined;
        if (signal) checkFeel(element, 'signal-name', text(signal.name), false);
      }
      const received = element.messageRef as ModdleElement | undefined;
      if (received) checkMessage(element, received);

      const loop = element.loopCharacteristics as ModdleElement | undefined;
      const multi = loop && extension(loop, 'zeebe:LoopCharacteristics');
      if (multi) {
        checkFeel(element, 'input-collection', asExpression(text(multi.inputCollection)), true);
        checkFeel(element, 'output-element', asExpression(text(multi.outputElement)), true);
      }
      const completion = loop?.completionCondition as ModdleElement | undefined;
      if (completion) checkFeel(element, 'completion-condition', asExpression(text(completion.body)), true);
    }
  },
};

/** Camunda writes some expressions with and some without '='; both mean FEEL. */
function asExpression(source: string | undefined): string | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  return isExpression(source) ? source : `=${source}`;
}
