import { isExpression } from '../../expressions/feel.js';
import { extension, text } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** Decisions and forms a model names must be deployed already or come in the same deployment. */
export const references: ModelRule = {
  name: 'references',
  check({ flowElements, deployed, report }) {
    for (const element of flowElements) {
      const decisionId = text(extension(element, 'zeebe:CalledDecision')?.decisionId);
      if (decisionId && !isExpression(decisionId) && !deployed.hasDecision(decisionId)) {
        report(element, `${describe(element)} calls decision "${decisionId}", which is not deployed`, { code: 'decision-not-deployed', params: { decision: decisionId } });
      }
      const formId = text(extension(element, 'zeebe:FormDefinition')?.formId);
      if (formId && !deployed.hasForm(formId)) {
        report(element, `${describe(element)} uses form "${formId}", which is not deployed`, { code: 'form-not-deployed', params: { form: formId } });
      }
    }
  },
};
