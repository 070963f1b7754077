#!/usr/bin/env node
// `npm run bundle:local`: the local demo as an MCPB v0.4 bundle (dist/gatehouse-demo-local.mcpb)
// that runs on the host's Node alone. Everything JavaScript is bundled into server/index.js; the
// native keychain binding cannot be, so @napi-rs/keyring and each of its per-platform packages
// installed here are copied beside it, and the manifest's platforms list the ones shipped.
// Then `mcpb validate` and `mcpb pack`. Usage: node scripts/bundle-local.mjs [output.mcpb]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const stage = join(root, 'dist', 'demo-local-mcpb');
const output = process.argv[2] ?? join(root, 'dist', 'gatehouse-demo-local.mcpb');
const mcpb = join(root, 'node_modules', '.bin', 'mcpb');

rmSync(stage, { recursive: true, force: true });
mkdirSync(join(stage, 'server', 'node_modules', '@napi-rs'), { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: { index: 'demo-local/server.ts' },
  outdir: join(stage, 'server'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@napi-rs/keyring'],
  // Bundled CommonJS packages call require(); an ES module has none of its own.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  logLevel: 'warning',
});
writeFileSync(join(stage, 'server', 'package.json'), JSON.stringify({ type: 'module', private: true }, null, 2));

// The binding's loader picks the package for the platform it runs on.
const PLATFORMS = { darwin: 'darwin', win32: 'win32', linux: 'linux' };
const shipped = new Set();
const scope = join(root, 'node_modules', '@napi-rs');
for (const name of readdirSync(scope).filter((n) => n === 'keyring' || n.startsWith('keyring-'))) {
  cpSync(join(scope, name), join(stage, 'server', 'node_modules', '@napi-rs', name), { recursive: true });
  const platform = Object.keys(PLATFORMS).find((p) => name.startsWith(`keyring-${p}`));
  if (platform) shipped.add(PLATFORMS[platform]);
}
if (shipped.size === 0) throw new Error('no @napi-rs/keyring platform package is installed: nothing to ship');

const manifest = JSON.parse(readFileSync(join(root, 'demo-local', 'mcpb', 'manifest.json'), 'utf8'));
delete manifest.$schema;
manifest.compatibility.platforms = [...shipped].sort();
writeFileSync(join(stage, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
if (existsSync(join(root, 'LICENSE'))) cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));

execFileSync(mcpb, ['validate', join(stage, 'manifest.json')], { stdio: 'inherit' });
rmSync(output, { force: true });
execFileSync(mcpb, ['pack', stage, output], { stdio: 'inherit' });
