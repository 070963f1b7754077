import type { McpServer } from '@modelcontextprotocol/server';
import { presentTool } from '../tool-presentation.js';
import * as z from 'zod';
import type { DemoDeps } from '../deps.js';
import { pause, reportProgress } from '../progress.js';

/**
 * `countdown`: a deliberately slow tool. It reports progress on every tick and stops at once
 * when the request is cancelled (2025: `notifications/cancelled`; 2026-07-28: the client drops
 * the request's stream), so no work goes on for an answer nobody will read.
 */
export function registerCountdown(server: McpServer, deps: DemoDeps): void {
  server.registerTool(
    'countdown',
    {
      description: 'Counts down from `from` to zero, one tick every `tickMs` milliseconds, reporting progress. Cancel it any time.',
      inputSchema: z.object({
        from: z.number().int().min(1).max(600).default(10).describe('Ticks to count'),
        tickMs: z.number().int().min(10).max(10_000).default(1000).describe('Milliseconds per tick'),
      }),
      outputSchema: z.object({ from: z.number().int(), elapsedMs: z.number() }),
      ...presentTool('Countdown', { readOnlyHint: true, idempotentHint: true, openWorldHint: false }),
    },
    async ({ from, tickMs }, ctx) => {
      const started = Date.now();
      try {
        for (let done = 0; done < from; done++) {
          await reportProgress(ctx, done, from, `${from - done} to go`);
          await pause(tickMs, ctx.mcpReq.signal);
        }
      } catch (error) {
        if (ctx.mcpReq.signal.aborted) deps.logger.info('demo.countdown_cancelled', { requestId: String(ctx.mcpReq.id) });
        throw error;
      }
      await reportProgress(ctx, from, from, 'lift-off');
      const output = { from, elapsedMs: Date.now() - started };
      return { content: [{ type: 'text', text: `Counted down from ${from}.` }], structuredContent: output };
    },
  );
}
