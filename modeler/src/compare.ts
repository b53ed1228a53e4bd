import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json' with { type: 'json' };
import loketModdle from '../../engine/src/model/loket-moddle.json' with { type: 'json' };

/*
 * The comparison page: two versions of a process side by side, each element that changed marked in the
 * colour of its change. Which elements changed the server has worked out (bpmn-js-differ) and written on
 * the page, with the list of changes; this script only draws.
 */

const root = document.getElementById('comparison');
if (root) void show(root);

async function show(root: HTMLElement): Promise<void> {
  const ids = (name: string) => JSON.parse(root.dataset[name] ?? '[]') as string[];
  const key = root.dataset.key!;
  const draw = async (container: string, version: string, marks: [string, string[]][]) => {
    const viewer = new NavigatedViewer({ container, moddleExtensions: { zeebe: zeebeModdle, loket: loketModdle } });
    const response = await fetch(`/api/process-definitions/${encodeURIComponent(key)}/xml?version=${version}`, { credentials: 'same-origin' });
    await viewer.importXML(await response.text());
    const canvas = viewer.get('canvas') as { zoom(level: string): void; addMarker(id: string, marker: string): void };
    const registry = viewer.get('elementRegistry') as { get(id: string): unknown };
    canvas.zoom('fit-viewport');
    for (const [marker, elementIds] of marks) for (const id of elementIds) if (registry.get(id)) canvas.addMarker(id, `compare-${marker}`);
    document.getElementById(container.slice(1))!.dataset.drawn = 'true';
  };
  await Promise.all([
    draw('#diagram-before', root.dataset.before!, [['removed', ids('removed')], ['changed', ids('changed')], ['moved', ids('moved')]]),
    draw('#diagram-after', root.dataset.after!, [['added', ids('added')], ['changed', ids('changed')], ['moved', ids('moved')]]),
  ]);
}
