import type { ModelerTexts as ServerModelerTexts } from '../../server/src/pages/texts.js';

/** The modeler's texts, as the page hands them over (server/src/pages/texts.ts, part `modeler`). */
export type ModelerTexts = ServerModelerTexts;

export { fill } from '../../server/src/pages/texts.js';
