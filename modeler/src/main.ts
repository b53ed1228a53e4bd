import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loketModdle from '../../engine/src/model/loket-moddle.json' with { type: 'json' };
import { adviceOn } from './advice.js';
import { ADVICE_MARKER, checkDiagram, ProblemMarkers, type ShownProblem } from './checks.js';
import { newDecisions } from './decision-template.js';
import { DecisionsEditor, type DecisionFile } from './decisions-editor.js';
import { el } from './dom.js';
import { exportXml } from './export.js';
import { FormsEditor } from './forms/editor.js';
import { setUpTabs } from './tabs.js';
import { translateModule } from './translate.js';
import { LoketPropertiesModule } from './loket-properties.js';
import { ProblemList } from './problem-list.js';
import { TEMPLATES, type TemplateName } from './template.js';
import { fill, type ModelerTexts } from './texts.js';

const root = document.getElementById('modeler')!;
const data = <T>(name: string): T => JSON.parse(root.dataset[name] ?? 'null') as T;
const texts = data<ModelerTexts>('texts');
const decisions = new Set(data<string[]>('decisions'));
const forms = new Set(data<string[]>('forms'));
const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')?.content ?? '';

const modeler = new BpmnModeler({
  container: '#canvas',
  propertiesPanel: { parent: '#properties' },
  additionalModules: [
    BpmnPropertiesPanelModule,
    BpmnPropertiesProviderModule,
    ZeebePropertiesProviderModule,
    ZeebeBehaviorsModule,
    LoketPropertiesModule,
    translateModule(texts.diagramTools),
  ],
  moddleExtensions: { zeebe: zeebeModdle, loket: loketModdle },
  loket: { departments: data<string[]>('departments'), texts },
  keyboard: { bind: false },
});
const service = <T = any>(name: string): T => modeler.get(name) as T;
const markers = new ProblemMarkers(service('canvas'), service('elementRegistry'));
const decisionsEditor = new DecisionsEditor('#decisions', translateModule(texts.diagramTools), texts.decisionFile, () => scheduleChecks());
const formsEditor = new FormsEditor(document.getElementById('forms-editor')!, texts.forms, () => scheduleChecks());
const showPanel = setUpTabs(document.getElementById('parts')!, (panelId) => {
  // A canvas drawn while hidden has no size; tell it once it can be seen.
  if (panelId === 'panel-process') service('canvas').resized();
  else if (panelId === 'panel-decisions') decisionsEditor.modeler.getActiveViewer()?.get('canvas', false)?.resized();
});

const status = document.getElementById('modeler-status')!;
const say = (text: string, kind: 'info' | 'error' = 'info') => {
  status.textContent = text;
  status.className = kind;
};

const problemList = new ProblemList(document.getElementById('checks-summary')!, document.getElementById('checks-list')!, texts, {
  element: (elementId) => reveal(elementId),
  decision: (decisionId) => {
    showPanel('panel-decisions');
    if (decisionId) void decisionsEditor.reveal(decisionId);
  },
  form: (formKey) => {
    showPanel('panel-forms');
    formsEditor.show(formKey);
  },
});

