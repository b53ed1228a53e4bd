import type { ModelerTexts as ServerModelerTexts } from '../../server/src/pages/texts.js';

/** The modeler's texts, as the page hands them over (server/src/pages/texts.ts, part `modeler`). */
export type ModelerTexts = ServerModelerTexts;

/** Fills {name} placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
