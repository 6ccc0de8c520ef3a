import { expect } from 'chai';
import { consentCovers, type ConsentScopeCode, type RegisterCode } from '../../src/domain/registers.js';
import { isStageCode, STAGE_CODES, STAGE_LABELS } from '../../src/domain/stages.js';

describe('registers', () => {
  describe('#consentCovers', () => {
    const rows: [ConsentScopeCode, RegisterCode, RegisterCode, boolean][] = [
      ['SOCIAL_TO_HEALTH', 'SOCIAL', 'HEALTH', true],
      ['SOCIAL_TO_HEALTH', 'HEALTH', 'SOCIAL', false],
      ['HEALTH_TO_SOCIAL', 'HEALTH', 'SOCIAL', true],
      ['HEALTH_TO_SOCIAL', 'SOCIAL', 'HEALTH', false],
      ['BOTH', 'SOCIAL', 'HEALTH', true],
      ['BOTH', 'HEALTH', 'SOCIAL', true],
      ['SOCIAL_TO_HEALTH', 'SOCIAL', 'SOCIAL', true],
    ];
    for (const [scope, from, to, expected] of rows) {
      it(`should say ${expected} for ${scope} reading ${from} data in ${to}`, () => {
        // given a consent scope and a read

        // when
        const covered = consentCovers(scope, from, to);

        // then
        expect(covered).to.equal(expected);
      });
    }
  });
});

describe('stages', () => {
  describe('#isStageCode', () => {
    it('should accept exactly the eight pathway stages', () => {
      // given
      const values = [...STAGE_CODES, 'ARVIOINTI_JA_PAATTAMINEN', 'tuen_tarve', ''];

      // when
      const accepted = values.filter(isStageCode);

      // then
      expect(accepted).to.deep.equal([
        'TUEN_TARVE',
        'TYOPARIN_MUODOSTUS',
        'ARVIOINTI',
        'SUUNNITELMA',
        'TYORYHMAKASITTELY',
        'TOTEUTUS',
        'LOPPUARVIOINTI',
        'PAATTYMINEN',
      ]);
      expect(Object.keys(STAGE_LABELS)).to.have.members([...STAGE_CODES]);
    });
  });
});
