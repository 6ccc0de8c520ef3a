import { expect } from 'chai';
import { HttpSession } from '../../kit/http-session.js';
import { startTestService, type TestService } from '../support/service.js';
import { sessions, turkuCase } from './signed-in-case-world.js';

/**
 * Who is asking: one user per role, in the team or region of the cases (own) and in another
 * (other: Salo's team and region), and nobody signed in.
 */
const PRINCIPALS = {
  anonymous: null,
  'nurse, in the pair': 'aino.virtanen',
  'nurse, other team': 'sirpa.jarvinen',
  'counsellor, in the pair': 'juha.laitinen',
  'counsellor, other team': 'esa.leppanen',
  'social worker, own team': 'lauri.nurmi',
  'team lead, own team': 'minna.toivonen',
  'team lead, other team': 'reetta.nieminen',
  'group member, own region': 'sari.makela',
  'group member, other region': 'pekka.nurmi',
  'official, own region': 'timo.salminen',
  'official, other region': 'kirsi.aalto',
  'manager, own region': 'anne.lehtonen',
  'manager, other region': 'markku.rantanen',
  admin: 'outi.kallio',
} as const;

type Who = keyof typeof PRINCIPALS;
type Matrix = Record<Who, number>;

/** Every principal gets `otherwise`, but those named. */
function expected(otherwise: number, those: Partial<Matrix>): Matrix {
  return Object.fromEntries(
    Object.keys(PRINCIPALS).map((who) => [who, who === 'anonymous' ? 401 : (those[who as Who] ?? otherwise)]),
  ) as Matrix;
}

const CASE_READERS: Partial<Matrix> = {
  'nurse, in the pair': 200,
  'counsellor, in the pair': 200,
  'social worker, own team': 200,
  'team lead, own team': 200,
  'group member, own region': 200,
  'official, own region': 200,
};

