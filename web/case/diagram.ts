import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';

/** Marker class of the elements the case is in now (styled in case.css). */
const ACTIVE_MARKER = 'case-active';

/** Labels are legible from about this scale on. */
const READABLE_ZOOM = 0.85;

/** Draws the diagram into the container, fits it, and marks the active elements. */
export async function showDiagram(container: HTMLElement, xml: string, activeElementIds: readonly string[]): Promise<void> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get<Canvas>('canvas');
  const registry = viewer.get<{ get(id: string): Shape | undefined }>('elementRegistry');
  canvas.zoom('fit-viewport');
  const active = activeElementIds.map((id) => registry.get(id)).filter((shape): shape is Shape => shape !== undefined);
  for (const shape of active) canvas.addMarker(shape.id, ACTIVE_MARKER);
  // The whole pathway fitted into the page is too small to read: centre on where the case is now.
  const innermost = active.at(-1);
  if (innermost) {
    const { outer } = canvas.viewbox();
    const width = outer.width / READABLE_ZOOM;
    const height = outer.height / READABLE_ZOOM;
    canvas.viewbox({ x: innermost.x + innermost.width / 2 - width / 2, y: innermost.y + innermost.height / 2 - height / 2, width, height });
  }
}

interface Shape extends Box {
  id: string;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface Canvas {
  zoom(level: 'fit-viewport'): void;
  viewbox(): Box & { outer: { width: number; height: number } };
  viewbox(box: Box): void;
  addMarker(id: string, marker: string): void;
}
