import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OAuthError } from '../../src/errors/oauth-error.js';
import { graceRefreshToken, newGraceSalt } from '../../src/token/grants/refresh-grace.js';

describe('the refresh token a rotation derives (graceRefreshToken)', () => {
  const oldToken = 'grt_' + 'a'.repeat(43);

  it('is the same for the same old token and salt, and another for either changed', () => {
    const salt = newGraceSalt();
    const next = graceRefreshToken(oldToken, salt);
    assert.match(next, /^grt_[A-Za-z0-9_-]{43}$/);
    assert.equal(graceRefreshToken(oldToken, salt), next);
    assert.notEqual(graceRefreshToken(oldToken, newGraceSalt()), next);
    assert.notEqual(graceRefreshToken('grt_' + 'b'.repeat(43), salt), next);
  });

  it('makes salts of 128 random bits', () => {
    const salts = new Set(Array.from({ length: 1000 }, newGraceSalt));
    assert.equal(salts.size, 1000);
    for (const salt of salts) assert.match(salt, /^[A-Za-z0-9_-]{22}$/);
  });

  it("refuses what is not a salt (an earlier build's sealed answer, an empty one) with invalid_grant", () => {
    for (const kept of ['v1.derived.iv.sealed-answer', '', 'a'.repeat(21), 'a'.repeat(22) + '\n']) {
      assert.throws(() => graceRefreshToken(oldToken, kept), (error: unknown) => error instanceof OAuthError && error.code === 'invalid_grant');
    }
  });
});
