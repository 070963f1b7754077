import { parseArgs } from 'node:util';
import { apiKeyEntry, scopeToken } from '../../config/sections/resource.js';
import { ConfigError } from '../../errors/config-error.js';
import { generateApiKey } from '../../resource/verifiers/api-keys.js';
import { wantsHelp, type Command } from '../command.js';

export const help = `Usage: gatehouse keys generate --label <label> [--scopes a,b]

Creates a Tier 1 static API key (ghk_…) for the MCP endpoint. The key is printed ONCE: give it
to the client (Authorization: Bearer ghk_…). Gatehouse keeps only its digest: add the printed
entry to "resource.apiKeys" in the config file, or to the JSON array in GATEHOUSE_API_KEYS.
To revoke a key, delete its entry (or set "revoked": true) and restart.

Options:
  --label <label>    who the key is for (1-64 of A-Z a-z 0-9 . _ : @ -)
  --scopes <list>    comma-separated scopes the key grants (default: none)
  -h, --help         this help
`;

export async function run(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): Promise<number> {
  if (wantsHelp(argv)) {
    out(help);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: argv,
    options: { label: { type: 'string' }, scopes: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'generate') throw new ConfigError('keys', `expected "gatehouse keys generate", got "${positionals.join(' ')}"`);
  if (values.label === undefined) throw new ConfigError('--label', 'is required');
  const scopes = (values.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const scope of scopes) {
    const checked = scopeToken.safeParse(scope);
    if (!checked.success) throw new ConfigError('--scopes', `"${scope}" ${checked.error.issues[0]!.message}`);
  }
  const label = apiKeyEntry.shape.label.safeParse(values.label);
  if (!label.success) throw new ConfigError('--label', label.error.issues[0]!.message);
  const { key, entry } = generateApiKey(values.label, scopes);
  out(`API key (shown once, store it now):\n\n  ${key}\n\nConfig entry for resource.apiKeys (or GATEHOUSE_API_KEYS):\n\n  ${JSON.stringify(entry)}\n`);
  return 0;
}

export const keysCommand: Command = { name: 'keys', summary: 'generate a static API key (Tier 1) for the MCP endpoint', help, run: (argv) => run(argv) };
