import { errorMessage } from '../shared/api.js';
import { retryCaseIncident, type CaseDetails } from '../shared/case-api.js';
import { h } from '../shared/dom.js';
import { formatDateTime } from '../shared/format.js';

/** What failed, in words a caseworker knows; the engine's own message follows as it is. */
const ERROR_TYPE_LABELS: Readonly<Record<string, string>> = {
  JOB_NO_RETRIES: 'Palvelutehtävä epäonnistui, eikä uusia yrityksiä ole jäljellä',
  EXECUTION_LISTENER_NO_RETRIES: 'Vaiheen kirjaaminen epäonnistui, eikä uusia yrityksiä ole jäljellä',
  TASK_LISTENER_NO_RETRIES: 'Tehtävän kirjaaminen epäonnistui, eikä uusia yrityksiä ole jäljellä',
  CONDITION_ERROR: 'Polun haaran ehtoa ei voitu arvioida',
  EXTRACT_VALUE_ERROR: 'Tarvittava tieto puuttuu tai on väärän muotoinen',
  IO_MAPPING_ERROR: 'Tietoa ei voitu siirtää vaiheesta toiseen',
  UNHANDLED_ERROR_EVENT: 'Työntekijän ilmoittamaa virhettä ei käsitellä polulla',
  CALLED_ELEMENT_ERROR: 'Kutsuttua prosessia ei löytynyt',
  MESSAGE_SIZE_EXCEEDED: 'Tieto on liian suuri',
};

/**
 * The case's incidents, as Operate shows them in red: what failed, when and the engine's message,
 * and for the team lead "Yritä uudelleen" once the cause is put right. Nothing when there are none.
 */
export function incidentsPanel(c: CaseDetails, mayRetry: boolean, reload: () => void): HTMLElement | null {
  if (c.incidents.length === 0) return null;
  const status = h('p', { role: 'status', 'aria-live': 'polite' });
  const elementName = (id: string) => c.activeElements.find((e) => e.elementId === id)?.name ?? id;
  const items = c.incidents.map((incident) => {
    const retry = mayRetry ? h('button', { type: 'button' }, 'Yritä uudelleen') : null;
    retry?.addEventListener('click', async () => {
      retry.disabled = true;
      try {
        await retryCaseIncident(c.caseId, incident.key);
        status.textContent = 'Uusi yritys käynnistetty.';
        reload();
      } catch (error) {
        status.replaceChildren(h('span', { class: 'error', role: 'alert' }, errorMessage(error)));
        retry.disabled = false;
      }
    });
    return h(
      'li',
      { 'data-incident-key': incident.key },
      h('strong', {}, ERROR_TYPE_LABELS[incident.errorType] ?? 'Polun käsittely pysähtyi'),
      h(
        'span',
        { class: 'muted' },
        ` (kohta ${elementName(incident.elementId)}${incident.createdAt ? `, ${formatDateTime(incident.createdAt)}` : ''})`,
      ),
      h('p', {}, 'Moottorin viesti: ', h('q', {}, incident.errorMessage || '–')),
      retry,
    );
  });
  return h(
    'section',
    { class: 'panel incidents', 'aria-labelledby': 'case-incidents' },
    h('h2', { id: 'case-incidents' }, `Polku on pysähtynyt (${c.incidents.length})`),
    h(
      'p',
      {},
      mayRetry
        ? 'Korjaa syy (esimerkiksi puuttuva työntekijä tai tiimin tieto ylläpidossa) ja yritä sitten uudelleen.'
        : 'Tiimin esihenkilö näkee syyn ja voi yrittää uudelleen, kun syy on korjattu.',
    ),
    h('ul', {}, ...items),
    status,
  );
}
