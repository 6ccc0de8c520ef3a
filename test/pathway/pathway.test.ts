import { expect } from 'chai';
import { bpmnDir } from '../../kit/pathway/model.js';
import { flowCoverage, formatCoverage } from '../support/flow-coverage.js';
import { expectNoIdentityInVariables, scanVariables } from '../security/variable-scan.js';
import { PathwayDriver } from './pathway-driver.js';
import { childrenAndLovedOnesPaths } from './paths/children-and-loved-ones.js';
import { continuityPaths } from './paths/continuity.js';
import { groupAndImplementationPaths } from './paths/group-and-implementation.js';
import { intakePaths } from './paths/intake.js';
import { pairingPaths } from './paths/pairing.js';

/**
 * Every path of every diagram in process-application/bpmn/, end to end: the real service (embedded engine, in-process
 * workers, read model), one for all paths. The paths run one after another, each to the end of
 * its case, so a path that moves the engine clock cannot fire another case's timers.
 */
describe('pathway end to end', function () {
  this.timeout(120_000);
  let driver: PathwayDriver;

  before(async () => {
    driver = await PathwayDriver.start();
  });

  after(async () => {
    await driver?.close();
  });

  describe('intake', () => intakePaths(() => driver));
  describe('pairing and the assessment deadline', () => pairingPaths(() => driver));
  describe('working group, implementation, evaluation', () => groupAndImplementationPaths(() => driver));
  describe('children and loved ones', () => childrenAndLovedOnesPaths(() => driver));
  describe('continuity', () => continuityPaths(() => driver));

  describe('sequence-flow coverage', () => {
    it('should have taken every sequence flow of every diagram in process-application/bpmn/', async () => {
      // when
      const coverage = await flowCoverage(driver.knex, bpmnDir);

      // then
      console.log(formatCoverage(coverage));
      expect(coverage.perProcess.map((p) => p.bpmnProcessId)).to.have.members([
        'sote-tyoparipolku',
        'tyoryhmakasittely',
        'tiimikonsultaatio',
        'vastuusosiaalityontekija',
      ]);
      expect(coverage.missing).to.deep.equal([]);
      expect(coverage.percent).to.equal(100);
    });
  });

  describe('privacy', () => {
    it('should leave no henkilötunnus and no client name in any variable of any path (read through /v2/variables/search)', async () => {
      // when every path has run: the intakes name the client 'Testi Asiakas' with a henkilötunnus each
      const scanned = await expectNoIdentityInVariables(driver.test.client, ['Testi Asiakas']);

      // then
      expect(scanned).to.be.greaterThan(100);
    });

    it('should keep the referral, which the app stores, out of every variable', async () => {
      // when every path has run: each intake gave the same referral (test/pathway/pathway-driver.ts)
      const { leaks } = await scanVariables(driver.test.client, ['Alkoholin käyttö ja asumisen vaikeudet', 'Terveysasema']);

      // then
      expect(leaks).to.deep.equal([]);
    });
  });
});
