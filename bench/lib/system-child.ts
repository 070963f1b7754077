// One system of the token scenario in its own process (see system-process.ts): starts it, says
// where it listens, mints codes in its own store when asked, closes when told.
import { createHash, randomBytes } from 'node:crypto';
import { createDemoMcp } from '../../demo/index.js';
import { startGatehouse } from '../../src/app/start.js';
import { parseConfig } from '../../src/config/load.js';
import { hashSecret, newGrantId, newSecret } from '../../src/crypto/hash.js';
import { startOidcReference } from '../scenarios/oidc-reference.js';
import type { ChildMessage, Code, ParentMessage, SystemSpec } from './system-process.js';

interface Started {
  origin: string;
  resource: string;
  mintCodes(count: number): Promise<Code[]>;
  close(): Promise<void>;
}

const send = (message: ChildMessage) => process.send!(message);
const BATCH = 64;

async function startGatehouseSystem(spec: Extract<SystemSpec, { kind: 'gatehouse' }>): Promise<Started> {
  const running = await startGatehouse({
    config: parseConfig({ logLevel: 'silent', ...spec.config, server: { host: '127.0.0.1', port: 0 } }),
    mcp: createDemoMcp,
  });
  const { store } = running;
  // Saved in the store by digest, as /authorize saves them.
  const mintCode = async (): Promise<Code> => {
    const client = spec.codeClient;
    const code = newSecret();
    const verifier = randomBytes(32).toString('base64url');
    const now = Date.now();
    await store.saveCode(hashSecret(code), {
      clientId: client.clientId, userId: 'user-1', grantId: newGrantId(now), redirectUri: client.redirectUri,
      codeChallenge: createHash('sha256').update(verifier).digest('base64url'), codeChallengeMethod: 'S256',
      scopes: client.scopes, resource: running.mcpUrl, authTime: now, expiresAt: now + 60_000,
    });
    return { code, verifier };
  };
  return {
    origin: running.url,
    resource: running.mcpUrl,
    async mintCodes(count) {
      const codes: Code[] = [];
      for (let i = 0; i < count; i += BATCH) codes.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - i) }, mintCode))));
      return codes;
    },
    close: () => running.close(),
  };
}

const spec = JSON.parse(process.argv[2]!) as SystemSpec;
try {
  const system = spec.kind === 'gatehouse' ? await startGatehouseSystem(spec) : await startOidcReference(spec.resource);
  process.on('message', async (message: ParentMessage) => {
    if ('close' in message) {
      await system.close();
      process.disconnect();
      return;
    }
    try {
      send({ id: message.id, codes: await system.mintCodes(message.mint) });
    } catch (error) {
      send({ id: message.id, mintFailed: (error as Error).message });
    }
  });
  send({ ready: { origin: system.origin, resource: system.resource } });
} catch (error) {
  send({ failed: (error as Error).stack ?? String(error) });
  process.disconnect();
}
