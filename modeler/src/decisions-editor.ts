import DmnModeler from 'dmn-js/lib/Modeler';
import { compileDmn } from '../../engine/src/index.js';
import { el } from './dom.js';

export interface DecisionProblem {
  decisionId?: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

/** One DMN file of the tab: its XML as last shown or loaded, and whether the process owner changed it. */
export interface DecisionFile {
  name: string;
  xml: string;
  edited: boolean;
  decisionIds: string[];
}

type Viewer = { get(name: string): any };

/** The ids of the decisions a DMN file defines, read without showing it (any DMN version's namespace). */
function decisionIdsIn(xml: string): string[] {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  return [...document.documentElement.children].filter((child) => child.localName === 'decision' && child.id).map((child) => child.id);
}

/**
 * The decisions tab: dmn-js (requirement diagram, decision tables, literal expressions) on the DMN files of
 * the process, one shown at a time; a list chooses which when there are several (the decisions a deployed
 * process calls may live in different files). A file is deployed with the process when the process owner
 * changed it since it was loaded, or when the caller says the process needs it (see `resources`).
 */
export class DecisionsEditor {
  readonly modeler: any;
  private files: DecisionFile[] = [];
  private current = -1;
  /** While a file is imported, the viewers' command stacks are cleared: that is no edit. */
  private importing = false;
  private readonly watched = new WeakSet<object>();
  private readonly picker: HTMLSelectElement;
  private readonly pickerRow: HTMLElement;

  constructor(container: string, translation: object, label: string, private readonly onChange: () => void) {
    // Each view gets the translation itself: dmn-js puts a view's own additionalModules in place of common's.
    const view = { additionalModules: [translation] };
    this.modeler = new DmnModeler({
      container,
      common: { keyboard: { bind: false } },
      drd: view,
      decisionTable: view,
      literalExpression: view,
      boxedExpression: view,
    });
    this.modeler.on('views.changed', () => this.watchActiveViewer());
    this.picker = el('select', { id: 'decision-file' });
    this.picker.addEventListener('change', () => void this.show(Number(this.picker.value)));
    this.pickerRow = el('p', { class: 'decision-file' }, el('label', { for: 'decision-file' }, label), ' ', this.picker);
    this.pickerRow.hidden = true;
    const area = document.querySelector(container)!;
    area.parentElement!.insertBefore(this.pickerRow, area);
  }

  /** Starts over with this one file. */
  async open(xml: string, { edited, name = 'beslissingen.dmn' }: { edited: boolean; name?: string }): Promise<void> {
    this.files = [];
    this.current = -1;
    await this.add(name, xml, { edited });
  }

  /** Adds a file beside those there are; the first file added is shown. */
  async add(name: string, xml: string, { edited = false }: { edited?: boolean } = {}): Promise<void> {
    this.files.push({ name, xml, edited, decisionIds: decisionIdsIn(xml) });
    this.renderPicker();
    if (this.current < 0) await this.show(0);
  }

  /** Whether one of the files defines this decision. */
  defines(decisionId: string): boolean {
    return this.all().some((file) => file.decisionIds.includes(decisionId));
  }

  /** Shows file `index`, keeping what was drawn in the one shown before. */
  async show(index: number): Promise<void> {
    if (index === this.current || !this.files[index]) return;
    await this.keepCurrent();
    this.importing = true;
    try {
      await this.modeler.importXML(this.files[index]!.xml);
    } finally {
      this.importing = false;
    }
    this.current = index;
    this.picker.value = String(index);
    this.watchActiveViewer();
  }

  /** Every file as it is now (the one shown read from the editor). */
  all(): DecisionFile[] {
    const shown = this.files[this.current];
    if (shown) shown.decisionIds = this.modeler.getViews().filter((v: { type: string }) => v.type !== 'drd').map((v: { element: { id: string } }) => v.element.id);
    return this.files;
  }

  /** The files to deploy, with their XML as it is now: those changed, and those `needed` asks for. */
  async resources(needed: (file: DecisionFile) => boolean): Promise<{ name: string; content: string }[]> {
    await this.keepCurrent();
    return this.all()
      .filter((file) => file.edited || needed(file))
      .map((file) => ({ name: file.name, content: file.xml }));
  }

  /** The server's DMN checks (compileDmn of the engine) on the files that would be deployed. */
  async problems(needed: (file: DecisionFile) => boolean): Promise<DecisionProblem[]> {
    const found: DecisionProblem[] = [];
    for (const { content } of await this.resources(needed)) {
      const { problems } = await compileDmn(content);
      found.push(
        ...problems.map((p) => ({ ...(p.decisionId ? { decisionId: p.decisionId } : {}), message: p.message, ...(p.code ? { code: p.code } : {}), ...(p.params ? { params: p.params } : {}) })),
      );
    }
    return found;
  }

  /** Shows a decision's own view (its table or expression), in whichever file it is. */
  async reveal(decisionId: string): Promise<void> {
    const index = this.all().findIndex((file) => file.decisionIds.includes(decisionId));
    if (index >= 0) await this.show(index);
    const view = this.modeler.getViews().find((v: { element: { id: string }; type: string }) => v.element.id === decisionId && v.type !== 'drd');
    if (view) await this.modeler.open(view);
  }

  decisionIds(): string[] {
    return this.all().flatMap((file) => file.decisionIds);
  }

  private async keepCurrent(): Promise<void> {
    const shown = this.files[this.current];
    if (!shown) return;
    const { xml } = await this.modeler.saveXML({ format: true });
    shown.xml = xml;
  }

  private renderPicker(): void {
    this.picker.replaceChildren(...this.files.map((file, i) => el('option', { value: String(i) }, file.name)));
    if (this.current >= 0) this.picker.value = String(this.current);
    this.pickerRow.hidden = this.files.length < 2;
  }

  private watchActiveViewer(): void {
    const viewer: Viewer | undefined = this.modeler.getActiveViewer();
    if (!viewer || this.watched.has(viewer)) return;
    this.watched.add(viewer);
    viewer.get('eventBus').on('commandStack.changed', () => {
      if (this.importing) return;
      const shown = this.files[this.current];
      if (shown) shown.edited = true;
      this.onChange();
    });
  }
}
