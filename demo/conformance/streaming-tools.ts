import type { McpServer } from '@modelcontextprotocol/server';
import { pause, reportProgress } from '../progress.js';

/** Pace of the conformance scenarios' multi-message tools: long enough to arrive as separate events. */
const STEP_MS = 50;

/** Tools that send notifications while they run (scenarios `tools-call-with-logging`, `-with-progress`). */
export function registerStreamingTools(server: McpServer): void {
  const annotations = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'test_tool_with_logging',
    { title: 'Tool with logging', description: 'Sends three info log messages while it runs (conformance).', annotations },
    async (ctx) => {
      await ctx.mcpReq.log('info', 'Tool execution started');
      await pause(STEP_MS, ctx.mcpReq.signal);
      await ctx.mcpReq.log('info', 'Tool processing data');
      await pause(STEP_MS, ctx.mcpReq.signal);
      await ctx.mcpReq.log('info', 'Tool execution completed');
      return { content: [{ type: 'text', text: 'Tool with logging executed successfully' }] };
    },
  );

  server.registerTool(
    'test_tool_with_progress',
    { title: 'Tool with progress', description: 'Reports progress 0, 50 and 100 of 100 (conformance).', annotations },
    async (ctx) => {
      await reportProgress(ctx, 0, 100);
      await pause(STEP_MS, ctx.mcpReq.signal);
      await reportProgress(ctx, 50, 100);
      await pause(STEP_MS, ctx.mcpReq.signal);
      await reportProgress(ctx, 100, 100);
      return { content: [{ type: 'text', text: 'Tool with progress executed successfully' }] };
    },
  );
}
