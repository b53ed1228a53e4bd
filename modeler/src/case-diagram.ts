import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loketModdle from '../../engine/src/model/loket-moddle.json' with { type: 'json' };

/*
 * The diagram on a case file: the case's process version, its active, completed and incident elements
 * marked. The server wrote which elements are which on the page; this script only draws.
 */

const root = document.getElementById('case-diagram');
if (root) void draw(root);

async function draw(root: HTMLElement): Promise<void> {
  const ids = (name: string) => JSON.parse(root.dataset[name] ?? '[]') as string[];
  try {
    const viewer = new NavigatedViewer({ container: root, moddleExtensions: { zeebe: zeebeModdle, loket: loketModdle } });
    const response = await fetch(`/api/process-definitions/${encodeURIComponent(root.dataset.key!)}/xml?version=${root.dataset.version}`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    await viewer.importXML(await response.text());
    const canvas = viewer.get('canvas') as { zoom(level: string): void; addMarker(id: string, marker: string): void };
    const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
    canvas.zoom('fit-viewport');
    for (const [marker, elementIds] of [['completed', ids('completed')], ['active', ids('active')], ['incident', ids('incident')]] as const) {
      for (const id of elementIds) if (registry.get(id)) canvas.addMarker(id, `case-${marker}`);
    }
    root.dataset.drawn = 'true';
  } catch {
    root.textContent = root.dataset.failed ?? '';
    root.dataset.drawn = 'failed';
  }
}
