import { extension, list, text } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** The zeebe: settings a task kind cannot run without. */
export const taskSettings: ModelRule = {
  name: 'task-settings',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      if (element.$type === 'bpmn:ScriptTask') {
        const script = extension(element, 'zeebe:Script');
        if (!script) {
          report(element, `${describe(element)} needs a FEEL script (zeebe:script); script tasks run by job workers are not supported yet`);
        } else if (!text(script.resultVariable)) {
          report(element, `${describe(element)} needs a result variable for its script`);
        } else if (!text(script.expression)) {
          report(element, `${describe(element)} has an empty script`);
        }
      }
      if (element.$type === 'bpmn:BusinessRuleTask') {
        const decision = extension(element, 'zeebe:CalledDecision');
        if (!decision) {
          report(element, `${describe(element)} needs a called decision (zeebe:calledDecision); business rule tasks run by job workers are not supported yet`);
        } else {
          if (!text(decision.decisionId)) report(element, `${describe(element)} does not say which decision to call`);
          if (!text(decision.resultVariable)) report(element, `${describe(element)} needs a result variable for its decision`);
        }
      }
      const io = extension(element, 'zeebe:IoMapping');
      for (const parameter of [...list(io?.inputParameters), ...list(io?.outputParameters)]) {
        if (!text(parameter.target)) report(element, `${describe(element)} has a variable mapping without a target name`);
      }
      const form = extension(element, 'zeebe:FormDefinition');
      if (form && !text(form.formId)) {
        report(element, `${describe(element)} refers to a form without a form id; embedded forms (formKey) are not supported, link a deployed form by its id`);
      }
      if (extension(element, 'zeebe:UserTaskForm')) {
        report(element, `${describe(element)} has an embedded form (zeebe:userTaskForm); deploy the form as a .form.json file and link it by its id`);
      }
    }
  },
};
