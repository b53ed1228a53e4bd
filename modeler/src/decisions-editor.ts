import DmnModeler from 'dmn-js/lib/Modeler';
import { compileDmn } from '../../engine/src/index.js';

export interface DecisionProblem {
  decisionId?: string;
  message: string;
  code?: string;
  params?: Record<string, string>;
}

type Viewer = { get(name: string): any };

/**
 * The decisions tab: dmn-js (requirement diagram, decision tables, literal expressions) on one DMN file.
 * `edited` says whether the process owner changed it since it was loaded: only then does deploy take it along.
 */
export class DecisionsEditor {
  readonly modeler: any;
  edited = false;
  private readonly watched = new WeakSet<object>();

  constructor(container: string, translation: object, private readonly onChange: () => void) {
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
  }

  async open(xml: string, { edited }: { edited: boolean }): Promise<void> {
    await this.modeler.importXML(xml);
    this.edited = edited;
    this.watchActiveViewer();
  }

  async xml(): Promise<string> {
    const { xml } = await this.modeler.saveXML({ format: true });
    return xml;
  }

  /** The server's DMN checks (compileDmn of the engine), on the file as it is now. */
  async problems(): Promise<DecisionProblem[]> {
    const { problems } = await compileDmn(await this.xml());
    return problems.map((p) => ({ ...(p.decisionId ? { decisionId: p.decisionId } : {}), message: p.message, ...(p.code ? { code: p.code } : {}), ...(p.params ? { params: p.params } : {}) }));
  }

  /** Shows a decision's own view (its table or expression). */
  reveal(decisionId: string): void {
    const view = this.modeler.getViews().find((v: { element: { id: string }; type: string }) => v.element.id === decisionId && v.type !== 'drd');
    if (view) void this.modeler.open(view);
  }

  decisionIds(): string[] {
    return this.modeler.getViews().filter((v: { type: string }) => v.type !== 'drd').map((v: { element: { id: string } }) => v.element.id);
  }

  private watchActiveViewer(): void {
    const viewer: Viewer | undefined = this.modeler.getActiveViewer();
    if (!viewer || this.watched.has(viewer)) return;
    this.watched.add(viewer);
    viewer.get('eventBus').on('commandStack.changed', () => {
      this.edited = true;
      this.onChange();
    });
  }
}
