import type { UpstreamProviderConfig } from '../../config/sections/upstream.js';
import type { OAuth2Endpoints } from './oauth2.js';

/** What a provider entry resolves to: an OIDC issuer, or plain OAuth 2.0 endpoints. */
export type ProviderShape =
  | { protocol: 'oidc'; issuer: string }
  | { protocol: 'oauth2'; endpoints: OAuth2Endpoints; pkce: boolean };

export interface ResolvedPreset {
  shape: ProviderShape;
  displayName: string;
  scopes: string[];
  authMethod: 'client_secret_basic' | 'client_secret_post';
  authorizationParams: Record<string, string>;
}

const OIDC_SCOPES = ['openid', 'profile', 'email'];

/**
 * The presets: documented endpoints of each provider, each overridable (GitHub Enterprise,
 * sovereign clouds, local stand-ins in tests).
 * - GitHub is OAuth 2.0 without OIDC: `/login/oauth/*` on github.com, `GET /user` on the API
 *   (numeric `id` is the stable subject; `login` can be renamed). Refresh tokens exist for
 *   GitHub Apps with expiring user tokens. Token errors come as HTTP 200 with `error`.
 * - Google is OIDC; refresh tokens only with `access_type=offline`, and reliably only with
 *   `prompt=consent`.
 * - Microsoft Entra is OIDC per tenant (`common` has no single issuer, so a tenant is required);
 *   refresh tokens with the `offline_access` scope.
 * - Okta is OIDC at the configured authorization server; `offline_access` for refresh tokens.
 */
export function resolvePreset(entry: UpstreamProviderConfig): ResolvedPreset {
  switch (entry.type) {
    case 'github': {
      const base = (entry.baseUrl ?? 'https://github.com').replace(/\/$/, '');
      const api = (entry.apiUrl ?? 'https://api.github.com').replace(/\/$/, '');
      return {
        shape: {
          protocol: 'oauth2',
          pkce: true,
          endpoints: {
            authorizationEndpoint: `${base}/login/oauth/authorize`,
            tokenEndpoint: `${base}/login/oauth/access_token`,
            userinfoEndpoint: `${api}/user`,
            subjectField: 'id',
            nameField: 'login',
            userinfoAccept: 'application/vnd.github+json',
            deviceAuthorizationEndpoint: `${base}/login/device/code`,
          },
        },
        displayName: 'GitHub',
        scopes: ['read:user'],
        authMethod: 'client_secret_post',
        authorizationParams: {},
      };
    }
    case 'google':
      return {
        shape: { protocol: 'oidc', issuer: entry.issuer ?? 'https://accounts.google.com' },
        displayName: 'Google',
        scopes: OIDC_SCOPES,
        authMethod: 'client_secret_basic',
        authorizationParams: { access_type: 'offline', prompt: 'consent' },
      };
    case 'entra': {
      const authority = (entry.authority ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
      return {
        shape: { protocol: 'oidc', issuer: `${authority}/${entry.tenant}/v2.0` },
        displayName: 'Microsoft',
        scopes: [...OIDC_SCOPES, 'offline_access'],
        authMethod: 'client_secret_post',
        authorizationParams: {},
      };
    }
    case 'okta':
      return { shape: { protocol: 'oidc', issuer: entry.issuer }, displayName: 'Okta', scopes: [...OIDC_SCOPES, 'offline_access'], authMethod: 'client_secret_basic', authorizationParams: {} };
    case 'oidc':
      return { shape: { protocol: 'oidc', issuer: entry.issuer }, displayName: entry.name ?? new URL(entry.issuer).host, scopes: [...OIDC_SCOPES, 'offline_access'], authMethod: 'client_secret_basic', authorizationParams: {} };
    case 'oauth2':
      return {
        shape: {
          protocol: 'oauth2',
          pkce: entry.pkce,
          endpoints: {
            authorizationEndpoint: entry.authorizationEndpoint,
            tokenEndpoint: entry.tokenEndpoint,
            userinfoEndpoint: entry.userinfoEndpoint,
            subjectField: entry.userinfo.subject,
            nameField: entry.userinfo.name,
          },
        },
        displayName: entry.name,
        scopes: [],
        authMethod: 'client_secret_basic',
        authorizationParams: {},
      };
  }
}
