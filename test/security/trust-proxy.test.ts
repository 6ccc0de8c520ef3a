import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';

describe('TRUST_PROXY', () => {
  const trustProxy = (value?: string) => loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).TRUST_PROXY;

  it('should refuse true at start, naming the variable and what to set instead', () => {
    expect(() => trustProxy('true')).to.throw(
      /TRUST_PROXY: true would trust every X-Forwarded-For entry.*TRUST_PROXY=1.*TRUST_PROXY=10\.0\.0\.5/,
    );
  });

  it('should take a hop count', () => {
    expect(trustProxy('1')).to.equal(1);
    expect(trustProxy('2')).to.equal(2);
  });

  it('should take proxy addresses, CIDR ranges and proxy-addr range names, comma-separated', () => {
    expect(trustProxy('10.0.0.5, 10.0.0.0/8,fd00::/8 , loopback')).to.deep.equal(['10.0.0.5', '10.0.0.0/8', 'fd00::/8', 'loopback']);
  });

  it('should trust no proxy when unset, empty, false or 0', () => {
    for (const value of [undefined, '', 'false', '0']) expect(trustProxy(value), String(value)).to.equal(false);
  });

  it('should refuse what is neither a hop count nor an address, naming it', () => {
    expect(() => trustProxy('proxy.example, 10.0.0.0/33')).to.throw(/TRUST_PROXY: "proxy\.example", "10\.0\.0\.0\/33" is not a hop count/);
    expect(() => trustProxy('yes')).to.throw(/TRUST_PROXY: "yes"/);
    expect(() => trustProxy('100')).to.throw(/TRUST_PROXY: 100 proxies/);
  });
});
