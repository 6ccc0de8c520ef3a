import { randomUUID } from 'node:crypto';
import { openCase } from '../../src/store/case-repository.js';
import { recordConsent } from '../../src/store/consent-repository.js';
import { bookMeeting } from '../../src/store/meeting-repository.js';
import { assignPair } from '../../src/store/pair-repository.js';
import { recordRouting } from '../../src/store/routing-repository.js';
import { HttpSession } from '../../kit/http-session.js';
import type { TestService } from '../support/service.js';

/** The Turku centre team's pair in the seed: Aino Virtanen (nurse) and Juha Laitinen (sosiaaliohjaaja). */
export const TURKU_PAIR = { nurseId: 'p-turku-keskusta-sh1', socialWorkerId: 'p-turku-keskusta-so1' };

/** What a case of the world is like: routed to turku-keskusta with the Turku pair, and optionally more. */
export interface CaseSetup {
  henkilotunnus: string;
  consent?: boolean;
  onGroupAgenda?: boolean;
}

/**
 * Opens a case in the read model as the workers would have left it: routed to Turun keskusta
 * (Turun seutu), the Turku pair assigned, with the client's consent to share both ways and a
 * booking on the Turku working group's agenda when asked for.
 */
export async function turkuCase(t: TestService, setup: CaseSetup): Promise<string> {
  const knex = t.service.database.knex;
  const caseId = randomUUID();
  const at = new Date();
  const key = (what: string) => `${what}-${caseId}`;
  await openCase(knex, {
    caseId,
    municipalityCode: '853',
    openedAt: at,
    register: 'SOCIAL',
    identity: t.service.identityCipher.seal(caseId, { fullName: 'Testi Asiakas', henkilotunnus: setup.henkilotunnus }),
  });
  await recordRouting(knex, { caseId, teamId: 'turku-keskusta', regionId: 'turun-seutu', at, manual: false, jobKey: key('route') });
  await assignPair(knex, { caseId, ...TURKU_PAIR, at, manual: false, jobKey: key('pair') });
  if (setup.consent)
    await recordConsent(knex, {
      caseId,
      scope: 'BOTH',
      givenAt: at,
      recordedBy: 'p-turku-keskusta-so1',
      register: 'SOCIAL',
      jobKey: key('consent'),
    });
  if (setup.onGroupAgenda) {
    await bookMeeting(knex, {
      caseId,
      forum: { forum: 'REGIONAL_GROUP', regionId: 'turun-seutu' },
      meetingAt: new Date(at.getTime() + 86_400_000),
      jobKey: key('booking'),
    });
  }
  return caseId;
}

/** Signed-in sessions, one per username, kept for the suite. */
export function sessions(t: () => TestService): (username: string) => Promise<HttpSession> {
  const signedIn = new Map<string, HttpSession>();
  return async (username) => {
    let session = signedIn.get(username);
    if (!session) {
      session = new HttpSession(t().service.url);
      await session.signIn(username);
      signedIn.set(username, session);
    }
    return session;
  };
}
