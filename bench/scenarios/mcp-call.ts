// The MCP request every load sends: `tools/call whoami` in the 2026-07-28 stateless form.
export const MCP_PROTOCOL = '2026-07-28';

export const MCP_CALL_BODY = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: {
    name: 'whoami',
    arguments: {},
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MCP_PROTOCOL,
      'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
});

export const MCP_CALL_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': MCP_PROTOCOL,
  'mcp-method': 'tools/call',
  'mcp-name': 'whoami',
};
