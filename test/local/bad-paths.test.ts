import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { secretServiceMissing, startSecretService } from '../helpers/secret-service.js';
import { isLocalSignInError, type LocalSignInErrorCode } from '../../src/errors/local-sign-in-error.js';
import { createLocalServerAuth, loadLocalConfig, openTokenStore, parseLocalConfig, startSignIn, type LocalServerAuth, type SignInIo } from '../../src/local/index.js';
import { PROVIDER, SERVER, startLocalStack, type LocalStack } from './fixtures/local-stack.js';

/** Starting the command through tsx can take a while on a loaded machine. */
const CLI_TIMEOUT_MS = 120_000;

const quiet: SignInIo = { say: () => {}, openBrowser: async () => false };
const LOOPBACK = { path: 'loopback' as const, why: 'test' };

async function rejectsWith(promise: Promise<unknown>, code: LocalSignInErrorCode, message: RegExp): Promise<void> {
  await assert.rejects(promise, (error) => {
    assert.ok(isLocalSignInError(error, code), `expected ${code}, got ${String(error)}`);
    assert.match(error.message, message);
    return true;
  });
}

/** Each bad path ends with a clear message and nothing in the keychain. */
describe('gatehouse/local bad paths (oidc-provider upstream, real Secret Service)', { skip: secretServiceMissing }, () => {
  let stack: LocalStack;
  let local: LocalServerAuth;
  const nothingSaved = () => assert.equal(stack.secrets.lookup(`gatehouse-local:${SERVER}`, `${PROVIDER}:default`), undefined);

  before(async () => {
    stack = await startLocalStack();
    process.env.DBUS_SESSION_BUS_ADDRESS = stack.secrets.env.DBUS_SESSION_BUS_ADDRESS;
    local = createLocalServerAuth({ config: loadLocalConfig(stack.configPath), env: { ...process.env, ...stack.env }, io: quiet });
  });
  after(async () => {
    await stack?.close();
  });

  const begin = (options: { callbackTimeoutMs?: number; loopbackPort?: number } = {}) =>
    startSignIn(local.auth(), LOOPBACK, quiet, { callbackTimeoutMs: options.callbackTimeoutMs ?? 30_000, openBrowser: false, ...(options.loopbackPort ? { loopbackPort: options.loopbackPort } : {}) });
  const redirectOf = (url: string) => new URL(url).searchParams.get('redirect_uri')!;
  const stateOf = (url: string) => new URL(url).searchParams.get('state')!;

  it('a callback with the wrong state is refused, the browser told, nothing saved', async () => {
    const pending = await begin();
    const page = await fetch(`${redirectOf(pending.url)}?code=abc&state=not-ours`);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /carries a state this sign-in did not send/);
    await rejectsWith(pending.done, 'state_mismatch', /refused and nothing was saved/);
    nothingSaved();
  });

  it('a callback without state is refused', async () => {
    const pending = await begin();
    await fetch(`${redirectOf(pending.url)}?code=abc`);
    await rejectsWith(pending.done, 'state_mismatch', /has no state/);
    nothingSaved();
  });

  it('an iss that is not the provider (RFC 9207) is refused', async () => {
    const pending = await begin();
    await fetch(`${redirectOf(pending.url)}?code=abc&state=${stateOf(pending.url)}&iss=${encodeURIComponent('http://127.0.0.1:1/evil')}`);
    await rejectsWith(pending.done, 'invalid_callback', /failed its checks/);
    nothingSaved();
  });

  it('the person denying at the provider ends the sign-in with access_denied', async () => {
    const pending = await begin();
    const iss = encodeURIComponent(stack.upstream.issuer);
    await fetch(`${redirectOf(pending.url)}?error=access_denied&state=${stateOf(pending.url)}&iss=${iss}`);
    await rejectsWith(pending.done, 'access_denied', /You declined the sign-in at corp; nothing was saved/);
    nothingSaved();
  });

  it('nobody coming back stops the listener at the timeout', async () => {
    const pending = await begin({ callbackTimeoutMs: 50 });
    await rejectsWith(pending.done, 'callback_timeout', /Nobody came back from the browser .* nothing was saved/);
    await assert.rejects(fetch(redirectOf(pending.url)), 'the listener is closed');
    nothingSaved();
  });

  it('the listener takes one callback only, on 127.0.0.1', async () => {
    const pending = await begin();
    const redirect = redirectOf(pending.url);
    assert.match(redirect, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.equal((await fetch(redirect.replace('/callback', '/other'))).status, 404);
    await fetch(`${redirect}?code=x&state=wrong`);
    await pending.done.catch(() => {});
    await assert.rejects(fetch(`${redirect}?code=x&state=${stateOf(pending.url)}`));
  });

  it('a port already taken is a clear error', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      await rejectsWith(begin({ loopbackPort: port }), 'port_unavailable', new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      taken.close();
    }
    nothingSaved();
  });

  it('a provider that is down: no sign-in starts, and a refresh keeps the entry', async () => {
    const down = createLocalServerAuth({
      config: parseLocalConfig({ server: SERVER, providers: [{ type: 'oidc', name: PROVIDER, issuer: 'http://127.0.0.1:9/', clientIdEnv: 'DEMO_LOCAL_CLIENT_ID' }] }),
      env: { ...process.env, ...stack.env },
      io: quiet,
    });
    await rejectsWith(startSignIn(down.auth(), LOOPBACK, quiet, { callbackTimeoutMs: 1000, openBrowser: false }), 'provider_unreachable', /corp could not be reached .* nothing was saved/);
    nothingSaved();
    await down.auth().save({ tokens: { accessToken: 'expired-access-token-0123456789', refreshToken: 'refresh-token-0123456789abcdef', tokenType: 'bearer', expiresAt: Date.now() - 1000 }, identity: { subject: 'ada', displayName: 'ada' } });
    await rejectsWith(down.auth().accessToken(), 'provider_unreachable', /corp could not be reached/);
    assert.ok(stack.secrets.lookup(`gatehouse-local:${SERVER}`, `${PROVIDER}:default`), 'an unreachable provider does not cost the sign-in');
    await down.auth().signOut();
  });

  // The keyring binding keeps its D-Bus connection for the life of a process, so the keychains
  // that fail are each tried from a process of their own: the command a person would run.
  it('no Secret Service on the bus: refused, naming what to install, nothing written', async () => {
    const result = await runCli(['local', 'status'], { env: { ...stack.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(stack.dir, 'no-bus')}` }, timeoutMs: CLI_TIMEOUT_MS });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /gatehouse local status: No OS keychain could be reached .*apt install gnome-keyring libsecret-tools.*GATEHOUSE_LOCAL_TOKEN_STORE=file and GATEHOUSE_LOCAL_PASSPHRASE\. Nothing was saved\./s);
    assert.deepEqual(readdirSync(join(stack.env.HOME!)), [], 'nothing written under HOME');
  });

  it('a locked keychain: refused with how to unlock it, nothing written', async () => {
    const other = await startSecretService();
    try {
      other.lock();
      const result = await runCli(['local', 'status'], { env: { ...stack.env, ...other.env }, timeoutMs: CLI_TIMEOUT_MS });
      assert.equal(result.code, 1);
      assert.match(result.stderr, /gatehouse local status: The OS keychain is locked and could not be unlocked .*Unlock it .*Nothing was saved\./s);
      assert.equal(other.lookup(`gatehouse-local:${SERVER}`, `${PROVIDER}:default`), undefined);
    } finally {
      await other.stop();
    }
  });

  it('the opted-in encrypted file: tokens sealed (scrypt + AES-256-GCM), mode 0600, a wrong passphrase cannot open it', async () => {
    const file = join(stack.dir, 'tokens.enc');
    const env = { GATEHOUSE_LOCAL_TOKEN_STORE: 'file', GATEHOUSE_LOCAL_PASSPHRASE: 'correct horse battery staple', GATEHOUSE_LOCAL_TOKEN_FILE: file };
    const store = await openTokenStore(SERVER, env);
    const key = { server: SERVER, provider: PROVIDER, account: 'default' };
    const value = { v: 1 as const, tokens: { accessToken: 'file-access-token-0123456789abcdef', refreshToken: 'file-refresh-token-0123456789abcdef', tokenType: 'bearer' }, identity: { subject: 'ada', displayName: 'ada' }, savedAt: 1 };
    await store.write(key, value);
    assert.deepEqual(await store.read(key), value);
    const bytes = readFileSync(file, 'utf8');
    assert.ok(!bytes.includes('file-access-token') && !bytes.includes('file-refresh-token'));
    assert.equal(statSync(file).mode & 0o777, 0o600);
    const wrong = await openTokenStore(SERVER, { ...env, GATEHOUSE_LOCAL_PASSPHRASE: 'not the right passphrase' });
    await rejectsWith(wrong.read(key), 'token_file_unreadable', /cannot be opened with this GATEHOUSE_LOCAL_PASSPHRASE/);
    await rejectsWith(openTokenStore(SERVER, { GATEHOUSE_LOCAL_TOKEN_STORE: 'file' }), 'not_configured', /needs GATEHOUSE_LOCAL_PASSPHRASE/);
    assert.equal(await store.delete(key), true);
    assert.equal(await store.read(key), undefined);
  });
});
