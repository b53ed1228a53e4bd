import { checkDefinitions, type DeployedResources, type ModelProblem } from '../../engine/src/index.js';
import type { ModdleElement } from '../../engine/src/model/parse.js';
import { fill } from './texts.js';

/** A problem as the list shows it: where, what, and the element to jump to (when it is on the diagram). */
export interface ShownProblem {
  /** Which tab it is on. */
  part: 'process' | 'decisions' | 'forms';
  /** bpmnlint's advice: shown, never a reason to refuse a deploy. */
  advice?: { rule: string };
  elementId?: string;
  elementName?: string;
  decisionId?: string;
  formKey?: string;
  /** In English; the list says it in Dutch when it knows the code. */
  message: string;
  code?: string;
  params?: Record<string, string>;
}

/** The server's deploy checks, run on the diagram being drawn: the same rules, the same messages. */
export function checkDiagram(definitions: unknown, deployed: DeployedResources): ModelProblem[] {
  return checkDefinitions(definitions as ModdleElement, deployed);
}

interface Registry {
  get(id: string): { id: string; businessObject: { name?: string } } | undefined;
}
interface Canvas {
  addMarker(element: string, marker: string): void;
  removeMarker(element: string, marker: string): void;
}

export const PROBLEM_MARKER = 'loket-problem';
export const ADVICE_MARKER = 'loket-advice';

/** Marks the elements with a problem (or advice) on the diagram, and unmarks those that have none any more. */
export class ProblemMarkers {
  private readonly marked = new Map<string, Set<string>>();

  constructor(
    private readonly canvas: Canvas,
    private readonly registry: Registry,
  ) {}

  show(problems: readonly { elementId?: string }[], marker = PROBLEM_MARKER): void {
    const before = this.marked.get(marker) ?? new Set<string>();
    const next = new Set(problems.flatMap((p) => (p.elementId && this.registry.get(p.elementId) ? [p.elementId] : [])));
    for (const id of before) if (!next.has(id) && this.registry.get(id)) this.canvas.removeMarker(id, marker);
    for (const id of next) if (!before.has(id)) this.canvas.addMarker(id, marker);
    this.marked.set(marker, next);
  }

  describe(problem: { elementId?: string; message: string; code?: string; params?: Record<string, string> }): Omit<ShownProblem, 'part'> {
    const element = problem.elementId ? this.registry.get(problem.elementId) : undefined;
    return {
      ...(problem.elementId && element ? { elementId: problem.elementId } : {}),
      ...(element?.businessObject.name ? { elementName: element.businessObject.name } : {}),
      message: problem.message,
      ...(problem.code ? { code: problem.code } : {}),
      ...(problem.params ? { params: problem.params } : {}),
    };
  }
}

/**
 * What the list says about a problem: in Dutch from `sayings` when its code is there (the element is named
 * beside it, so the words leave it out), else the server's English message. A `place` parameter (where in
 * the element a FEEL expression is) is itself worded from `places`.
 */
export function problemText(problem: Pick<ShownProblem, 'message' | 'code' | 'params'>, sayings: Record<string, string>, places: Record<string, string> = {}): string {
  const saying = problem.code ? sayings[problem.code] : undefined;
  if (!saying) return problem.message;
  const params = problem.params ?? {};
  const place = params.place === undefined ? undefined : places[params.place];
  return fill(saying, { ...params, ...(place === undefined ? {} : { place: fill(place, params) }) });
}
