import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import * as oauth from 'oauth4webapi';
import { hashSecret, newSecret } from '../../src/crypto/hash.js';
import { basicHeader, insecure, startTokenServer, type IssuedTokens, type TokenServer } from './fixtures/harness.js';

type Tokens = IssuedTokens;
const RS_SECRET = newSecret();
const refresh = (server: TokenServer, refreshToken: string, extra: Record<string, string> = {}) =>
  server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app', refresh_token: refreshToken, ...extra });

async function errorOf(response: Response): Promise<string> {
  assert.equal(response.headers.get('cache-control'), 'no-store');
  return ((await response.json()) as { error: string }).error;
}

describe('refresh_token grant', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ refreshGraceWindow: 2, introspectionCredentials: [{ id: 'rs', secretHash: hashSecret(RS_SECRET) }] });
  });
  after(() => server.close());

  it('rotates: a new refresh token each time, the old one spent (oauth4webapi client)', async () => {
    const first = await server.obtainTokens();
    const client = { client_id: 'public-app' };
    const response = await oauth.refreshTokenGrantRequest(server.as, client, oauth.None(), first.refresh_token, insecure);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const next = await oauth.processRefreshTokenResponse(server.as, client, response);
    assert.notEqual(next.refresh_token, first.refresh_token);
    assert.notEqual(next.access_token, first.access_token);
    assert.equal(await server.running.store.getRefreshToken(hashSecret(first.refresh_token), Date.now()), undefined);
    assert.ok(await server.running.store.getRefreshToken(hashSecret(next.refresh_token!), Date.now()));
  });

  it('carries the family (user, grant end) in each refresh token; one written without them still rotates', async () => {
    const first = await server.obtainTokens();
    const grant = (await server.running.store.getGrant(first.grantId))!;
    const record = (await server.running.store.getRefreshToken(hashSecret(first.refresh_token), Date.now()))!;
    assert.equal(record.userId, grant.userId);
    assert.equal(record.grantExpiresAt, grant.expiresAt);
    // As an earlier Gatehouse saved it: the rotation reads the grant instead.
    const { userId: _u, grantExpiresAt: _g, ...older } = record;
    const olderToken = newSecret('grt_');
    await server.running.store.saveRefreshToken(hashSecret(olderToken), older);
    const response = await refresh(server, olderToken);
    assert.equal(response.status, 200);
    const next = (await response.json()) as Tokens;
    const successor = (await server.running.store.getRefreshToken(hashSecret(next.refresh_token), Date.now()))!;
    assert.equal(successor.userId, grant.userId);
    assert.equal(successor.grantExpiresAt, grant.expiresAt);
  });

  it('answers an exact duplicate within the grace window with the same refresh token and an access token of its own, ending with the winner\'s', async () => {
    const first = await server.obtainTokens();
    const a = await refresh(server, first.refresh_token);
    // A second later, so that an access token of a full lifetime would outlive the winner's.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const b = await refresh(server, first.refresh_token);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(b.headers.get('cache-control'), 'no-store');
    const [winner, duplicate] = (await Promise.all([a.json(), b.json()])) as [Tokens, Tokens];
    assert.equal(duplicate.refresh_token, winner.refresh_token);
    assert.equal(duplicate.scope, winner.scope);
    assert.ok(decodeJwt(duplicate.access_token).exp! <= decodeJwt(winner.access_token).exp!, 'the duplicate extends nothing');
    assert.ok(duplicate.expires_in < winner.expires_in);
    for (const { access_token } of [winner, duplicate]) {
      const introspected = (await (await server.post('/introspect', { token: access_token }, { Authorization: basicHeader('rs', RS_SECRET) })).json()) as { active: boolean; scope: string };
      assert.deepEqual([introspected.active, introspected.scope], [true, 'notes:read notes:write']);
    }
    // One live family member: the token both answers carry.
    assert.equal((await refresh(server, duplicate.refresh_token)).status, 200);
  });

  it('checks a duplicate as it checks a rotation: another client, a wider scope or another resource is refused, and nothing revoked', async () => {
    const first = await server.obtainTokens();
    const winner = (await (await refresh(server, first.refresh_token)).json()) as Tokens;
    const stolen = await server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app-2', refresh_token: first.refresh_token });
    assert.equal(await errorOf(stolen), 'invalid_grant');
    assert.equal(await errorOf(await refresh(server, first.refresh_token, { scope: 'notes:read admin' })), 'invalid_scope');
    assert.equal(await errorOf(await refresh(server, first.refresh_token, { resource: 'https://other.example/mcp' })), 'invalid_target');
    assert.equal((await server.running.store.getGrant(first.grantId))?.revokedAt, undefined);
    assert.equal((await refresh(server, winner.refresh_token)).status, 200);
  });

  it('refuses a duplicate of a rotation that kept no salt it can derive from (an earlier sealed answer)', async () => {
    const first = await server.obtainTokens();
    const record = (await server.running.store.getRefreshToken(hashSecret(first.refresh_token), Date.now()))!;
    const now = Date.now();
    const rotated = await server.running.store.rotateRefreshToken(hashSecret(first.refresh_token), {
      nextHash: hashSecret(newSecret('grt_')), next: record, graceSalt: 'v1.derived.iv.sealed-answer', graceMs: 60_000, now,
    });
    assert.equal(rotated.status, 'rotated');
    assert.equal(await errorOf(await refresh(server, first.refresh_token)), 'invalid_grant');
    assert.equal((await server.running.store.getGrant(first.grantId))?.revokedAt, undefined, 'a duplicate, not reuse');
  });

  it('treats reuse after the grace window as theft: refused, and the whole grant revoked', async () => {
    const first = await server.obtainTokens();
    const rotated = (await (await refresh(server, first.refresh_token)).json()) as Tokens;
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    assert.equal(await errorOf(await refresh(server, first.refresh_token)), 'invalid_grant');
    const grant = await server.running.store.getGrant(first.grantId);
    assert.ok(grant?.revokedAt !== undefined);
    // The legitimate holder's current tokens die with the family, JWT access token included.
    assert.equal(await errorOf(await refresh(server, rotated.refresh_token)), 'invalid_grant');
    const introspected = await server.post('/introspect', { token: rotated.access_token }, { Authorization: basicHeader('rs', RS_SECRET) });
    assert.deepEqual(await introspected.json(), { active: false });
  });

  it('survives 20 concurrent refreshes of one token: no 5xx, one answer, one live family member', async () => {
    const first = await server.obtainTokens();
    const responses = await Promise.all(Array.from({ length: 20 }, () => refresh(server, first.refresh_token)));
    const statuses = responses.map((r) => r.status);
    assert.ok(statuses.every((s) => s < 500), `statuses: ${statuses.join(',')}`);
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Tokens[];
    const issued = new Set(bodies.filter((_, i) => statuses[i] === 200).map((b) => b.refresh_token));
    assert.equal(issued.size, 1, 'every successful answer carries the same refresh token');
    const [live] = [...issued];
    assert.ok(await server.running.store.getRefreshToken(hashSecret(live!), Date.now()));
    // The family has exactly one usable member: the one handed out; it rotates normally.
    const onward = await refresh(server, live!);
    assert.equal(onward.status, 200);
  });

  it('allows down-scoping to a subset, refuses widening, and keeps the full scope on the refresh token', async () => {
    const first = await server.obtainTokens();
    const narrowed = await refresh(server, first.refresh_token, { scope: 'notes:read' });
    assert.equal(narrowed.status, 200);
    const body = (await narrowed.json()) as Tokens;
    assert.equal(body.scope, 'notes:read');
    const record = await server.running.store.getRefreshToken(hashSecret(body.refresh_token), Date.now());
    assert.deepEqual(record?.scopes, ['notes:read', 'notes:write']);
    assert.equal(await errorOf(await refresh(server, body.refresh_token, { scope: 'notes:read admin' })), 'invalid_scope');
  });

  it('refuses a different resource (invalid_target) and another client presenting the token', async () => {
    const first = await server.obtainTokens();
    assert.equal(await errorOf(await refresh(server, first.refresh_token, { resource: 'https://other.example/mcp' })), 'invalid_target');
    const stolen = await server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app-2', refresh_token: first.refresh_token });
    assert.equal(await errorOf(stolen), 'invalid_grant');
    const ok = await refresh(server, first.refresh_token, { resource: server.resource });
    assert.equal(ok.status, 200);
  });

  it('refuses unknown and missing refresh tokens', async () => {
    assert.equal(await errorOf(await refresh(server, 'grt_unknown')), 'invalid_grant');
    const missing = await server.post('/token', { grant_type: 'refresh_token', client_id: 'public-app' });
    assert.equal(await errorOf(missing), 'invalid_request');
  });

  it('never lets a refresh token outlive its grant', async () => {
    const first = await server.obtainTokens();
    const grant = await server.running.store.getGrant(first.grantId);
    const record = await server.running.store.getRefreshToken(hashSecret(first.refresh_token), Date.now());
    assert.ok(grant && record);
    assert.ok(record.expiresAt <= grant.expiresAt);
    assert.equal(record.expiresAt - record.createdAt, 30 * 86_400_000);
  });
});

