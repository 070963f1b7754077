import { fromJsonSchema, inputRequired, inputResponse } from '@modelcontextprotocol/server';
import type { CallToolResult, ElicitRequestFormParams, McpServer, ServerContext } from '@modelcontextprotocol/server';
import * as z from 'zod';
import { clientCapabilities, supportsFormElicitation } from '../client-capabilities.js';

/**
 * Built once per process: `fromJsonSchema` compiles the schema into the SDK's shared Ajv
 * instance, which caches every compiled schema object for good. Called inside the per-request
 * server factory it cost a compile per request and grew the heap without bound.
 */
const JSON_SCHEMA_2020_12_INPUT = fromJsonSchema<{ name?: string; address?: { street?: string; city?: string } }>({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  $defs: {
    address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } },
  },
  properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
  additionalProperties: false,
});

/**
 * Conformance tools that need the client's help (sampling and elicitation). They are written
 * once in the multi-round-trip style: on 2026-07-28 the client fulfils the `input_required`
 * result; on a 2025 session the SDK's shim sends the real server→client request and re-enters.
 */
export function registerInteractiveTools(server: McpServer): void {
  const annotations = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'test_sampling',
    {
      title: 'Sampling',
      description: 'Asks the client LLM to answer a prompt (conformance).',
      inputSchema: z.object({ prompt: z.string().describe('The prompt to send to the LLM') }),
      annotations,
    },
    ({ prompt }, ctx) => {
      const answer = inputResponse(ctx.mcpReq.inputResponses, 'sample');
      if (answer.kind === 'sampling') {
        const blocks = Array.isArray(answer.result.content) ? answer.result.content : [answer.result.content];
        const text = blocks.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
        return textResult(`LLM response: ${text}`);
      }
      if (clientCapabilities(server, ctx).sampling === undefined) {
        return errorResult('The client does not support sampling (no `sampling` capability).');
      }
      return inputRequired({
        inputRequests: {
          sample: inputRequired.createMessage({
            messages: [{ role: 'user', content: { type: 'text', text: prompt } }],
            maxTokens: 100,
          }),
        },
      });
    },
  );

  server.registerTool(
    'test_elicitation',
    {
      title: 'Elicitation',
      description: 'Asks the user for a username and email (conformance).',
      inputSchema: z.object({ message: z.string().describe('The message to show the user') }),
      annotations,
    },
    ({ message }, ctx) =>
      elicitOnce(server, ctx, 'User response', {
        message,
        requestedSchema: {
          type: 'object',
          properties: {
            username: { type: 'string', description: "User's response" },
            email: { type: 'string', description: "User's email address" },
          },
          required: ['username', 'email'],
        },
      }),
  );

  server.registerTool(
    'test_elicitation_sep1034_defaults',
    { title: 'Elicitation defaults', description: 'Elicits every primitive type with a default (SEP-1034).', annotations },
    (ctx) =>
      elicitOnce(server, ctx, 'Elicitation completed', {
        message: 'Please review your details (defaults are filled in)',
        requestedSchema: {
          type: 'object',
          properties: {
            name: { type: 'string', description: 'User name', default: 'John Doe' },
            age: { type: 'integer', description: 'User age', default: 30 },
            score: { type: 'number', description: 'User score', default: 95.5 },
            status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
            verified: { type: 'boolean', description: 'Verification status', default: true },
          },
        },
      }),
  );

  server.registerTool(
    'test_elicitation_sep1330_enums',
    { title: 'Elicitation enums', description: 'Elicits the five enum shapes of SEP-1330.', annotations },
    (ctx) =>
      elicitOnce(server, ctx, 'Elicitation completed', {
        message: 'Pick some options',
        requestedSchema: {
          type: 'object',
          properties: {
            untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
            titledSingle: {
              type: 'string',
              oneOf: [
                { const: 'value1', title: 'First Option' },
                { const: 'value2', title: 'Second Option' },
                { const: 'value3', title: 'Third Option' },
              ],
            },
            legacyEnum: {
              type: 'string',
              enum: ['opt1', 'opt2', 'opt3'],
              enumNames: ['Option One', 'Option Two', 'Option Three'],
            },
            untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
            titledMulti: {
              type: 'array',
              items: {
                anyOf: [
                  { const: 'value1', title: 'First Choice' },
                  { const: 'value2', title: 'Second Choice' },
                  { const: 'value3', title: 'Third Choice' },
                ],
              },
            },
          },
        },
      }),
  );

  server.registerTool(
    'json_schema_2020_12_tool',
    {
      title: 'JSON Schema 2020-12',
      description: 'Tool with JSON Schema 2020-12 features (SEP-1613).',
      inputSchema: JSON_SCHEMA_2020_12_INPUT,
      annotations,
    },
    (args) => textResult(`Received: ${JSON.stringify(args)}`),
  );
}

/** One elicitation round: ask when there is no answer yet, report the answer when there is. */
function elicitOnce(server: McpServer, ctx: ServerContext, label: string, request: ElicitRequestFormParams): CallToolResult | ReturnType<typeof inputRequired> {
  const answer = inputResponse(ctx.mcpReq.inputResponses, 'answer');
  if (answer.kind === 'elicit') {
    return textResult(`${label}: action=${answer.action}, content=${JSON.stringify(answer.content ?? {})}`);
  }
  if (!supportsFormElicitation(clientCapabilities(server, ctx))) {
    return errorResult('The client does not support elicitation (no `elicitation` capability).');
  }
  return inputRequired({ inputRequests: { answer: inputRequired.elicit(request) } });
}

function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

function errorResult(text: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text }] };
}
