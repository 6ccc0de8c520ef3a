import { expect } from 'chai';
import { eventually } from './eventually.js';
import { expectProblem } from './problem.js';
import { seededRandom } from '../../kit/seeded-random.js';

describe('the test kit', () => {
  describe('#eventually', () => {
    it('should answer the first truthy value the probe gives', async () => {
      // given
      const answers = [undefined, false, 0, 'second', 'third'];

      // when
      const found = await eventually('an answer', async () => answers.shift(), { every: 1 });

      // then
      expect(found).to.equal('second');
      expect(answers).to.deep.equal(['third']);
    });

    it('should fail naming what it waited for and the last answer when the time runs out', async () => {
      // when
      const error = await eventually('the moon to rise', async () => false, { within: 20, every: 5 }).catch((e: Error) => e);

      // then
      expect(error).to.be.instanceOf(Error);
      expect((error as Error).message).to.match(/waiting for the moon to rise \(last answer: false\)/);
    });

    it('should count a probe that throws as not yet, and name its last error', async () => {
      // when
      const error = await eventually(
        'the door to open',
        async () => {
          throw new Error('still locked');
        },
        { within: 20, every: 5 },
      ).catch((e: Error) => e);

      // then
      expect((error as Error).message)
        .to.include('the door to open')
        .and.include('last error: still locked');
    });
  });

  describe('#expectProblem', () => {
    const problem = { type: 'about:blank', status: 400, title: 'Bad Request', detail: 'municipality: unknown' };

    it('should accept a problem+json answer and answer the document', () => {
      // when
      const found = expectProblem({ status: 400, contentType: 'application/problem+json', body: problem }, 400, { detail: 'municipality' });

      // then
      expect(found).to.deep.equal(problem);
    });

    it('should fail on an answer that is not problem+json', () => {
      expect(() => expectProblem({ status: 400, contentType: 'application/json', body: problem }, 400)).to.throw(/content type/);
    });

    it('should fail on a problem of another status', () => {
      expect(() => expectProblem({ status: 404, contentType: 'application/problem+json', body: problem }, 400)).to.throw();
    });

    it('should fail when the call it expects to be rejected succeeds', async () => {
      const error = await expectProblem(Promise.resolve({}), 404).catch((e: Error) => e);
      expect((error as Error).message).to.include('expected an HTTP 404 rejection');
    });
  });

  describe('#seededRandom', () => {
    it('should draw the same numbers from the same seed', () => {
      const [a, b] = [seededRandom(42), seededRandom(42)];
      const draws = Array.from({ length: 5 }, () => [a(), b()]);
      expect(draws.every(([x, y]) => x === y && x >= 0 && x < 1)).to.equal(true);
      expect(seededRandom(43)()).to.not.equal(seededRandom(42)());
    });
  });
});
