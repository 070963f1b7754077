import { localhostAllowedHostnames } from '@modelcontextprotocol/server';
import type { AppDeps } from '../app/deps.js';
import { originOf } from './checks/check-origin.js';
import { createResourceGuard, type ResourceGuard } from './guard.js';
import type { TokenVerifier } from './principal.js';
import { verifierFromConfig, type CoHostedIssuer } from './verifier-from-config.js';

const LOOPBACK = new Set(localhostAllowedHostnames());

function isLoopbackName(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

function hostnameOf(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Accepted `Host` names: the public URL's, the bound interface's (all loopback names when bound
 * to loopback), and `server.allowedHosts`. A wildcard bind (`0.0.0.0`, `::`) adds nothing: it is
 * not a name anyone should be reached by.
 */
export function allowedHostnames(deps: AppDeps): string[] {
  const bound = hostnameOf(deps.config.server.host);
  const names = new Set<string>([new URL(deps.urls.base).hostname, ...deps.config.server.allowedHosts]);
  if (isLoopbackName(bound)) for (const name of LOOPBACK) names.add(name);
  else if (bound !== '0.0.0.0' && bound !== '[::]') names.add(bound);
  return [...names];
}

/** The issuers published in the metadata: the co-hosted one first, then configured external ones. */
export function authorizationServers(deps: AppDeps): string[] {
  const external = deps.config.resource.authorizationServers;
  const coHosted = deps.config.authMode === 'oauth' && deps.config.authorizationServer.enabled;
  return coHosted ? [deps.urls.issuer, ...external.filter((i) => i !== deps.urls.issuer)] : [...external];
}

export interface GuardOptions {
  /** Replaces the verifier built from the configuration (library use, tests). */
  verifier?: TokenVerifier;
  env?: NodeJS.ProcessEnv;
  /** The authorization server in this process, when `authorizationServer.enabled`. */
  coHostedIssuer?: CoHostedIssuer;
}

/** The guard as the configuration describes it. */
export function guardFromConfig(deps: AppDeps, options: GuardOptions = {}): ResourceGuard {
  const local = isLoopbackName(new URL(deps.urls.base).hostname);
  return createResourceGuard({
    resource: deps.urls.mcp,
    resourceMetadata: deps.urls.resourceMetadata,
    scopesSupported: deps.config.resource.scopesSupported,
    verifier: options.verifier ?? (deps.config.authMode === 'off' ? refuseAll : verifierFromConfig(deps, options.env ?? process.env, options.coHostedIssuer)),
    allowedHostnames: allowedHostnames(deps),
    origins: {
      origins: [deps.urls.base, ...deps.config.server.allowedOrigins.map(originOf)],
      // A local server is reached from local pages on any port (the MCP Inspector, a dev UI).
      anyPortHostnames: local ? [...LOOPBACK] : [],
    },
    clockToleranceSeconds: deps.config.resource.clockToleranceSeconds,
    now: deps.now,
  });
}

/** authMode `off` never asks for a token; should anything still call the verifier, it accepts nothing. */
const refuseAll: TokenVerifier = {
  async verify() {
    throw new Error('authMode "off" verifies no tokens');
  },
};
