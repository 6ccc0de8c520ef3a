import { isValidHenkilotunnus } from '../../src/domain/henkilotunnus.js';
import { api } from '../shared/api.js';
import { h, replace } from '../shared/dom.js';
import { field, showOutcome } from '../shared/form-feedback.js';
import { startPage, type PageContext } from '../shared/page.js';
import './intake.css';

/** GET /api/intake/options (src/api/cases/intake-options-routes.ts). */
interface IntakeOptions {
  municipalities: { code: string; name: string; swedishName: string | null; teamId: string; alsoServedBy: string[] }[];
  teams: { id: string; name: string }[];
}

/** The yes/no facts a referral may state; the age bands come from the henkilötunnus, so they are not asked. */
const ATTRIBUTES = [
  { name: 'urgent', label: 'Kiireellinen avun tarve (arviointi heti, SHL 36 §)' },
  { name: 'highestCareAllowance', label: 'Saa ylintä hoitotukea' },
  { name: 'childWithSpecialSupport', label: 'Erityistä tukea tarvitseva lapsi' },
  { name: 'pregnant', label: 'Raskaana oleva (SHL 24 §)' },
] as const;

/** Where referrals usually come from; any other source can be typed. */
const SOURCES = ['Terveysasema', 'Aikuissosiaalityö', 'Päivystys', 'Psykiatrian poliklinikka', 'Asiakas itse', 'Läheinen', 'Poliisi'];

void startPage({
  page: 'intake',
  title: 'Uusi asia',
  roles: ['NURSE', 'SOCIAL_COUNSELLOR', 'SOCIAL_WORKER', 'TEAM_LEAD'],
  render,
});

