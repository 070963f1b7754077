import { createHmac } from 'node:crypto';
import { McpServer } from '@modelcontextprotocol/server';
import type { CallToolResult } from '@modelcontextprotocol/server';
import * as z from 'zod';
import type { LocalServerAuth } from '../src/local/index.js';

export interface DemoLocalDeps {
  /** Tier 1: the server's own key, from DEMO_LOCAL_API_KEY. */
  apiKey: string;
  /** The user's upstream sign-in; absent when no provider is configured. */
  local: LocalServerAuth | undefined;
}

const MAX_USERINFO_BYTES = 64 * 1024;

/**
 * The local demo: one tool that works with the server's own key (Tier 1), and tools that call
 * an OAuth upstream as the user through gatehouse/local (signing in from inside the call when
 * needed). Its tools are the same whether or not a provider is configured.
 */
export function createDemoLocalServer(deps: DemoLocalDeps): McpServer {
  const server = new McpServer({ name: 'gatehouse-demo-local', version: '0.1.0' }, { capabilities: { tools: {} } });

  server.registerTool(
    'sign_text',
    {
      title: 'Sign a text with the API key',
      description: "Signs a text with the server's own API key (HMAC-SHA256), standing in for an upstream API called with a Tier 1 key.",
      inputSchema: z.object({ text: z.string().max(10_000) }),
      outputSchema: z.object({ signature: z.string() }),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ text }) => {
      const signature = createHmac('sha256', deps.apiKey).update(text).digest('hex');
      return { content: [{ type: 'text', text: `HMAC-SHA256: ${signature}` }], structuredContent: { signature } };
    },
  );

  server.registerTool(
    'upstream_whoami',
    {
      title: 'Who am I upstream?',
      description: 'Asks the upstream provider who you are, calling its userinfo endpoint with your own token (signing you in first if needed).',
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: true },
    },
    async (ctx) => {
      if (!deps.local) return notConfigured();
      const signIn = deps.local.toolSignIn();
      const provider = deps.local.auth().provider;
      return signIn.run(server, ctx, async (token) => {
        const endpoint = await provider.upstream.userinfoEndpoint();
        if (!endpoint) return failure(`${token.provider} has no userinfo endpoint.`);
        const response = await fetch(endpoint, {
          headers: { authorization: `Bearer ${token.accessToken}`, accept: 'application/json', 'user-agent': 'Gatehouse demo-local' },
          redirect: 'manual',
          signal: AbortSignal.timeout(10_000),
        });
        const body = await response.text();
        if (!response.ok) return failure(`${token.provider} answered ${response.status} to the userinfo request.`);
        if (body.length > MAX_USERINFO_BYTES) return failure(`${token.provider} sent an oversized answer.`);
        const userinfo = JSON.parse(body) as Record<string, unknown>;
        const name = userinfo.name ?? userinfo.login ?? userinfo.email ?? userinfo.sub;
        return { content: [{ type: 'text', text: `At ${token.provider} you are ${String(name)}.` }], structuredContent: { provider: token.provider, userinfo } };
      });
    },
  );

  server.registerTool(
    'upstream_sign_out',
    {
      title: 'Sign out upstream',
      description: 'Deletes your saved upstream tokens from the OS keychain and revokes them at the provider where it can.',
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    async () => {
      if (!deps.local) return notConfigured();
      const auth = deps.local.auth();
      try {
        const { removed, revocation } = await auth.signOut();
        return { content: [{ type: 'text', text: removed ? `Signed out of ${auth.provider.name} (revocation: ${revocation}).` : `You were not signed in to ${auth.provider.name}.` }] };
      } catch (error) {
        return failure((error as Error).message);
      }
    },
  );

  return server;
}

function notConfigured(): CallToolResult {
  return failure('No upstream provider is configured for this server (set GATEHOUSE_LOCAL_CONFIG to a provider config file).');
}

function failure(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
