import type { Page } from 'playwright-core';

/*
 * What a process owner's hand does on the bpmn-js canvas, with real mouse clicks. Only where an element
 * is on the screen is asked of the modeler (its element registry and viewbox), since shapes move as she draws.
 */

type Modeler = { get(name: string): any };
declare const window: { loketModeler: Modeler };

export class Diagram {
  constructor(private readonly page: Page) {}

  /** Ids of the elements of a type (and name). */
  find(type: string, name?: string): Promise<string[]> {
    return this.page.evaluate(
      ([type, name]) =>
        window.loketModeler
          .get('elementRegistry')
          .filter((e: any) => e.type === type && (name === undefined || e.businessObject.name === name))
          .map((e: any) => e.id as string),
      [type, name] as const,
    );
  }

  async only(type: string, name?: string): Promise<string> {
    const ids = await this.find(type, name);
    if (ids.length !== 1) throw new Error(`expected one ${type}${name ? ` "${name}"` : ''}, found ${ids.length}`);
    return ids[0]!;
  }

  /**
   * Where an element is on the screen: the middle of a shape, or of a connection's first segment. With
   * `fromLeft`, that many pixels from the shape's left edge instead (the title strip of a pool or lane).
   */
  at(id: string, fromLeft?: number): Promise<{ x: number; y: number }> {
    return this.page.evaluate(([id, fromLeft]) => {
      const modeler = window.loketModeler;
      const element = modeler.get('elementRegistry').get(id);
      const box = modeler.get('canvas').viewbox();
      const canvas = (globalThis as any).document.querySelector('#canvas').getBoundingClientRect();
      const [x, y] = element.waypoints
        ? [(element.waypoints[0].x + element.waypoints[1].x) / 2, (element.waypoints[0].y + element.waypoints[1].y) / 2]
        : [element.x + element.width / 2, element.y + element.height / 2];
      const left = canvas.left + (element.x - box.x) * box.scale;
      return { x: fromLeft === undefined ? canvas.left + (x - box.x) * box.scale : left + fromLeft, y: canvas.top + (y - box.y) * box.scale };
    }, [id, fromLeft] as const);
  }

  selection(): Promise<string[]> {
    return this.page.evaluate(() => window.loketModeler.get('selection').get().map((e: any) => e.id as string));
  }

  /**
   * Clicks an element until it is selected (right after an edit, the canvas may still be busy with it). Where
   * the palette covers the spot, the diagram is first moved aside, as she would pan it.
   */
  async select(id: string, fromLeft?: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let { x, y } = await this.at(id, fromLeft);
      const covered = await this.page.evaluate(({ x, y }) => !(globalThis as any).document.elementFromPoint(x, y)?.closest('svg'), { x, y });
      if (covered) {
        await this.page.evaluate(() => window.loketModeler.get('canvas').scroll({ dx: 150, dy: 0 }));
        ({ x, y } = await this.at(id, fromLeft));
      }
      await this.page.mouse.click(x, y);
      try {
        await this.page.waitForFunction((id) => window.loketModeler.get('selection').get().some((e: any) => e.id === id), id, { timeout: 1000 });
        return;
      } catch (err) {
        if (attempt >= 4) {
          const hit = await this.page.evaluate(({ x, y }) => {
            const found = (globalThis as any).document.elementFromPoint(x, y);
            return `${found?.tagName}.${found?.getAttribute('class')} in ${found?.closest('[data-element-id]')?.getAttribute('data-element-id') ?? '-'}`;
          }, { x, y });
          throw new Error(`could not select ${id} at ${Math.round(x)},${Math.round(y)}: the click hit ${hit}`);
        }
      }
    }
  }

  /** Takes a shape from the palette and drops it at a point (on a sequence flow: bpmn-js splits the flow around it). */
  async createAt(paletteAction: string, point: { x: number; y: number }): Promise<void> {
    await this.page.click(`.djs-palette .entry[data-action="${paletteAction}"]`);
    await this.page.mouse.move(point.x - 10, point.y);
    await this.page.mouse.move(point.x, point.y);
    await this.page.mouse.click(point.x, point.y);
  }

  async contextPad(action: string): Promise<void> {
    await this.page.click(`.djs-context-pad .entry[data-action="${action}"]`);
  }

  /** Opens a group of the properties panel by its title. */
  async openGroup(title: string): Promise<void> {
    const header = this.page.locator('#properties .bio-properties-panel-group-header', { hasText: title }).first();
    if (!((await header.getAttribute('class')) ?? '').includes(' open')) await header.click();
  }

  /** Types into a FEEL field of the properties panel (a code editor, not an input), replacing what was there. */
  async typeFeel(fieldId: string, text: string): Promise<void> {
    const editor = this.page.locator(`#${fieldId}`);
    await editor.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.type(text);
  }
}