describe('refresh_token grant, opaque access tokens', () => {
  let server: TokenServer;
  before(async () => {
    server = await startTokenServer({ accessTokenFormat: 'opaque', refreshGraceWindow: 2, introspectionCredentials: [{ id: 'rs', secretHash: hashSecret(RS_SECRET) }] });
  });
  after(() => server.close());

  it('gives a duplicate within the grace window an opaque access token of its own, saved and active', async () => {
    const first = await server.obtainTokens();
    const [winner, duplicate] = (await Promise.all([
      refresh(server, first.refresh_token).then((r) => r.json()),
      refresh(server, first.refresh_token).then((r) => r.json()),
    ])) as [Tokens, Tokens];
    assert.equal(duplicate.refresh_token, winner.refresh_token);
    assert.notEqual(duplicate.access_token, winner.access_token);
    for (const { access_token } of [winner, duplicate]) {
      const introspected = (await (await server.post('/introspect', { token: access_token }, { Authorization: basicHeader('rs', RS_SECRET) })).json()) as { active: boolean };
      assert.equal(introspected.active, true);
    }
  });
});

describe('refresh rotation on the SQLite store', () => {
  let server: TokenServer;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-refresh-'));
    server = await startTokenServer({}, { store: { url: `sqlite:${join(dir, 'tokens.db')}` } });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives 20 concurrent refreshes of one token with one answer, and detects later reuse', async () => {
    const first = await server.obtainTokens();
    const responses = await Promise.all(Array.from({ length: 20 }, () => refresh(server, first.refresh_token)));
    assert.ok(responses.every((r) => r.status === 200), responses.map((r) => r.status).join(','));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Tokens[];
    assert.equal(new Set(bodies.map((b) => b.refresh_token)).size, 1);
    const next = (await (await refresh(server, bodies[0]!.refresh_token)).json()) as Tokens;
    assert.ok(next.refresh_token);
    // Outside the default 30 s window a replay of the first token would be reuse; inside it, the
    // same answer again: both are spec-conform, and the window is what the test pins.
    const again = (await (await refresh(server, first.refresh_token)).json()) as Tokens;
    assert.equal(again.refresh_token, bodies[0]!.refresh_token);
  });
});
