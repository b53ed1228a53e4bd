import { text } from '../parse.js';
import { describe, type ModelRule } from './rule.js';

/**
 * A step's notification (loket:notification) names a deployed Handlebars template (`*.hbs`) and has a subject
 * line (loket:notificationSubject); the one without the other is a slip.
 */
export const notification: ModelRule = {
  name: 'notification',
  check({ flowElements, deployed, report }) {
    for (const element of flowElements) {
      const template = text(element.notification)?.trim();
      const subject = text(element.notificationSubject)?.trim();
      if (!template && !subject) continue;
      if (!template) {
        report(element, `${describe(element)} has a notification subject (loket:notificationSubject) but no template (loket:notification)`, { code: 'notification-without-template' });
        continue;
      }
      if (!template.endsWith('.hbs')) report(element, `the notification template of ${describe(element)} must be the name of a *.hbs resource, not "${template}"`, { code: 'notification-template-not-hbs', params: { template } });
      else if (deployed.hasTemplate && !deployed.hasTemplate(template)) {
        report(element, `the notification template "${template}" of ${describe(element)} is neither deployed nor in this deployment`, { code: 'notification-template-missing', params: { template } });
      }
      if (!subject) report(element, `the notification of ${describe(element)} needs a subject line (loket:notificationSubject)`, { code: 'notification-without-subject' });
    }
  },
};
