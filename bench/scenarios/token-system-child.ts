// One system of the token scenario in its own process (see token-systems.ts): starts it, says
// where it listens, mints codes in its own store when asked, closes when told.
import { createHash, randomBytes } from 'node:crypto';
import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import { hashSecret, newId, newSecret } from '../../src/crypto/hash.js';
import { startOidcReference } from './oidc-reference.js';
import type { ChildMessage, Code, SystemSpec } from './token-systems.js';

interface Started {
  origin: string;
  resource: string;
  mintCodes(count: number): Promise<Code[]>;
  close(): Promise<void>;
}

const send = (message: ChildMessage) => process.send!(message);

async function startGatehouseSystem(spec: Extract<SystemSpec, { kind: 'gatehouse' }>): Promise<Started> {
  const running = await startGatehouse({
    config: parseConfig({
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0 },
      store: spec.store,
      resource: { scopesSupported: spec.scopes },
      authorizationServer: {
        // The limit stays on but never trips under the load.
        tokens: { rateLimitPerMinute: 10_000_000 },
        clients: { preregistered: [{ clientId: spec.clientId, redirectUris: [spec.redirectUri], tokenEndpointAuthMethod: 'none' }] },
      },
    }),
    mcp: createDemoMcp,
  });
  return {
    origin: running.url,
    resource: running.mcpUrl,
    // Saved in the store by digest, as /authorize saves them.
    async mintCodes(count) {
      const codes: Code[] = [];
      const now = Date.now();
      for (let i = 0; i < count; i += 64) {
        const batch = Array.from({ length: Math.min(64, count - i) }, () => ({ code: newSecret(), verifier: randomBytes(32).toString('base64url') }));
        await Promise.all(batch.map(({ code, verifier }) => running.store.saveCode(hashSecret(code), {
          clientId: spec.clientId, userId: 'user-1', grantId: newId(), redirectUri: spec.redirectUri,
          codeChallenge: createHash('sha256').update(verifier).digest('base64url'), codeChallengeMethod: 'S256',
          scopes: spec.scopes, resource: running.mcpUrl, authTime: now, expiresAt: now + 60_000,
        })));
        codes.push(...batch);
      }
      return codes;
    },
    close: () => running.close(),
  };
}

const spec = JSON.parse(process.argv[2]!) as SystemSpec;
try {
  const system = spec.kind === 'gatehouse' ? await startGatehouseSystem(spec) : await startOidcReference(spec.resource);
  process.on('message', async (message: { id: number; mint: number } | { close: true }) => {
    if ('close' in message) {
      await system.close();
      process.disconnect();
      return;
    }
    send({ id: message.id, codes: await system.mintCodes(message.mint) });
  });
  send({ ready: { origin: system.origin, resource: system.resource } });
} catch (error) {
  send({ failed: (error as Error).stack ?? String(error) });
  process.disconnect();
}
