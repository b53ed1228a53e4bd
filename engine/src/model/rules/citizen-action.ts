import { eventTypeOf } from '../element-kinds.js';
import { text, type ModdleElement } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/** A step that waits for a message: a catching message event or a receive task. The modeler asks it too. */
export function waitsForMessage(element: ModdleElement): boolean {
  if (element.$type === 'bpmn:ReceiveTask') return true;
  if (element.$type !== 'bpmn:IntermediateCatchEvent' && element.$type !== 'bpmn:BoundaryEvent') return false;
  const event = eventTypeOf(element);
  return 'type' in event && event.type === 'message';
}

/**
 * A citizen's action (loket:citizenAction) delivers a message to her case from the status page, so it belongs
 * on a step that waits for one; elsewhere the button would do nothing.
 */
export const citizenAction: ModelRule = {
  name: 'citizen-action',
  check({ flowElements, report }) {
    for (const element of flowElements) {
      const words = text(element.citizenAction);
      if (words === undefined) continue;
      if (!waitsForMessage(element)) {
        report(element, `${describe(element)} has a citizen's action (loket:citizenAction), but only a step that waits for a message can offer one`, { code: 'citizen-action-not-waiting' });
      } else if (words.trim() === '') report(element, `the citizen's action of ${describe(element)} needs the words of its button`, { code: 'citizen-action-empty' });
      else if (words.trim().length > 80) report(element, `the citizen's action of ${describe(element)} is a button: keep its words under 80 characters`, { code: 'citizen-action-too-long' });
    }
  },
};
