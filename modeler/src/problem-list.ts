import { problemText, type ShownProblem } from './checks.js';
import { el } from './dom.js';
import { fill, type ModelerTexts } from './texts.js';

/** Where a click on a problem leads. */
export interface ProblemTargets {
  element(elementId: string): void;
  decision(decisionId: string | undefined): void;
  form(formKey: string): void;
}

/**
 * The list under the diagram: a summary, then Loket's problems (they stop a deploy), then bpmnlint's
 * advice (it does not). Each entry is a button that shows what it is about.
 */
export class ProblemList {
  constructor(
    private readonly summary: HTMLElement,
    private readonly list: HTMLElement,
    private readonly texts: ModelerTexts,
    private readonly targets: ProblemTargets,
  ) {}

  show(shown: ShownProblem[], heading?: string): void {
    const t = this.texts;
    const blocking = shown.filter((p) => !p.advice);
    const advice = shown.filter((p) => p.advice);
    const counted = blocking.length === 0 ? t.checksNone : blocking.length === 1 ? t.checksOne : fill(t.checksCount, { count: blocking.length });
    const adviceText = advice.length === 0 ? '' : ` ${advice.length === 1 ? t.adviceOne : fill(t.adviceCount, { count: advice.length })}`;
    this.summary.textContent = heading ?? `${counted}${adviceText}`;
    this.summary.className = blocking.length === 0 ? 'ok' : 'error';
    this.list.replaceChildren(...[...blocking, ...advice].map((problem) => this.entry(problem)));
  }

  private entry(problem: ShownProblem): HTMLElement {
    const t = this.texts;
    const where =
      problem.part === 'decisions'
        ? `${t.tabDecisions}${problem.decisionId ? ` ${problem.decisionId}` : ''}`
        : problem.part === 'forms'
          ? `${t.tabForms} ${problem.formKey}`
          : (problem.elementName ?? problem.elementId ?? t.wholeDiagram);
    const button = el(
      'button',
      { type: 'button', class: problem.advice ? 'problem advice' : 'problem' },
      ...(problem.advice ? [el('span', { class: 'advice-tag' }, fill(t.adviceTag, { rule: problem.advice.rule }))] : []),
      el('span', { class: 'where' }, where),
      problemText(problem, t.checkMessages, t.checkPlaces),
    );
    if (problem.part === 'forms') button.addEventListener('click', () => this.targets.form(problem.formKey!));
    else if (problem.part === 'decisions') button.addEventListener('click', () => this.targets.decision(problem.decisionId));
    else if (problem.elementId) button.addEventListener('click', () => this.targets.element(problem.elementId!));
    else button.disabled = true;
    return el('li', {}, button);
  }
}
