import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import type Canvas from 'diagram-js/lib/core/Canvas';
import type ElementRegistry from 'diagram-js/lib/core/ElementRegistry';
import type Overlays from 'diagram-js/lib/features/overlays/Overlays';
import { errorMessage } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import type { Heatmap } from './dashboard-data.js';
import { dataTable } from './panel.js';

/**
 * The pathway diagram with the number of active instances on each element, as Operate's heatmap
 * shows them: a badge at the element's corner, red where an incident waits. Zoom buttons next to
 * the canvas, since a mouse wheel is not everyone's.
 */
export function diagramPanel(load: Promise<Heatmap>): HTMLElement {
  const canvasHost = h('div', {
    class: 'diagram-canvas',
    // A group, not an image: the drawn canvas takes focus (keyboard moving), and an image's content may not.
    role: 'group',
    'aria-label': 'Sote-työparipolun prosessikaavio, aktiivisten asiakkuuksien määrät elementeittäin',
  });
  const body = h('div', {}, h('p', { role: 'status' }, 'Ladataan kaaviota…'));
  const section = h(
    'section',
    { class: 'panel', id: 'kaavio', 'aria-labelledby': 'kaavio-heading' },
    h('h2', { id: 'kaavio-heading' }, 'Prosessikaavio'),
    h('p', { class: 'muted intro' }, 'Kuinka monta asiakkuutta on nyt kussakin kaavion elementissä (kaikki kaavion versiot).'),
    body,
  );
  void load
    .then(async (heatmap) => {
      const viewer = new NavigatedViewer({ container: canvasHost });
      const zoom = (scale: number | 'fit-viewport') => (viewer.get('canvas') as Canvas).zoom(scale);
      const button = (label: string, text: string, action: () => void) =>
        h('button', { type: 'button', 'aria-label': label, onclick: action }, text);
      replace(
        body,
        h(
          'div',
          { class: 'actions diagram-tools' },
          button('Lähennä', '+', () => zoom((viewer.get('canvas') as Canvas).zoom() * 1.25)),
          button('Loitonna', '−', () => zoom((viewer.get('canvas') as Canvas).zoom() / 1.25)),
          button('Sovita kaavio näkymään', 'Sovita', () => zoom('fit-viewport')),
        ),
        canvasHost,
      );
      await viewer.importXML(heatmap.bpmnXml);
      zoom('fit-viewport');
      const overlays = viewer.get('overlays') as Overlays;
      const registry = viewer.get('elementRegistry') as ElementRegistry;
      const canvas = viewer.get('canvas') as Canvas;
      for (const element of heatmap.elements) {
        if (!registry.get(element.elementId)) continue;
        canvas.addMarker(element.elementId, 'has-active');
        overlays.add(element.elementId, 'active-count', {
          position: { bottom: 8, left: -8 },
          // Readable at any zoom: a fitted diagram this wide is drawn small.
          scale: { min: 1 },
          html: h(
            'span',
            {
              class: `count-badge${element.incidents > 0 ? ' incident' : ''}`,
              'data-element': element.elementId,
              title: `${element.activeInstances} aktiivista`,
            },
            String(element.activeInstances),
          ),
        });
      }
      if (heatmap.elements.length === 0)
        body.append(h('p', { class: 'muted' }, 'Valinnoilla ei ole käynnissä olevia asiakkuuksia kaaviossa.'));
      const name = (id: string) => (registry.get(id)?.businessObject as { name?: string } | undefined)?.name ?? id;
      body.append(
        h(
          'details',
          { class: 'numbers' },
          h('summary', {}, 'Näytä luvut taulukkona'),
          dataTable(
            `Aktiiviset elementit (kaavion versio ${heatmap.version})`,
            ['Elementti', 'Tunnus', 'Aktiivisia', 'Häiriöitä'],
            heatmap.elements.map((e) => ({
              cells: [name(e.elementId), e.elementId, e.activeInstances, e.incidents],
              attrs: { 'data-element': e.elementId },
            })),
          ),
        ),
      );
    })
    .catch((error: unknown) =>
      replace(body, h('p', { class: 'error', role: 'alert' }, `Kaaviota ei voitu näyttää. ${errorMessage(error)}`)),
    );
  return section;
}
