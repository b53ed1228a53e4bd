import BpmnModeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule } from 'bpmn-js-properties-panel';
import ZeebeBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-cloud';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loketModdle from '../../engine/src/model/loket-moddle.json' with { type: 'json' };
import { checkDiagram, ProblemMarkers, type ShownProblem } from './checks.js';
import { exportXml } from './export.js';
import { LoketPropertiesModule } from './loket-properties.js';
import { newDiagram } from './template.js';
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
  additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, ZeebePropertiesProviderModule, ZeebeBehaviorsModule, LoketPropertiesModule],
  moddleExtensions: { zeebe: zeebeModdle, loket: loketModdle },
  loket: { departments: data<string[]>('departments'), texts },
  keyboard: { bind: false },
});
const service = <T = any>(name: string): T => modeler.get(name) as T;
const markers = new ProblemMarkers(service('canvas'), service('elementRegistry'));

const status = document.getElementById('modeler-status')!;
const summary = document.getElementById('checks-summary')!;
const list = document.getElementById('checks-list')!;
const say = (text: string, kind: 'info' | 'error' = 'info') => {
  status.textContent = text;
  status.className = kind;
};

function showProblems(problems: ShownProblem[], heading?: string): void {
  summary.textContent = heading ?? (problems.length === 0 ? texts.checksNone : problems.length === 1 ? texts.checksOne : fill(texts.checksCount, { count: problems.length }));
  summary.className = problems.length === 0 ? 'ok' : 'error';
  list.replaceChildren(
    ...problems.map((problem) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'problem';
      const where = document.createElement('span');
      where.className = 'where';
      where.textContent = problem.elementName ?? problem.elementId ?? texts.wholeDiagram;
      button.append(where, document.createTextNode(problem.message));
      if (problem.elementId) button.addEventListener('click', () => reveal(problem.elementId!));
      else button.disabled = true;
      item.append(button);
      return item;
    }),
  );
}

function reveal(elementId: string): void {
  const element = service('elementRegistry').get(elementId);
  if (!element) return;
  service('selection').select(element);
  service('canvas').scrollToElement(element);
  document.getElementById('properties')?.querySelector<HTMLElement>('input, select, textarea')?.focus();
}

function runChecks(): void {
  const problems = checkDiagram(modeler.getDefinitions(), { hasDecision: (id) => decisions.has(id), hasForm: (key) => forms.has(key) });
  markers.show(problems);
  showProblems(problems.map((problem) => markers.describe(problem)));
}

let pending: number | undefined;
modeler.on('commandStack.changed', () => {
  window.clearTimeout(pending);
  pending = window.setTimeout(runChecks, 250);
});

async function open(xml: string): Promise<void> {
  try {
    await modeler.importXML(xml);
    service('canvas').zoom('fit-viewport', 'auto');
    runChecks();
  } catch (err) {
    say(fill(texts.loadFailed, { message: (err as Error).message }), 'error');
  }
}

function processOf(): { id: string; name: string } {
  const process = (modeler.getDefinitions() as { rootElements: { $type: string; id: string; name?: string }[] }).rootElements.find((r) => r.$type === 'bpmn:Process');
  return { id: process?.id ?? 'proces', name: process?.name ?? process?.id ?? 'proces' };
}

async function deploy(): Promise<void> {
  window.clearTimeout(pending);
  runChecks();
  const xml = await exportXml(modeler);
  const { id } = processOf();
  say(texts.deploying);
  const response = await fetch('/api/deployments', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ name: id, resources: [{ name: `${id}.bpmn`, content: xml }] }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    processes?: { key: string; version: number; created?: boolean }[];
    created?: boolean;
    message?: string;
    details?: { elementId?: string; message: string }[];
  };
  if (response.status === 201 || response.status === 200) {
    const processes = (body.processes ?? []).map((p) => `${p.key} v${p.version}`).join(', ');
    say(fill(body.created === false ? texts.unchanged : texts.deployed, { processes }));
    await refreshDeployed();
    return;
  }
  if (response.status === 400 && body.details?.length) {
    say(texts.deployRefused, 'error');
    const problems = body.details.map((detail) => markers.describe(detail));
    markers.show(problems);
    showProblems(problems, texts.deployRefused);
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

/** The list of deployed processes, read again after a deploy so the new version can be opened. */
async function refreshDeployed(): Promise<void> {
  const response = await fetch('/api/process-definitions', { credentials: 'same-origin' });
  if (!response.ok) return;
  const definitions = (await response.json()) as { key: string; version: number; name?: string }[];
  const latest = definitions.filter((d, i) => definitions.findIndex((other) => other.key === d.key) === i);
  const select = document.getElementById('deployed-process') as HTMLSelectElement;
  select.replaceChildren(
    ...latest.map((d) => {
      const option = document.createElement('option');
      option.value = d.key;
      option.textContent = `${d.name || d.key} (${d.key}, v${d.version})`;
      return option;
    }),
  );
  (document.getElementById('open-deployed') as HTMLButtonElement).disabled = latest.length === 0;
}

/** Opens a deployed process: its latest version, or the version asked for. */
async function openDeployed(key = (document.getElementById('deployed-process') as HTMLSelectElement).value, version?: number): Promise<void> {
  if (!key) return;
  const query = version ? `?version=${version}` : '';
  const response = await fetch(`/api/process-definitions/${encodeURIComponent(key)}/xml${query}`, { credentials: 'same-origin' });
  if (!response.ok) return say(fill(texts.loadFailed, { message: String(response.status) }), 'error');
  await open(await response.text());
  if (version) say(fill(texts.opened, { key, version }));
}

const suffix = () => Math.random().toString(36).slice(2, 9);
document.getElementById('new-diagram')!.addEventListener('click', () => void open(newDiagram(texts.templateName, suffix())));
document.getElementById('open-deployed')!.addEventListener('click', () => void openDeployed());
document.getElementById('deploy')!.addEventListener('click', () => void deploy().catch((err) => say(fill(texts.deployFailed, { message: (err as Error).message }), 'error')));
document.getElementById('download')!.addEventListener('click', () => void download());

// Tests and the curious reach the modeler from the console; the page itself needs nothing from here.
Object.assign(window, { loketModeler: modeler, loketExport: () => exportXml(modeler) });
// The repository page links here with ?proces=<key>&versie=<n> to edit from that version.
const asked = new URLSearchParams(window.location.search);
const askedVersion = Number(asked.get('versie'));
if (asked.get('proces')) void openDeployed(asked.get('proces')!, Number.isInteger(askedVersion) && askedVersion > 0 ? askedVersion : undefined);
else void open(newDiagram(texts.templateName, suffix()));
