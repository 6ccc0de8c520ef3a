import { expect } from 'chai';
import { choosePair, compareByLoad, isAvailable, type PairingCandidate, type PairingInput } from '../../src/domain/pairing.js';

const TEAM = 'turku-ita';
const TODAY = '2026-03-10';

/** A candidate in TEAM, active, present, with room: override what the row is about. */
function candidate(id: string, role: PairingCandidate['role'], overrides: Partial<PairingCandidate> = {}): PairingCandidate {
  return { id, role, teamId: TEAM, capacity: 20, active: true, absentUntil: null, activeCases: 5, ...overrides };
}

function input(candidates: PairingCandidate[], overrides: Partial<PairingInput> = {}): PairingInput {
  return { teamId: TEAM, today: TODAY, candidates, previousPair: null, ...overrides };
}

describe('pairing', () => {
  describe('#isAvailable', () => {
    const cases: { name: string; overrides: Partial<PairingCandidate>; expected: boolean }[] = [
      { name: 'an active, present member with room', overrides: {}, expected: true },
      { name: 'an inactive member', overrides: { active: false }, expected: false },
      { name: 'a member absent until today', overrides: { absentUntil: TODAY }, expected: false },
      { name: 'a member absent until a later day', overrides: { absentUntil: '2026-04-01' }, expected: false },
      { name: 'a member whose absence ended yesterday', overrides: { absentUntil: '2026-03-09' }, expected: true },
      { name: 'a member at capacity', overrides: { activeCases: 20, capacity: 20 }, expected: false },
      { name: 'a member above capacity', overrides: { activeCases: 21, capacity: 20 }, expected: false },
      { name: 'a member one below capacity', overrides: { activeCases: 19, capacity: 20 }, expected: true },
      { name: 'a member with capacity 0', overrides: { activeCases: 0, capacity: 0 }, expected: false },
      { name: 'a member of another team', overrides: { teamId: 'turku-lansi' }, expected: false },
    ];
    for (const c of cases) {
      it(`should ${c.expected ? 'accept' : 'refuse'} ${c.name}`, () => {
        // given
        const person = candidate('p1', 'NURSE', c.overrides);

        // when
        const available = isAvailable(person, TEAM, TODAY);

        // then
        expect(available).to.equal(c.expected);
      });
    }
  });

  describe('#compareByLoad', () => {
    it('should order by relative load first', () => {
      // given 10/40 = 0.25 against 5/10 = 0.5
      const big = candidate('b', 'NURSE', { activeCases: 10, capacity: 40 });
      const small = candidate('a', 'NURSE', { activeCases: 5, capacity: 10 });

      // when
      const sorted = [small, big].sort(compareByLoad);

      // then
      expect(sorted.map((c) => c.id)).to.deep.equal(['b', 'a']);
    });

    it('should break an exact tie of ratios by fewer active cases', () => {
      // given 2/6 and 1/3: the same ratio, which floating point would not promise
      const more = candidate('a', 'NURSE', { activeCases: 2, capacity: 6 });
      const fewer = candidate('b', 'NURSE', { activeCases: 1, capacity: 3 });

      // when
      const sorted = [more, fewer].sort(compareByLoad);

      // then
      expect(sorted.map((c) => c.id)).to.deep.equal(['b', 'a']);
    });

    it('should break a tie of ratio and count by id ascending', () => {
      // given
      const later = candidate('p-b', 'NURSE', { activeCases: 3, capacity: 20 });
      const earlier = candidate('p-a', 'NURSE', { activeCases: 3, capacity: 20 });

      // when
      const sorted = [later, earlier].sort(compareByLoad);

      // then
      expect(sorted.map((c) => c.id)).to.deep.equal(['p-a', 'p-b']);
    });
  });

  describe('#choosePair', () => {
    interface Row {
      name: string;
      candidates: PairingCandidate[];
      overrides?: Partial<PairingInput>;
      expected: ReturnType<typeof choosePair>;
    }

    const rows: Row[] = [
      {
        name: 'choose the least loaded nurse and counsellor',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 10 }),
          candidate('n2', 'NURSE', { activeCases: 4 }),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 8 }),
          candidate('c2', 'SOCIAL_COUNSELLOR', { activeCases: 2 }),
        ],
        expected: { ok: true, nurseId: 'n2', socialWorkerId: 'c2', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'balance by relative load, not by count',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 6, capacity: 10 }),
          candidate('n2', 'NURSE', { activeCases: 10, capacity: 25 }),
          candidate('c1', 'SOCIAL_COUNSELLOR'),
        ],
        expected: { ok: true, nurseId: 'n2', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'prefer a counsellor to a less loaded social worker without special need',
        candidates: [
          candidate('n1', 'NURSE'),
          candidate('w1', 'SOCIAL_WORKER', { activeCases: 0 }),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 15 }),
        ],
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'fall back to a social worker when no counsellor is available',
        candidates: [
          candidate('n1', 'NURSE'),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 20 }),
          candidate('c2', 'SOCIAL_COUNSELLOR', { active: false }),
          candidate('w1', 'SOCIAL_WORKER'),
        ],
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'w1', socialRole: 'SOCIAL_WORKER', kept: { nurse: false, social: false } },
      },
      {
        name: 'keep the previous pair when both still qualify, even if others are less loaded',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 18 }),
          candidate('n2', 'NURSE', { activeCases: 0 }),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 19 }),
          candidate('c2', 'SOCIAL_COUNSELLOR', { activeCases: 0 }),
        ],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'c1' } },
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: true, social: true } },
      },
      {
        name: 'keep a previous social worker without special need',
        candidates: [candidate('n1', 'NURSE'), candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 0 }), candidate('w1', 'SOCIAL_WORKER')],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'w1' } },
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'w1', socialRole: 'SOCIAL_WORKER', kept: { nurse: true, social: true } },
      },
      {
        name: 'keep the previous nurse and choose the social side by load when the previous one is absent',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 15 }),
          candidate('n2', 'NURSE', { activeCases: 1 }),
          candidate('c1', 'SOCIAL_COUNSELLOR', { absentUntil: '2026-03-31' }),
          candidate('c2', 'SOCIAL_COUNSELLOR', { activeCases: 9 }),
          candidate('c3', 'SOCIAL_COUNSELLOR', { activeCases: 3 }),
        ],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'c1' } },
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'c3', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: true, social: false } },
      },
      {
        name: 'keep the previous social side and choose the nurse by load when the previous nurse is full',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 20 }),
          candidate('n2', 'NURSE', { activeCases: 7 }),
          candidate('n3', 'NURSE', { activeCases: 2 }),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 19 }),
        ],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'c1' } },
        expected: { ok: true, nurseId: 'n3', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: true } },
      },
      {
        name: 'not keep a previous member who has left the team',
        candidates: [
          candidate('n1', 'NURSE', { teamId: 'turku-lansi', activeCases: 0 }),
          candidate('n2', 'NURSE'),
          candidate('c1', 'SOCIAL_COUNSELLOR'),
        ],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'c1' } },
        expected: { ok: true, nurseId: 'n2', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: true } },
      },
      {
        name: 'not keep a previous member who is inactive',
        candidates: [candidate('n1', 'NURSE', { active: false }), candidate('n2', 'NURSE'), candidate('c1', 'SOCIAL_COUNSELLOR')],
        overrides: { previousPair: { nurseId: 'n1', socialWorkerId: 'c1' } },
        expected: { ok: true, nurseId: 'n2', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: true } },
      },
      {
        name: 'not keep a previous member no longer in the candidate list',
        candidates: [candidate('n2', 'NURSE'), candidate('c2', 'SOCIAL_COUNSELLOR')],
        overrides: { previousPair: { nurseId: 'n-gone', socialWorkerId: 'c-gone' } },
        expected: { ok: true, nurseId: 'n2', socialWorkerId: 'c2', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'not take a previous pair whose ids name the wrong roles',
        candidates: [candidate('n1', 'NURSE'), candidate('c1', 'SOCIAL_COUNSELLOR')],
        overrides: { previousPair: { nurseId: 'c1', socialWorkerId: 'n1' } },
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'break a load tie by fewer active cases',
        candidates: [
          candidate('n-a', 'NURSE', { activeCases: 4, capacity: 20 }),
          candidate('n-b', 'NURSE', { activeCases: 3, capacity: 15 }),
          candidate('c1', 'SOCIAL_COUNSELLOR'),
        ],
        expected: {
          ok: true,
          nurseId: 'n-b',
          socialWorkerId: 'c1',
          socialRole: 'SOCIAL_COUNSELLOR',
          kept: { nurse: false, social: false },
        },
      },
      {
        name: 'break a full tie by id ascending, whatever the input order',
        candidates: [
          candidate('n-c', 'NURSE'),
          candidate('n-a', 'NURSE'),
          candidate('n-b', 'NURSE'),
          candidate('c-b', 'SOCIAL_COUNSELLOR'),
          candidate('c-a', 'SOCIAL_COUNSELLOR'),
        ],
        expected: {
          ok: true,
          nurseId: 'n-a',
          socialWorkerId: 'c-a',
          socialRole: 'SOCIAL_COUNSELLOR',
          kept: { nurse: false, social: false },
        },
      },
      {
        name: 'never choose team leads or consultants',
        candidates: [
          candidate('lead', 'TEAM_LEAD', { activeCases: 0 }),
          candidate('cons', 'CONSULTANT', { activeCases: 0 }),
          candidate('n1', 'NURSE'),
          candidate('c1', 'SOCIAL_COUNSELLOR'),
        ],
        expected: { ok: true, nurseId: 'n1', socialWorkerId: 'c1', socialRole: 'SOCIAL_COUNSELLOR', kept: { nurse: false, social: false } },
      },
      {
        name: 'fail with NO_NURSE_AVAILABLE when every nurse is full, absent or inactive',
        candidates: [
          candidate('n1', 'NURSE', { activeCases: 20 }),
          candidate('n2', 'NURSE', { absentUntil: TODAY }),
          candidate('n3', 'NURSE', { active: false }),
          candidate('c1', 'SOCIAL_COUNSELLOR'),
        ],
        expected: { ok: false, reason: 'NO_NURSE_AVAILABLE' },
      },
      {
        name: 'fail with NO_NURSE_AVAILABLE before looking at the social side',
        candidates: [],
        expected: { ok: false, reason: 'NO_NURSE_AVAILABLE' },
      },
      {
        name: 'fail with NO_SOCIAL_SIDE_AVAILABLE when no counsellor or social worker is available',
        candidates: [
          candidate('n1', 'NURSE'),
          candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 25 }),
          candidate('w1', 'SOCIAL_WORKER', { active: false }),
        ],
        expected: { ok: false, reason: 'NO_SOCIAL_SIDE_AVAILABLE' },
      },
    ];

    for (const row of rows) {
      it(`should ${row.name}`, () => {
        // given
        const pairingInput = input(row.candidates, row.overrides);

        // when
        const result = choosePair(pairingInput);

        // then
        expect(result).to.deep.equal(row.expected);
      });
    }

    it('should give the same pair for the same candidates in any order', () => {
      // given
      const candidates = [
        candidate('n1', 'NURSE', { activeCases: 3 }),
        candidate('n2', 'NURSE', { activeCases: 3 }),
        candidate('c1', 'SOCIAL_COUNSELLOR', { activeCases: 1, capacity: 5 }),
        candidate('c2', 'SOCIAL_COUNSELLOR', { activeCases: 4, capacity: 20 }),
      ];

      // when
      const forwards = choosePair(input(candidates));
      const backwards = choosePair(input([...candidates].reverse()));

      // then
      expect(backwards).to.deep.equal(forwards);
      expect(forwards).to.include({ nurseId: 'n1', socialWorkerId: 'c1' });
    });
  });
});
