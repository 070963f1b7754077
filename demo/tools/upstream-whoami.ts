import type { McpServer } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { upstreamAccessOf, UpstreamTokenUnavailable } from '../../src/upstream/index.js';
import { presentTool } from '../tool-presentation.js';

const UpstreamWhoamiOutput = z.object({
  provider: z.string().describe('The upstream identity provider the user signed in with'),
  userinfo: z.record(z.string(), z.unknown()).describe("The upstream's own answer about the user"),
});

const MAX_USERINFO_BYTES = 64 * 1024;

/**
 * `upstream_whoami`: asks the upstream provider (GitHub, Google, any OIDC issuer) who the
 * signed-in user is, calling its userinfo endpoint WITH THE UPSTREAM TOKEN from Gatehouse's
 * vault. The MCP client's own token never leaves Gatehouse, and the upstream token is never
 * returned to the client: only the upstream's answer is.
 */
export function registerUpstreamWhoami(server: McpServer): void {
  server.registerTool(
    'upstream_whoami',
    {
      description: 'Shows who you are at the upstream identity provider you signed in with (asks its userinfo endpoint as you).',
      outputSchema: UpstreamWhoamiOutput,
      ...presentTool('Who am I upstream?', { readOnlyHint: true, idempotentHint: true, openWorldHint: true }),
    },
    async (ctx) => {
      try {
        const access = upstreamAccessOf(ctx.http?.authInfo);
        const endpoint = await access.userinfoEndpoint();
        if (!endpoint) return failure('The upstream provider has no userinfo endpoint.');
        const { accessToken, provider } = await access.token();
        const response = await fetch(endpoint, {
          headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json', 'user-agent': 'Gatehouse demo' },
          redirect: 'manual',
          signal: AbortSignal.timeout(10_000),
        });
        const body = await response.text();
        if (!response.ok) return failure(`${provider} answered ${response.status} to the userinfo request.`);
        if (body.length > MAX_USERINFO_BYTES) return failure(`${provider} sent an oversized userinfo answer.`);
        const userinfo = JSON.parse(body) as Record<string, unknown>;
        const output = { provider, userinfo };
        const name = userinfo.name ?? userinfo.login ?? userinfo.email ?? userinfo.sub ?? userinfo.id;
        return { content: [{ type: 'text', text: `At ${provider} you are ${String(name)}.` }], structuredContent: output };
      } catch (error) {
        if (error instanceof UpstreamTokenUnavailable) return failure(error.message);
        throw error;
      }
    },
  );
}

function failure(text: string) {
  return { content: [{ type: 'text' as const, text }], isError: true };
}
