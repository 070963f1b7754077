import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isLocalSignInError } from '../../src/errors/local-sign-in-error.js';
import { chooseSignInPath, detectSessionKind, type LocalProvider } from '../../src/local/index.js';

const withDevice = (device: boolean) => ({ name: 'corp', upstream: { authorizationServer: async () => ({ issuer: 'https://corp.example', ...(device ? { device_authorization_endpoint: 'https://corp.example/device' } : {}) }) } }) as unknown as LocalProvider;

describe('which sign-in path a session takes', () => {
  it('detects headless sessions: CI, SSH, Linux without a display', () => {
    assert.deepEqual(detectSessionKind({ CI: 'true', DISPLAY: ':0' }, 'linux'), { headless: true, reason: 'running under CI' });
    assert.equal(detectSessionKind({ SSH_CONNECTION: '10.0.0.1 22 10.0.0.2 5000', DISPLAY: ':0' }, 'linux').reason, 'an SSH session');
    assert.equal(detectSessionKind({ SSH_TTY: '/dev/pts/0' }, 'darwin').headless, true);
    assert.equal(detectSessionKind({}, 'linux').reason, 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)');
    assert.equal(detectSessionKind({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux').headless, false);
    assert.equal(detectSessionKind({ DISPLAY: ':0' }, 'linux').headless, false);
    assert.equal(detectSessionKind({}, 'darwin').headless, false);
    assert.equal(detectSessionKind({}, 'win32').headless, false);
  });

  it('desktop → loopback; headless → device when offered, else paste; and says why', async () => {
    const desktop = { headless: false, reason: 'a desktop session' };
    const headless = { headless: true, reason: 'an SSH session' };
    assert.deepEqual(await chooseSignInPath(withDevice(true), { env: {}, session: desktop }), { path: 'loopback', why: 'a browser can be opened (a desktop session)' });
    assert.deepEqual(await chooseSignInPath(withDevice(true), { env: {}, session: headless }), { path: 'device', why: 'no browser here (an SSH session), and corp offers device sign-in' });
    assert.deepEqual(await chooseSignInPath(withDevice(false), { env: {}, session: headless }), { path: 'paste', why: 'no browser here (an SSH session), and corp has no device sign-in' });
  });

  it('GATEHOUSE_LOCAL_SIGN_IN chooses the path; a wrong value is refused', async () => {
    assert.equal((await chooseSignInPath(withDevice(false), { env: { GATEHOUSE_LOCAL_SIGN_IN: 'device' } })).path, 'device');
    assert.equal((await chooseSignInPath(withDevice(false), { env: { GATEHOUSE_LOCAL_SIGN_IN: 'auto' }, session: { headless: false, reason: 'x' } })).path, 'loopback');
    await assert.rejects(chooseSignInPath(withDevice(false), { env: { GATEHOUSE_LOCAL_SIGN_IN: 'fax' } }), (e) => isLocalSignInError(e, 'not_configured'));
  });
});
