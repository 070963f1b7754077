// The reference authorization server for the token scenario: oidc-provider 9.x, in memory, with
// PKCE, resource indicators (ES256 JWT access tokens for the MCP resource) and refresh-token
// rotation, on a loopback port. Codes for the load are minted ahead through its own models
// (Grant + AuthorizationCode, as its interaction flow would save them after consent).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';
// Its own in-memory adapter and store class; the store is made larger than the default 1,000
// entries so that codes minted ahead are not evicted before the load reaches them.
// @ts-expect-error -- deep import of a module the package ships without types
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';
// @ts-expect-error -- deep import of a module the package ships without types
import LRU from 'oidc-provider/lib/helpers/lru.js';

export const OIDC_CLIENT_ID = 'bench-app';
export const OIDC_REDIRECT_URI = 'http://127.0.0.1/callback';
const SCOPES = 'notes:read notes:write';

/** The models used to mint codes ahead (the package ships no types; this is the part used). */
interface Models {
  Client: { find(id: string): Promise<unknown> };
  Grant: new (init: { accountId: string; clientId: string }) => { addOIDCScope(s: string): void; addResourceScope(r: string, s: string): void; save(): Promise<string> };
  AuthorizationCode: new (init: Record<string, unknown>) => { save(): Promise<string> };
}

export interface OidcReference {
  origin: string;
  resource: string;
  /** `count` codes, each for its own grant, with their PKCE verifiers. */
  mintCodes(count: number): Promise<Array<{ code: string; verifier: string }>>;
  close(): Promise<void>;
}

export async function startOidcReference(resource: string): Promise<OidcReference> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signing = { ...(await exportJWK(privateKey)), kid: 'bench-es256', alg: 'ES256', use: 'sig' };
  const store = new LRU({ maxSize: 1_000_000 });
  const configuration = {
    adapter: class extends MemoryAdapter {
      constructor(model: string) {
        super(model, store);
      }
    },
    clients: [{
      client_id: OIDC_CLIENT_ID, application_type: 'native', token_endpoint_auth_method: 'none',
      redirect_uris: [OIDC_REDIRECT_URI], id_token_signed_response_alg: 'ES256', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
    }],
    jwks: { keys: [signing] },
    scopes: ['offline_access', 'notes:read', 'notes:write'],
    rotateRefreshToken: true,
    // Gatehouse's defaults, so both issue the same lifetimes.
    ttl: { AuthorizationCode: 60, AccessToken: 900, RefreshToken: 2_592_000, Grant: 7_776_000 },
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: SCOPES, audience: resource, accessTokenTTL: 900, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } }),
      },
    },
  };
  const provider = new Provider('http://127.0.0.1', configuration as unknown as Configuration);
  const models = provider as unknown as Models;
  const server: Server = createServer(provider.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = await models.Client.find(OIDC_CLIENT_ID);

  return {
    origin,
    resource,
    async mintCodes(count) {
      const codes: Array<{ code: string; verifier: string }> = [];
      for (let i = 0; i < count; i++) {
        const grant = new models.Grant({ accountId: 'user-1', clientId: OIDC_CLIENT_ID });
        grant.addOIDCScope('offline_access');
        grant.addResourceScope(resource, SCOPES);
        const grantId = await grant.save();
        const verifier = randomBytes(32).toString('base64url');
        const code = await new models.AuthorizationCode({
          accountId: 'user-1', client, grantId, redirectUri: OIDC_REDIRECT_URI, scope: `offline_access ${SCOPES}`, resource,
          codeChallenge: createHash('sha256').update(verifier).digest('base64url'), codeChallengeMethod: 'S256',
          authTime: Math.floor(Date.now() / 1000), expiresWithSession: false,
        }).save();
        codes.push({ code, verifier });
      }
      return codes;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
