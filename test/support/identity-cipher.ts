import { createIdentityCipher, type PlainIdentity } from '../../src/security/identity-cipher.js';
import type { OpenCaseInput } from '../../src/store/case-repository.js';

/** The identity cipher of tests that open cases directly in the read model: a fixed, throwaway key. */
export const TEST_IDENTITY_CIPHER = createIdentityCipher(Buffer.alloc(32, 7));

/** What a test may override when it opens a case: the identity in the clear, sealed on the way in. */
export type TestCaseOverrides = Partial<Omit<OpenCaseInput, 'identity'>> & { identity?: PlainIdentity };

/** The case to open, with the defaults first, the test's overrides on top and its identity sealed. */
export function testCaseInput(defaults: Omit<OpenCaseInput, 'caseId'> & { caseId: string }, overrides: TestCaseOverrides): OpenCaseInput {
  const { identity, ...rest } = overrides;
  const input = { ...defaults, ...rest };
  return identity ? { ...input, identity: TEST_IDENTITY_CIPHER.seal(input.caseId, identity) } : input;
}
