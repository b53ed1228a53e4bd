import { isSelectEntryEdited, isTextFieldEntryEdited, SelectEntry, TextFieldEntry } from '@bpmn-io/properties-panel';
import { h } from '@bpmn-io/properties-panel/preact';
import { useService } from 'bpmn-js-properties-panel';
import { getBusinessObject, is } from 'bpmn-js/lib/util/ModelUtil';
import { waitsForMessage } from '../../engine/src/index.js';
import type { ModelerTexts } from './texts.js';

/** What the modeler page tells the provider: the departments that exist, and its texts. */
export interface LoketPanelConfig {
  departments: string[];
  texts: ModelerTexts;
}

type DiagramElement = { id: string; businessObject: { get(name: string): unknown } };
type EntryProps = { element: DiagramElement; id: string };
type Group = { id: string; label: string; entries: { id: string; component: unknown; isEdited: unknown }[] };

/** Sets one loket: attribute; empty text removes it, so an unset field leaves no trace in the XML. */
function useAttribute(element: DiagramElement, name: string) {
  const modeling = useService('modeling');
  return {
    getValue: () => (getBusinessObject(element).get(name) as string | undefined) ?? '',
    setValue: (value: string) => modeling.updateProperties(element, { [name]: value?.trim() ? value : undefined }),
  };
}

function DepartmentEntry({ element, id }: EntryProps) {
  const config = useService<LoketPanelConfig>('config.loket');
  const { getValue, setValue } = useAttribute(element, 'loket:department');
  const getOptions = () => {
    const current = getValue();
    const names = config.departments.includes(current) || current === '' ? config.departments : [current, ...config.departments];
    return [{ value: '', label: config.texts.departmentNone }, ...names.map((name) => ({ value: name, label: name }))];
  };
  return h(SelectEntry, { element, id, label: config.texts.department, description: config.texts.departmentHelp, getValue, setValue, getOptions });
}

type TextKey = { [K in keyof ModelerTexts]: ModelerTexts[K] extends string ? K : never }[keyof ModelerTexts];

/** A text field for one loket: attribute, labelled and explained from the modeler's texts. */
function textEntry(attribute: string, label: TextKey, help: TextKey) {
  return function TextEntry({ element, id }: EntryProps) {
    const config = useService<LoketPanelConfig>('config.loket');
    const debounce = useService('debounceInput');
    const { getValue, setValue } = useAttribute(element, attribute);
    return h(TextFieldEntry, { element, id, label: config.texts[label], description: config.texts[help], getValue, setValue, debounce });
  };
}

const PublicLabelEntry = textEntry('loket:publicLabel', 'publicLabel', 'publicLabelHelp');
const NotificationEntry = textEntry('loket:notification', 'notification', 'notificationHelp');
const NotificationSubjectEntry = textEntry('loket:notificationSubject', 'notificationSubject', 'notificationSubjectHelp');
const DeadlineEntry = textEntry('loket:deadline', 'deadline', 'deadlineHelp');
const CitizenActionEntry = textEntry('loket:citizenAction', 'citizenAction', 'citizenActionHelp');

function DeadlineDaysEntry({ element, id }: EntryProps) {
  const config = useService<LoketPanelConfig>('config.loket');
  const { getValue, setValue } = useAttribute(element, 'loket:deadlineDays');
  const getOptions = () => [
    { value: '', label: config.texts.deadlineCalendar },
    { value: 'working', label: config.texts.deadlineWorking },
  ];
  return h(SelectEntry, { element, id, label: config.texts.deadlineDays, getValue, setValue, getOptions });
}

/**
 * Loket's own properties (the `loket:` moddle extension) as a group of the properties panel: the
 * department of a lane, the citizen-facing label and the notification of a step, the citizen's button on a
 * step that waits for a message, and the deadline of a user task.
 */
export function LoketPropertiesProvider(this: { getGroups(element: DiagramElement): (groups: Group[]) => Group[] }, propertiesPanel: any, config: LoketPanelConfig) {
  this.getGroups = (element) => (groups) => {
    const entries: Group['entries'] = [];
    if (is(element, 'bpmn:Lane')) entries.push({ id: 'loket-department', component: DepartmentEntry, isEdited: isSelectEntryEdited });
    if (is(element, 'bpmn:FlowNode')) {
      entries.push({ id: 'loket-public-label', component: PublicLabelEntry, isEdited: isTextFieldEntryEdited });
      entries.push({ id: 'loket-notification', component: NotificationEntry, isEdited: isTextFieldEntryEdited });
      entries.push({ id: 'loket-notification-subject', component: NotificationSubjectEntry, isEdited: isTextFieldEntryEdited });
    }
    if (waitsForMessage(getBusinessObject(element))) entries.push({ id: 'loket-citizen-action', component: CitizenActionEntry, isEdited: isTextFieldEntryEdited });
    if (is(element, 'bpmn:UserTask')) {
      entries.push({ id: 'loket-deadline', component: DeadlineEntry, isEdited: isTextFieldEntryEdited });
      entries.push({ id: 'loket-deadline-days', component: DeadlineDaysEntry, isEdited: isSelectEntryEdited });
    }
    if (entries.length > 0) groups.splice(1, 0, { id: 'loket', label: config.texts.loketGroup, entries });
    return groups;
  };
  propertiesPanel.registerProvider(500, this);
}
LoketPropertiesProvider.$inject = ['propertiesPanel', 'config.loket'];

export const LoketPropertiesModule = {
  __init__: ['loketPropertiesProvider'],
  loketPropertiesProvider: ['type', LoketPropertiesProvider],
};
