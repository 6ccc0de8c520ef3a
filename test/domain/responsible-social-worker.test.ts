import { expect } from 'chai';
import type { PairingCandidate } from '../../src/domain/pairing.js';
import { chooseResponsibleSocialWorker, type ResponsibleSocialWorkerInput } from '../../src/domain/responsible-social-worker.js';

const TEAM = 'turku-ita';

function candidate(id: string, role: PairingCandidate['role'], overrides: Partial<PairingCandidate> = {}): PairingCandidate {
  return { id, role, teamId: TEAM, capacity: 20, active: true, absentUntil: null, activeCases: 5, ...overrides };
}

function input(candidates: PairingCandidate[], overrides: Partial<ResponsibleSocialWorkerInput> = {}): ResponsibleSocialWorkerInput {
  return { teamId: TEAM, today: '2026-03-10', candidates, pairSocialWorkerId: 'c1', previousId: null, ...overrides };
}

describe('responsible social worker (SHL 42 §)', () => {
  describe('#chooseResponsibleSocialWorker', () => {
    it('should take the pair’s own member when they are a sosiaalityöntekijä, even at capacity', () => {
      // given
      const candidates = [candidate('w1', 'SOCIAL_WORKER', { activeCases: 20 }), candidate('w2', 'SOCIAL_WORKER', { activeCases: 0 })];

      // when
      const result = chooseResponsibleSocialWorker(input(candidates, { pairSocialWorkerId: 'w1' }));

      // then
      expect(result).to.deep.equal({ ok: true, professionalId: 'w1', pairMember: true });
    });

    it('should add the least loaded available sosiaalityöntekijä beside a sosiaaliohjaaja', () => {
      // given
      const candidates = [
        candidate('c1', 'SOCIAL_COUNSELLOR'),
        candidate('w1', 'SOCIAL_WORKER', { activeCases: 9 }),
        candidate('w2', 'SOCIAL_WORKER', { activeCases: 3 }),
        candidate('w3', 'SOCIAL_WORKER', { activeCases: 0, absentUntil: '2026-03-10' }),
      ];

      // when
      const result = chooseResponsibleSocialWorker(input(candidates));

      // then
      expect(result).to.deep.equal({ ok: true, professionalId: 'w2', pairMember: false });
    });

    it('should keep the case’s previous responsible social worker where still available', () => {
      // given
      const candidates = [candidate('w1', 'SOCIAL_WORKER', { activeCases: 9 }), candidate('w2', 'SOCIAL_WORKER', { activeCases: 3 })];

      // when
      const result = chooseResponsibleSocialWorker(input(candidates, { previousId: 'w1' }));

      // then
      expect(result).to.deep.equal({ ok: true, professionalId: 'w1', pairMember: false });
    });

    it('should find no one when the team’s social workers are absent, inactive or of another team', () => {
      // given
      const candidates = [
        candidate('c1', 'SOCIAL_COUNSELLOR'),
        candidate('w1', 'SOCIAL_WORKER', { absentUntil: '2026-12-31' }),
        candidate('w2', 'SOCIAL_WORKER', { active: false }),
        candidate('w3', 'SOCIAL_WORKER', { teamId: 'turku-keskusta' }),
      ];

      // when
      const result = chooseResponsibleSocialWorker(input(candidates));

      // then
      expect(result).to.deep.equal({ ok: false });
    });
  });
});
