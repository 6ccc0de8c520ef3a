import { expect } from 'chai';
import { movedCandidates, type CaseMove } from '../../src/domain/task-rerouting.js';

const MOVE: CaseMove = {
  fromTeamId: 'turku-keskusta',
  toTeamId: 'kaarina-paimio-sauvo',
  fromRegionId: 'turun-seutu',
  toRegionId: 'salon-seutu',
  users: [
    ['p-turku-sh1', 'p-kaarina-sh2'],
    ['p-turku-so1', 'p-kaarina-so2'],
    ['p-turku-konsultti', null],
  ],
};

describe('domain/task-rerouting', () => {
  it('should give the old team’s groups, the old region’s groups and the old pair to their successors', () => {
    // when
    const moved = movedCandidates(
      {
        candidateGroups: ['tiimi-turku-keskusta', 'tiimi-turku-keskusta-vetaja-sosiaali', 'tyoryhma-turun-seutu', 'alueen-koordinaattori'],
        candidateUsers: ['p-turku-sh1', 'p-turku-so1'],
      },
      MOVE,
    );

    // then
    expect(moved).to.deep.equal({
      candidateGroups: [
        'tiimi-kaarina-paimio-sauvo',
        'tiimi-kaarina-paimio-sauvo-vetaja-sosiaali',
        'tyoryhma-salon-seutu',
        'alueen-koordinaattori',
      ],
      candidateUsers: ['p-kaarina-sh2', 'p-kaarina-so2'],
    });
  });

  it('should drop a candidate user with no successor (a team without a consultant)', () => {
    expect(
      movedCandidates({ candidateGroups: ['tiimi-turku-keskusta-vetaja'], candidateUsers: ['p-turku-konsultti'] }, MOVE),
    ).to.deep.equal({
      candidateGroups: ['tiimi-kaarina-paimio-sauvo-vetaja'],
      candidateUsers: [],
    });
  });

  it('should leave alone a task already moved, and a group that only begins like the old team’s', () => {
    expect(movedCandidates({ candidateGroups: ['tiimi-kaarina-paimio-sauvo'], candidateUsers: ['p-kaarina-sh2'] }, MOVE)).to.equal(null);
    expect(movedCandidates({ candidateGroups: ['tiimi-turku-keskusta-x'], candidateUsers: [] }, MOVE)).to.equal(null);
  });
});
