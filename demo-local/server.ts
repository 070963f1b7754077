#!/usr/bin/env node
// The local demo as a stdio MCP server: `node demo-local/server.js` (or the MCPB bundle).
// Environment: DEMO_LOCAL_API_KEY (required, Tier 1); GATEHOUSE_LOCAL_CONFIG (optional, the
// upstream provider config file; see docs/local.md).
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createLocalServerAuth, loadLocalConfig, requireKey, startOrExit } from '../src/local/index.js';
import { createDemoLocalServer } from './create-server.js';

const deps = await startOrExit(() => {
  const apiKey = requireKey('DEMO_LOCAL_API_KEY', 'the sign_text tool');
  const configPath = process.env.GATEHOUSE_LOCAL_CONFIG;
  const local = configPath
    ? createLocalServerAuth({
        config: loadLocalConfig(configPath),
        loginCommand: (provider) => `gatehouse local login --config ${configPath} --provider ${provider}`,
      })
    : undefined;
  return { apiKey, local };
}, 'gatehouse-demo-local');

serveStdio(() => createDemoLocalServer(deps));
