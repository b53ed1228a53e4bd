import { checkExpression, isExpression, stripEquals } from '../../expressions/feel.js';
import { extension, list, text, type ModdleElement } from '../parse.js';
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
          checkFeel(element, `the ${label} to "${text(parameter.target) ?? ''}"`, text(parameter.source), false);
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
    }
  },
};
