import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { constantTimeEqual, hashSecret } from '../../src/crypto/hash.js';
import { checkPkce } from '../../src/token/checks/check-pkce.js';

describe('digests of secrets', () => {
  it('hashSecret is SHA-256 in base64url: the digests already in every store still match', () => {
    assert.equal(hashSecret('abc'), 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    assert.equal(hashSecret('ünïcode'), createHash('sha256').update('ünïcode', 'utf8').digest('base64url'), 'over the UTF-8 bytes');
  });

  it('constantTimeEqual tells equal strings from different ones, of any lengths', () => {
    assert.equal(constantTimeEqual('same', 'same'), true);
    assert.equal(constantTimeEqual('same', 'samf'), false);
    assert.equal(constantTimeEqual('short', 'a much longer string'), false);
    assert.equal(constantTimeEqual('', ''), true);
  });

  it('checkPkce accepts the RFC 7636 Appendix B pair and refuses another verifier', () => {
    checkPkce('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    assert.throws(() => checkPkce('eBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk', 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'), /does not match/);
  });
});
