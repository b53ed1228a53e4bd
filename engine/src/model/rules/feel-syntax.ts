import { checkExpression, isExpression, stripEquals } from '../../expressions/feel.js';
import { timerOf } from '../build-element.js';
import { DECISION_DATE_PROPERTY, extension, list, text, zeebeProperty, type ModdleElement } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** Every FEEL expression in the model must parse, so a model that deploys does not fail on a typo later. */
export const feelSyntax: ModelRule = {
  name: 'feel-syntax',
  check({ flowElements, report }) {
    const checkFeel = (element: ModdleElement, where: string, source: string | undefined, required: boolean) => {
      if (source === undefined) return;
      if (!isExpression(source)) {
        if (required) report(element, `${where} of ${describe(element)} must be a FEEL expression starting with "="`);
        return;
      }
      const problem = checkExpression(stripEquals(source));
      if (problem) report(element, `${where} of ${describe(element)}: ${problem}`);
    };
    const checkMessage = (element: ModdleElement, message: ModdleElement) => {
      checkFeel(element, 'the message name', text(message.name), false);
      const subscription = extension(message, 'zeebe:Subscription') ?? extension(element, 'zeebe:Subscription');
      checkFeel(element, 'the correlation key', asExpression(text(subscription?.correlationKey)), true);
    };
    for (const element of flowElements) {
      const condition = element.conditionExpression as ModdleElement | undefined;
      if (condition) checkFeel(element, 'the condition', text(condition.body) ?? '', true);

      const script = extension(element, 'zeebe:Script');
      if (script) checkFeel(element, 'the script', text(script.expression), true);

      const io = extension(element, 'zeebe:IoMapping');
      for (const [label, parameters] of [
        ['input mapping', io?.inputParameters],
        ['output mapping', io?.outputParameters],
      ] as const) {
        for (const parameter of list(parameters)) {
          checkFeel(element, `the ${label} to "${text(parameter.target) ?? ''}"`, asExpression(text(parameter.source)), true);
        }
      }

      const assignment = extension(element, 'zeebe:AssignmentDefinition');
      for (const attribute of ['candidateGroups', 'candidateUsers', 'assignee'] as const) {
        if (assignment) checkFeel(element, attribute, text(assignment[attribute]), false);
      }
      const schedule = extension(element, 'zeebe:TaskSchedule');
      if (schedule) checkFeel(element, 'the due date', text(schedule.dueDate), false);

      const decision = extension(element, 'zeebe:CalledDecision');
      if (decision) checkFeel(element, 'the decision id', text(decision.decisionId), false);
      checkFeel(element, `the decision date (${DECISION_DATE_PROPERTY})`, zeebeProperty(element, DECISION_DATE_PROPERTY), false);

      const job = extension(element, 'zeebe:TaskDefinition');
      if (job) {
        checkFeel(element, 'the job type', text(job.type), false);
        checkFeel(element, 'the job retries', text(job.retries), false);
      }
      const called = extension(element, 'zeebe:CalledElement');
      if (called) checkFeel(element, 'the called process id', text(called.processId), false);

      for (const definition of list(element.eventDefinitions)) {
        const timer = timerOf(definition);
        if (timer) checkFeel(element, 'the timer', text(timer[1].body)?.trim(), false);
        const message = definition.messageRef as ModdleElement | undefined;
        if (message) checkMessage(element, message);
        const signal = definition.signalRef as ModdleElement | undefined;
        if (signal) checkFeel(element, 'the signal name', text(signal.name), false);
      }
      const received = element.messageRef as ModdleElement | undefined;
      if (received) checkMessage(element, received);

      const loop = element.loopCharacteristics as ModdleElement | undefined;
      const multi = loop && extension(loop, 'zeebe:LoopCharacteristics');
      if (multi) {
        checkFeel(element, 'the input collection', asExpression(text(multi.inputCollection)), true);
        checkFeel(element, 'the output element', asExpression(text(multi.outputElement)), true);
      }
      const completion = loop?.completionCondition as ModdleElement | undefined;
      if (completion) checkFeel(element, 'the completion condition', asExpression(text(completion.body)), true);
    }
  },
};

/** Camunda writes some expressions with and some without '='; both mean FEEL. */
function asExpression(source: string | undefined): string | undefined {
  if (source === undefined || source.trim() === '') return undefined;
  return isExpression(source) ? source : `=${source}`;
}
