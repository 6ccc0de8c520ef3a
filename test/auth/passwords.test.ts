import { expect } from 'chai';
import { hashPassword, UNUSABLE_PASSWORD_HASH, verifyPassword } from '../../src/auth/passwords.js';

describe('auth: password hashes (scrypt)', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    // given
    const hash = await hashPassword('oikea salasana');
    // then
    expect(hash).to.match(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('oikea salasana', hash)).to.equal(true);
    expect(await verifyPassword('väärä salasana', hash)).to.equal(false);
  });

  it('salts every hash, so equal passwords give different hashes', async () => {
    expect(await hashPassword('sama')).not.to.equal(await hashPassword('sama'));
  });

  it('answers false, not an error, for a malformed hash and for the unusable one', async () => {
    expect(await verifyPassword('x', 'plain-text')).to.equal(false);
    expect(await verifyPassword('x', 'scrypt$abc$8$1$AAAA$BBBB')).to.equal(false);
    expect(await verifyPassword('', UNUSABLE_PASSWORD_HASH)).to.equal(false);
  });
});
