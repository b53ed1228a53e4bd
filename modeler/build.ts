import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { MODELER_BUNDLE_DIR } from '../server/src/config.js';

/**
 * Bundles the modeler for the browser into dist/modeler (served at /assets/modeler): one script, one
 * stylesheet and the diagram font. Nothing is fetched from the internet when the page runs.
 */
export async function buildModeler({ minify = true } = {}): Promise<void> {
  const source = (name: string) => fileURLToPath(new URL(`./src/${name}`, import.meta.url));
  await build({
    entryPoints: [
      { in: source('main.ts'), out: 'modeler' },
      { in: source('compare.ts'), out: 'compare' },
      { in: source('case-diagram.ts'), out: 'case-diagram' },
      { in: source('modeler.css'), out: 'modeler' },
    ],
    outdir: MODELER_BUNDLE_DIR,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome110', 'firefox110', 'safari16'],
    minify,
    sourcemap: true,
    loader: { '.woff': 'file', '.woff2': 'file', '.ttf': 'file', '.eot': 'file', '.svg': 'file' },
    legalComments: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildModeler();
