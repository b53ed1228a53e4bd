import { extension, list, text, type ModdleElement } from '../parse.js';
import { describe, type ModelRule, type RuleContext } from './rule.js';

const JOB_TASKS = new Set(['bpmn:ServiceTask', 'bpmn:SendTask']);

/** The zeebe: settings an activity kind cannot run without. */
export const taskSettings: ModelRule = {
  name: 'task-settings',
  check({ flowElements, incoming, outgoing, report }) {
    for (const element of flowElements) {
      const job = extension(element, 'zeebe:TaskDefinition');
      if (job && !text(job.type)?.trim()) report(element, `${describe(element)} has a job definition without a job type`, { code: 'job-without-type' });
      if (JOB_TASKS.has(element.$type) && !job) {
        report(element, `${describe(element)} needs a job type (zeebe:taskDefinition type) for the worker that does it, e.g. loket:mail`, { code: 'job-type-missing' });
      }
      if (element.$type === 'bpmn:ScriptTask' && !job) checkScript(element, report);
      if (element.$type === 'bpmn:BusinessRuleTask' && !job) checkDecision(element, report);
      if (element.$type === 'bpmn:CallActivity' && !text(extension(element, 'zeebe:CalledElement')?.processId)?.trim()) {
        report(element, `${describe(element)} does not say which process to call (zeebe:calledElement processId)`, { code: 'call-without-process' });
      }
      if (element.$type === 'bpmn:SubProcess' && element.triggeredByEvent === true && incoming(element).length + outgoing(element).length > 0) {
        report(element, `${describe(element)} is an event subprocess and cannot have sequence flows`, { code: 'event-subprocess-with-flows' });
      }
      checkMultiInstance(element, report);
      const io = extension(element, 'zeebe:IoMapping');
      for (const parameter of [...list(io?.inputParameters), ...list(io?.outputParameters)]) {
        if (!text(parameter.target)) report(element, `${describe(element)} has a variable mapping without a target name`, { code: 'mapping-without-target' });
      }
      const form = extension(element, 'zeebe:FormDefinition');
      if (form && !text(form.formId)) {
        report(element, `${describe(element)} refers to a form without a form id; embedded forms (formKey) are not supported, link a deployed form by its id`, { code: 'form-without-id' });
      }
      if (extension(element, 'zeebe:UserTaskForm')) {
        report(element, `${describe(element)} has an embedded form (zeebe:userTaskForm); deploy the form as a .form.json file and link it by its id`, { code: 'embedded-form' });
      }
    }
  },
};

function checkScript(element: ModdleElement, report: RuleContext['report']): void {
  const script = extension(element, 'zeebe:Script');
  if (!script) report(element, `${describe(element)} needs a FEEL script (zeebe:script) or a job type (zeebe:taskDefinition)`, { code: 'script-missing' });
  else if (!text(script.resultVariable)) report(element, `${describe(element)} needs a result variable for its script`, { code: 'script-without-result' });
  else if (!text(script.expression)) report(element, `${describe(element)} has an empty script`, { code: 'script-empty' });
}

function checkDecision(element: ModdleElement, report: RuleContext['report']): void {
  const decision = extension(element, 'zeebe:CalledDecision');
  if (!decision) {
    report(element, `${describe(element)} needs a called decision (zeebe:calledDecision) or a job type (zeebe:taskDefinition)`, { code: 'decision-missing' });
    return;
  }
  if (!text(decision.decisionId)) report(element, `${describe(element)} does not say which decision to call`, { code: 'decision-without-id' });
  if (!text(decision.resultVariable)) report(element, `${describe(element)} needs a result variable for its decision`, { code: 'decision-without-result' });
}

function checkMultiInstance(element: ModdleElement, report: RuleContext['report']): void {
  const loop = element.loopCharacteristics as ModdleElement | undefined;
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return;
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  if (!text(zeebe?.inputCollection)?.trim()) {
    report(element, `${describe(element)} is multi-instance but has no input collection (zeebe:loopCharacteristics inputCollection)`, { code: 'multi-instance-without-collection' });
  }
  if (text(zeebe?.outputCollection) && !text(zeebe?.outputElement)) {
    report(element, `${describe(element)} has an output collection but no output element to fill it with`, { code: 'output-collection-without-element' });
  }
}
