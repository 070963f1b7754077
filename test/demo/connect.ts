import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { ClientCapabilities } from '@modelcontextprotocol/client';
import { TEST_SCOPES_HEADER, TEST_SUBJECT_HEADER } from './serve-demo.js';

/** The two protocol revisions the demo serves: 2025-11-25 (sessions) and 2026-07-28 (stateless). */
export type Era = 'legacy' | 'modern';
export const ERAS: readonly Era[] = ['legacy', 'modern'];

export interface ConnectOptions {
  /** Act as this user (the test wrapper turns it into `authInfo`); omit for auth-off. */
  subject?: string;
  scopes?: string[];
  capabilities?: ClientCapabilities;
}

export interface Connected {
  client: Client;
  transport: StreamableHTTPClientTransport;
  close(): Promise<void>;
}

/** A real SDK v2 client over real HTTP, speaking the given era. */
export async function connect(url: string, era: Era, options: ConnectOptions = {}): Promise<Connected> {
  const headers: Record<string, string> = {};
  if (options.subject !== undefined) headers[TEST_SUBJECT_HEADER] = options.subject;
  if (options.scopes !== undefined) headers[TEST_SCOPES_HEADER] = options.scopes.join(' ');
  const client = new Client(
    { name: `demo-test-${era}`, version: '1.0.0' },
    {
      capabilities: options.capabilities ?? {},
      ...(era === 'modern' && { versionNegotiation: { mode: { pin: '2026-07-28' } } }),
    },
  );
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  await client.connect(transport);
  return { client, transport, close: () => client.close() };
}

/** Reads the first text block of a tool result. */
export function firstText(result: { content?: unknown }): string {
  const blocks = (result.content ?? []) as Array<{ type: string; text?: string }>;
  return blocks.find((b) => b.type === 'text')?.text ?? '';
}