function reveal(elementId: string): void {
  const element = service('elementRegistry').get(elementId);
  if (!element) return;
  showPanel('panel-process');
  service('selection').select(element);
  service('canvas').scrollToElement(element);
  document.getElementById('properties')?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

let checksRun = 0;

/** The server's checks on both parts; a run that a newer one overtook shows nothing. */
async function runChecks(): Promise<void> {
  const run = ++checksRun;
  const drawn = new Set(decisionsEditor.decisionIds());
  const designed = new Set(formsEditor.keys());
  const processProblems = checkDiagram(modeler.getDefinitions(), { hasDecision: (id) => decisions.has(id) || drawn.has(id), hasForm: (key) => forms.has(key) || designed.has(key) });
  const decisionProblems = await decisionsEditor.problems(neededFile());
  const advice = await adviceOn(modeler.getDefinitions());
  if (run !== checksRun) return;
  markers.show(processProblems);
  markers.show(advice, ADVICE_MARKER);
  problemList.show([
    ...processProblems.map((problem) => ({ part: 'process' as const, ...markers.describe(problem) })),
    ...advice.map((a) => ({ part: 'process' as const, advice: { rule: a.rule }, ...markers.describe({ ...a, message: texts.adviceMessages[a.message] ?? a.message }) })),
    ...decisionProblems.map((problem) => ({ part: 'decisions' as const, ...problem })),
    ...formsEditor.problems().map((problem) => ({ part: 'forms' as const, ...problem })),
  ]);
}

let pending: number | undefined;
function scheduleChecks(): void {
  // A refusal spoke of the model before this edit.
  if (status.className === 'error') say('');
  window.clearTimeout(pending);
  pending = window.setTimeout(() => void runChecks(), 250);
}
modeler.on('commandStack.changed', scheduleChecks);

async function open(xml: string): Promise<void> {
  try {
    await modeler.importXML(xml);
    service('canvas').zoom('fit-viewport', 'auto');
    await runChecks();
  } catch (err) {
    say(fill(texts.loadFailed, { message: (err as Error).message }), 'error');
  }
}

function processOf(): { id: string; name: string } {
  const process = (modeler.getDefinitions() as { rootElements: { $type: string; id: string; name?: string }[] }).rootElements.find((r) => r.$type === 'bpmn:Process');
  return { id: process?.id ?? 'proces', name: process?.name ?? process?.id ?? 'proces' };
}

/**
 * A decisions file goes with the process when she changed it (see DecisionsEditor), or when the process asks a
 * decision of it that is not deployed yet (a new diagram's table, as the template with conditions uses it).
 */
function neededFile(): (file: DecisionFile) => boolean {
  const undeployed = linked().decisions.filter((id) => !decisions.has(id));
  return (file) => undeployed.some((id) => file.decisionIds.includes(id));
}

async function deploy(): Promise<void> {
  window.clearTimeout(pending);
  await runChecks();
  const xml = await exportXml(modeler);
  const { id } = processOf();
  const resources = [{ name: `${id}.bpmn`, content: xml }];
  resources.push(...(await decisionsEditor.resources(neededFile())));
  resources.push(...formsEditor.resources());
  say(texts.deploying);
  const response = await fetch('/api/deployments', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ name: id, resources }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    processes?: { key: string; version: number }[];
    decisions?: { key: string; version: number }[];
    forms?: { key: string; version: number }[];
    created?: boolean;
    message?: string;
    details?: { resource?: string; elementId?: string; message: string }[];
  };
  if (response.status === 201 || response.status === 200) {
    const processes = [...(body.processes ?? []), ...(body.decisions ?? []), ...(body.forms ?? [])].map((p) => `${p.key} v${p.version}`).join(', ');
    say(fill(body.created === false ? texts.unchanged : texts.deployed, { processes }));
    await refreshDeployed();
    return;
  }
  if (response.status === 400 && body.details?.length) {
    say(texts.deployRefused, 'error');
    const problems: ShownProblem[] = body.details.map((detail) =>
      detail.resource?.endsWith('.dmn')
        ? { part: 'decisions', ...(detail.elementId ? { decisionId: detail.elementId } : {}), message: detail.message }
        : detail.resource?.endsWith('.form.json')
          ? { part: 'forms', formKey: detail.resource.replace(/\.form\.json$/, ''), message: detail.message }
          : { part: 'process', ...markers.describe(detail) },
    );
    markers.show(problems.filter((p) => p.part === 'process'));
    problemList.show(problems, texts.deployRefused);
    return;
  }
  say(fill(texts.deployFailed, { message: body.message ?? String(response.status) }), 'error');
}

async function download(): Promise<void> {
  const xml = await exportXml(modeler);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  link.download = `${processOf().id}.bpmn`;
  link.click();
  URL.revokeObjectURL(link.href);
}

/** The deployed process now open, shown as chosen in the list of deployed processes. */
let openedKey: string | undefined;

/** The list of deployed processes, read again after a deploy so the new version can be opened. */
async function refreshDeployed(): Promise<void> {
  const response = await fetch('/api/process-definitions', { credentials: 'same-origin' });
  if (!response.ok) return;
  const definitions = (await response.json()) as { key: string; version: number; name?: string }[];
  const latest = definitions.filter((d, i) => definitions.findIndex((other) => other.key === d.key) === i);
  const select = document.getElementById('deployed-process') as HTMLSelectElement;
  select.replaceChildren(...latest.map((d) => el('option', { value: d.key }, `${d.name || d.key} (${d.key}, v${d.version})`)));
  if (openedKey && latest.some((d) => d.key === openedKey)) select.value = openedKey;
  (document.getElementById('open-deployed') as HTMLButtonElement).disabled = latest.length === 0;
}

