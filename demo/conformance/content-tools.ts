import type { McpServer } from '@modelcontextprotocol/server';
import { RED_PIXEL_PNG_BASE64, SILENT_WAV_BASE64 } from './media.js';

/**
 * The conformance suite's fixed-output tools (scenarios `tools-call-*`): each returns exactly
 * the content the scenario source expects, one content type per tool.
 */
export function registerContentTools(server: McpServer): void {
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  server.registerTool(
    'test_simple_text',
    { title: 'Simple text', description: 'Returns one text block (conformance).', annotations: readOnly },
    () => ({ content: [{ type: 'text', text: 'This is a simple text response for testing.' }] }),
  );

  server.registerTool(
    'test_image_content',
    { title: 'Image content', description: 'Returns a 1x1 red PNG (conformance).', annotations: readOnly },
    () => ({ content: [{ type: 'image', data: RED_PIXEL_PNG_BASE64, mimeType: 'image/png' }] }),
  );

  server.registerTool(
    'test_audio_content',
    { title: 'Audio content', description: 'Returns a short silent WAV (conformance).', annotations: readOnly },
    () => ({ content: [{ type: 'audio', data: SILENT_WAV_BASE64, mimeType: 'audio/wav' }] }),
  );

  server.registerTool(
    'test_embedded_resource',
    { title: 'Embedded resource', description: 'Returns an embedded text resource (conformance).', annotations: readOnly },
    () => ({
      content: [
        {
          type: 'resource',
          resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' },
        },
      ],
    }),
  );

  server.registerTool(
    'test_multiple_content_types',
    { title: 'Mixed content', description: 'Returns text, image and resource blocks (conformance).', annotations: readOnly },
    () => ({
      content: [
        { type: 'text', text: 'Multiple content types test:' },
        { type: 'image', data: RED_PIXEL_PNG_BASE64, mimeType: 'image/png' },
        {
          type: 'resource',
          resource: {
            uri: 'test://mixed-content-resource',
            mimeType: 'application/json',
            text: JSON.stringify({ test: 'data', value: 123 }),
          },
        },
      ],
    }),
  );

  server.registerTool(
    'test_error_handling',
    { title: 'Error handling', description: 'Always fails, as a tool error (conformance).', annotations: readOnly },
    () => {
      // Thrown on purpose: the SDK turns a handler exception into an `isError` result.
      throw new Error('This tool intentionally returns an error for testing');
    },
  );
}