async function render({ main }: PageContext): Promise<void> {
  const options = await api<IntakeOptions>('GET', '/api/intake/options');
  const teamName = new Map(options.teams.map((t) => [t.id, t.name]));
  const today = localToday();

  const municipality = h(
    'select',
    { id: 'i-municipality', 'data-field': 'municipality', required: true },
    h('option', { value: '' }, 'Valitse kunta'),
    ...options.municipalities.map((m) => h('option', { value: m.code }, m.swedishName ? `${m.name} – ${m.swedishName}` : m.name)),
  );
  const team = h('select', { id: 'i-team', 'data-field': 'teamHint' });
  const teamField = field('i-team', 'Tiimi', team);
  const teamNote = h('p', { class: 'muted', id: 'i-team-note' });
  const showTeams = () => {
    const chosen = options.municipalities.find((m) => m.code === municipality.value);
    teamField.hidden = !chosen || chosen.alsoServedBy.length === 0;
    team.replaceChildren(
      ...(chosen ? [chosen.teamId, ...chosen.alsoServedBy] : []).map((id, i) =>
        h('option', { value: i === 0 ? '' : id }, `${teamName.get(id) ?? id}${i === 0 ? ' (kunnan oletustiimi)' : ''}`),
      ),
    );
    teamNote.textContent = chosen
      ? `Asia ohjataan tiimille ${teamName.get(chosen.teamId) ?? chosen.teamId}, ellei toista tiimiä valita.`
      : '';
  };
  municipality.addEventListener('change', showTeams);
  showTeams();

  const source = h('input', { id: 'i-source', 'data-field': 'referral.source', required: true, maxlength: 200, list: 'i-sources' });
  const sources = h('datalist', { id: 'i-sources' }, ...SOURCES.map((s) => h('option', { value: s })));
  const reason = h('textarea', { id: 'i-reason', 'data-field': 'referral.reason', required: true, maxlength: 4000, rows: 4 });
  const receivedOn = h('input', { id: 'i-received', 'data-field': 'referral.receivedAt', type: 'date', max: today, value: today });
  const attributes = ATTRIBUTES.map((a) => ({ ...a, box: h('input', { id: `i-${a.name}`, type: 'checkbox' }) }));
  const specialSupport = h('input', { id: 'i-special-support', type: 'checkbox', 'data-field': 'specialSupportNeed' });
  const language = h(
    'select',
    { id: 'i-language', 'data-field': 'serviceLanguage' },
    h('option', { value: 'fi' }, 'suomi'),
    h('option', { value: 'sv' }, 'ruotsi (svenska)'),
  );
  const name = h('input', { id: 'i-name', 'data-field': 'identity.name', required: true, maxlength: 200, autocomplete: 'off' });
  const henkilotunnus = h('input', {
    id: 'i-hetu',
    'data-field': 'identity.henkilotunnus',
    required: true,
    maxlength: 11,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Avaa asia');
  const status = h('div', { class: 'status', 'aria-live': 'polite' });
  const checkbox = (box: HTMLInputElement, label: string) => h('div', { class: 'check' }, box, h('label', { for: box.id }, label));

  const form = h(
    'form',
    { class: 'intake', novalidate: true, 'aria-label': 'Uusi asia' },
    h('fieldset', {}, h('legend', {}, 'Kunta ja tiimi'), field('i-municipality', 'Asiakkaan kotikunta', municipality), teamField, teamNote),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Yhteydenotto'),
      field('i-source', 'Mistä yhteydenotto tuli', source),
      sources,
      field('i-reason', 'Yhteydenoton syy', reason),
      field('i-received', 'Vireilletulopäivä (määräajat lasketaan tästä)', receivedOn),
      field('i-language', 'Asiakkaan palvelukieli (asiakas valitsee kaksikielisellä alueella)', language),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Määräaikoihin vaikuttavat tiedot'),
      ...attributes.map((a) => checkbox(a.box, a.label)),
      checkbox(specialSupport, 'Erityisen tuen tarve (SHL 42 §)'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Asiakas'),
      h('p', { class: 'muted' }, 'Nimi ja henkilötunnus tallennetaan salattuina vain sovelluksen tietokantaan, ei prosessimoottoriin.'),
      field('i-name', 'Nimi', name),
      field('i-hetu', 'Henkilötunnus', henkilotunnus),
    ),
    h('div', { class: 'actions' }, submit, status),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const problems = [
      municipality.value === '' && { field: 'municipality', detail: 'Valitse kunta.' },
      source.value.trim() === '' && { field: 'referral.source', detail: 'Kerro, mistä yhteydenotto tuli.' },
      reason.value.trim() === '' && { field: 'referral.reason', detail: 'Kerro yhteydenoton syy.' },
      receivedOn.value > today && { field: 'referral.receivedAt', detail: 'Vireilletulopäivä ei voi olla tulevaisuudessa.' },
      name.value.trim() === '' && { field: 'identity.name', detail: 'Anna asiakkaan nimi.' },
      !isValidHenkilotunnus(henkilotunnus.value.trim().toUpperCase()) && {
        field: 'identity.henkilotunnus',
        detail: 'Henkilötunnus ei ole kelvollinen: tarkista syntymäaika, välimerkki ja tarkistusmerkki.',
      },
    ].filter((p): p is { field: string; detail: string } => p !== false);
    if (problems.length > 0) {
      showOutcome(form, status, { refused: problems });
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    void open();
  });

  const open = async () => {
    submit.disabled = true;
    try {
      const opened = await api<{ caseId: string }>('POST', '/api/cases', {
        municipality: municipality.value,
        referral: {
          source: source.value.trim(),
          reason: reason.value.trim(),
          ...(receivedOn.value && receivedOn.value !== today ? { receivedAt: new Date(`${receivedOn.value}T12:00`).toISOString() } : {}),
        },
        attributes: Object.fromEntries(attributes.filter((a) => a.box.checked).map((a) => [a.name, true])),
        specialSupportNeed: specialSupport.checked,
        serviceLanguage: language.value,
        ...(team.value ? { teamHint: team.value } : {}),
        identity: { name: name.value.trim(), henkilotunnus: henkilotunnus.value.trim().toUpperCase() },
      });
      replace(
        main,
        h(
          'div',
          { class: 'notice ok', role: 'status' },
          h('p', {}, 'Asia on avattu, ja polku on käynnistetty: alkuselvitys näkyy tiimin tehtävissä hetken kuluttua.'),
          h('p', {}, h('a', { href: `/case/${opened.caseId}` }, 'Avaa asian sivu'), ' · ', h('a', { href: '/intake/' }, 'Avaa uusi asia')),
        ),
      );
    } catch (error) {
      showOutcome(form, status, { error });
      form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    } finally {
      submit.disabled = false;
    }
  };

  replace(
    main,
    h('p', { class: 'lead' }, 'Avaa sote-työparipolun asia yhteydenoton perusteella. Asia ohjataan kotikunnan tiimille.'),
    form,
  );
}

/** Today's date where the user is, as a date input writes it. */
function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