/** The forms (zeebe:formDefinition) and decisions (zeebe:calledDecision) the diagram names, by id. */
function linked(): { forms: string[]; decisions: string[] } {
  const found = { forms: new Set<string>(), decisions: new Set<string>() };
  for (const element of service('elementRegistry').getAll() as { businessObject: { extensionElements?: { values?: Record<string, string>[] } } }[]) {
    for (const value of element.businessObject.extensionElements?.values ?? []) {
      if (value.$type === 'zeebe:FormDefinition' && value.formId) found.forms.add(value.formId);
      if (value.$type === 'zeebe:CalledDecision' && value.decisionId && !value.decisionId.startsWith('=')) found.decisions.add(value.decisionId);
    }
  }
  return { forms: [...found.forms], decisions: [...found.decisions] };
}

/**
 * Loads the deployed forms and decisions files a process version names, to be looked at and changed with it;
 * unchanged, they are not deployed again. Decisions that share a file bring it once.
 */
async function openLinked(): Promise<void> {
  const { forms: formKeys, decisions: decisionKeys } = linked();
  formsEditor.clear();
  for (const key of formKeys) {
    const response = await fetch(`/api/forms/${encodeURIComponent(key)}`, { credentials: 'same-origin' });
    if (response.ok) formsEditor.load(key, (await response.json()) as Record<string, unknown>);
  }
  let first = true;
  for (const key of decisionKeys) {
    if (!first && decisionsEditor.defines(key)) continue;
    const response = await fetch(`/api/decisions/${encodeURIComponent(key)}/dmn`, { credentials: 'same-origin' });
    if (!response.ok) continue;
    if (first) await decisionsEditor.open(await response.text(), { edited: false, name: `${key}.dmn` });
    else await decisionsEditor.add(`${key}.dmn`, await response.text());
    first = false;
  }
  await runChecks();
}

/** Opens a deployed process: its latest version, or the version asked for. */
async function openDeployed(key = (document.getElementById('deployed-process') as HTMLSelectElement).value, version?: number): Promise<void> {
  if (!key) return;
  const query = version ? `?version=${version}` : '';
  const response = await fetch(`/api/process-definitions/${encodeURIComponent(key)}/xml${query}`, { credentials: 'same-origin' });
  if (!response.ok) return say(fill(texts.loadFailed, { message: String(response.status) }), 'error');
  await open(await response.text());
  openedKey = key;
  const select = document.getElementById('deployed-process') as HTMLSelectElement;
  if ([...select.options].some((option) => option.value === key)) select.value = key;
  await openLinked();
  if (version) say(fill(texts.opened, { key, version }));
}

const suffix = () => Math.random().toString(36).slice(2, 9);
async function startNew(): Promise<void> {
  const id = suffix();
  openedKey = undefined;
  await decisionsEditor.open(newDecisions(id), { edited: false, name: `beslissingen_${id}.dmn` });
  formsEditor.clear();
  const chosen = (document.getElementById('new-template') as HTMLSelectElement | null)?.value as TemplateName | undefined;
  await open((TEMPLATES[chosen ?? 'request'] ?? TEMPLATES.request)(texts.templateName, id));
}
document.getElementById('new-diagram')!.addEventListener('click', () => void startNew());
document.getElementById('open-deployed')!.addEventListener('click', () => void openDeployed());
document.getElementById('deploy')!.addEventListener('click', () => void deploy().catch((err) => say(fill(texts.deployFailed, { message: (err as Error).message }), 'error')));
document.getElementById('download')!.addEventListener('click', () => void download());

// Tests and the curious reach the modeler from the console; the page itself needs nothing from here.
Object.assign(window, { loketModeler: modeler, loketDecisions: decisionsEditor.modeler, loketExport: () => exportXml(modeler) });
// The repository page links here with ?proces=<key>&versie=<n> to edit from that version.
const asked = new URLSearchParams(window.location.search);
const askedVersion = Number(asked.get('versie'));
if (asked.get('proces')) {
  void decisionsEditor
    .open(newDecisions(suffix()), { edited: false })
    .then(() => openDeployed(asked.get('proces')!, Number.isInteger(askedVersion) && askedVersion > 0 ? askedVersion : undefined));
}
else void startNew();