describe('authorisation matrix (endpoint × role × own/other team or region)', () => {
  let t: TestService;
  let caseWithConsent: string;
  let caseWithoutConsent: string;
  const as = sessions(() => t);
  let cells = 0;

  /** The status each principal gets for the request. */
  async function matrix(method: string, path: string, body?: unknown): Promise<Matrix> {
    const statuses = {} as Matrix;
    for (const [who, username] of Object.entries(PRINCIPALS) as Array<[Who, string | null]>) {
      const session = username ? await as(username) : new HttpSession(t.service.url);
      statuses[who] = (await session.call(method, path, body)).status;
      cells++;
    }
    return statuses;
  }

  before(async () => {
    t = await startTestService();
    // on the Turku group's agenda, with consent: the nurse may read it across the registers
    caseWithConsent = await turkuCase(t, { henkilotunnus: '131052-308T', consent: true, onGroupAgenda: true });
    // no consent, not on any agenda
    caseWithoutConsent = await turkuCase(t, { henkilotunnus: '010594Y9021' });
  });

  after(async () => {
    console.log(`      authorisation matrix: ${cells} cells (${Object.keys(PRINCIPALS).length} principals)`);
    await t?.close();
  });

  it('GET /api/cases/:id — the pair, the team, and the region’s group and officials when the case is on its agenda', async () => {
    expect(await matrix('GET', `/api/cases/${caseWithConsent}`)).to.deep.equal(expected(403, CASE_READERS));
  });

  it('GET /api/cases/:id — across registers (the nurse reads the social register) only with consent; the group only with the case on its agenda', async () => {
    expect(await matrix('GET', `/api/cases/${caseWithoutConsent}`)).to.deep.equal(
      expected(403, { ...CASE_READERS, 'nurse, in the pair': 403, 'group member, own region': 403, 'official, own region': 403 }),
    );
  });

  it('GET /api/cases/:id/identity — the pair and the team only, never the group, officials, managers or admins', async () => {
    expect(await matrix('GET', `/api/cases/${caseWithConsent}/identity`)).to.deep.equal(
      expected(403, { ...CASE_READERS, 'group member, own region': 403, 'official, own region': 403 }),
    );
  });

  it('GET /api/case-view/:id — the same readers as the case', async () => {
    expect(await matrix('GET', `/api/case-view/${caseWithConsent}`)).to.deep.equal(expected(403, CASE_READERS));
    expect(await matrix('GET', `/api/case-view/${caseWithoutConsent}`)).to.deep.equal(
      expected(403, { ...CASE_READERS, 'nurse, in the pair': 403, 'group member, own region': 403, 'official, own region': 403 }),
    );
  });

  it('GET /api/cases/:id/consents — the case’s readers in the team; the group and officials see the case, not its consents', async () => {
    expect(await matrix('GET', `/api/cases/${caseWithConsent}/consents`)).to.deep.equal(
      expected(403, { ...CASE_READERS, 'group member, own region': 403, 'official, own region': 403 }),
    );
  });

  it('POST /api/cases — a team’s caseworkers and leads take in referrals', async () => {
    const intake = {
      municipality: 'Salo',
      referral: { source: 'Sosiaalitoimi', reason: 'Päihteet' },
      identity: { name: 'Testi Asiakas', henkilotunnus: '150585-9177' },
    };
    expect(await matrix('POST', '/api/cases', intake)).to.deep.equal(
      expected(403, {
        'nurse, in the pair': 201,
        'nurse, other team': 201,
        'counsellor, in the pair': 201,
        'counsellor, other team': 201,
        'social worker, own team': 201,
        'team lead, own team': 201,
        'team lead, other team': 201,
      }),
    );
  });

  it('GET /api/stats/stages — aggregates for managers and team leads (scoped to their region or team)', async () => {
    expect(await matrix('GET', '/api/stats/stages')).to.deep.equal(
      expected(403, { 'team lead, own team': 200, 'team lead, other team': 200, 'manager, own region': 200, 'manager, other region': 200 }),
    );
  });

  it('POST /api/log-extracts — the registrar (admin) only', async () => {
    expect(await matrix('POST', '/api/log-extracts', { henkilotunnus: '131052-308T', requestReference: 'VARHA/1200/2026' })).to.deep.equal(
      expected(403, { admin: 200 }),
    );
  });

  it('GET /api/inbox — anyone signed in (the inbox shows each their own tasks)', async () => {
    expect(await matrix('GET', '/api/inbox')).to.deep.equal(expected(200, {}));
  });

  it('GET /api/admin/teams — organisation data for admins only', async () => {
    expect(await matrix('GET', '/api/admin/teams')).to.deep.equal(expected(403, { admin: 200 }));
  });

  it('GET /api/dashboard/options — the dashboard for managers, team leads and admins', async () => {
    expect(await matrix('GET', '/api/dashboard/options')).to.deep.equal(
      expected(403, {
        'team lead, own team': 200,
        'team lead, other team': 200,
        'manager, own region': 200,
        'manager, other region': 200,
        admin: 200,
      }),
    );
  });

  it('POST /api/cases/:id/legal-bases — a recorded legal basis opens the cross-register read the missing consent closed', async () => {
    // given the nurse of the pair is refused the case without consent
    const nurse = await as('aino.virtanen');
    const refused = await nurse.call<{ detail: string }>('GET', `/api/cases/${caseWithoutConsent}`);
    expect(refused.status).to.equal(403);
    expect(refused.body.detail, 'says why in Finnish, and what would allow it').to.equal(
      'Asian tiedot ovat sosiaalihuollon asiakasrekisterissä, ja päihdesairaanhoitaja kirjaa potilasrekisteriin. Tietojen näkeminen vaatii asiakkaan voimassa olevan suostumuksen tai kirjatun laissa säädetyn perusteen; perusteen kirjaa tiedot luovuttavan puolen työntekijä.',
    );

    // when the nurse tries to record a legal basis for herself, and then the social side records one
    const basis = { statute: 'TervHL 1326/2010 9 §', reason: 'Hoidon tarpeen arviointi' };
    const byNurse = await nurse.call('POST', `/api/cases/${caseWithoutConsent}/legal-bases`, basis);
    const byCounsellor = await (await as('juha.laitinen')).call('POST', `/api/cases/${caseWithoutConsent}/legal-bases`, basis);
    const byManager = await (await as('anne.lehtonen')).call('POST', `/api/cases/${caseWithoutConsent}/legal-bases`, basis);
    const unnamed = await (
      await as('juha.laitinen')
    ).call<{ errors: Array<{ field: string }> }>('POST', `/api/cases/${caseWithoutConsent}/legal-bases`, { reason: 'x' });

    // then only the side holding the data records it, and the nurse may read
    expect([byNurse.status, byCounsellor.status, byManager.status, unnamed.status]).to.deep.equal([403, 201, 403, 400]);
    expect(byCounsellor.body).to.include({ from: 'SOCIAL', to: 'HEALTH', statute: 'TervHL 1326/2010 9 §' });
    expect(unnamed.body.errors.map((e) => e.field)).to.have.members(['statute', 'reason']);
    expect((await nurse.call('GET', `/api/cases/${caseWithoutConsent}`)).status).to.equal(200);
    const [entry] = await t.service.database
      .knex('audit_log')
      .where({ case_id: caseWithoutConsent, action: 'READ', actor_id: 'u-turku-keskusta-sh1' });
    expect(entry).to.include({ basis: 'LEGAL_BASIS', basis_detail: 'TervHL 1326/2010 9 §', register: 'SOCIAL' });
  });
});
