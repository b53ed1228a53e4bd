import type { ModdleElement } from '../parse.js';
import type { ProblemCode } from '../types.js';

/** What a deployment already holds (or brings along), for rules that check references. */
export interface DeployedResources {
  hasDecision(decisionId: string): boolean;
  hasForm(formKey: string): boolean;
  /** A `*.hbs` resource of that name; not checked when absent (the modeler does not know the templates). */
  hasTemplate?(name: string): boolean;
}

export interface RuleContext {
  process: ModdleElement;
  flowElements: readonly ModdleElement[];
  deployed: DeployedResources;
  /** Flows by the element they leave or enter, taken from the flows' own references (the XML may omit <incoming>/<outgoing>). */
  outgoing(element: ModdleElement): ModdleElement[];
  incoming(element: ModdleElement): ModdleElement[];
  /** `coded`: which problem it is, for the modeler to say it in Dutch (the element is named beside it there). */
  report(element: ModdleElement | undefined, message: string, coded?: ProblemCode): void;
}

/** One deploy-time check, in the manner of bpmnlint: one rule a file, each with models it accepts and rejects. */
export interface ModelRule {
  name: string;
  check(context: RuleContext): void;
}

/** An element's name on one line, or undefined when it has none. */
function nameIn(element: ModdleElement): string | undefined {
  return element.name?.replace(/\s+/g, ' ').trim() || undefined;
}

export function describe(element: ModdleElement): string {
  const kind = element.$type.replace(/^bpmn:/, '');
  const name = nameIn(element);
  return name ? `${kind} "${name}" (${element.id})` : `${kind} ${element.id}`;
}

/** An element as a coded problem names it: its name, else its id. */
export function nameOf(element: ModdleElement): string {
  return nameIn(element) ?? element.id!;
}
