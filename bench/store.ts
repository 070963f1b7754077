// Store throughput: ops/second of the two hot compare-and-set operations on each backend.
// Run: node --import tsx bench/store.ts   (prints a Markdown table and writes it into
// bench/RESULTS.md under "## Store"). Redis and PostgreSQL are the local test services; an
// unreachable one is reported as such in its row. Everything it creates is removed afterwards.
import { cpus } from 'node:os';
import { hashSecret, newSecret } from '../src/crypto/hash.js';
import type { RefreshTokenRecord, Store } from '../src/store/contract.js';
import { openStore } from '../src/store/open-store.js';
import { benchBackends } from './lib/backends.js';
import { writeResultsSection } from './lib/results.js';

const OPS = 2000;
const CONCURRENCY = 16;
const backends = benchBackends();

/** Runs `OPS` calls of `op(i, worker)`, one per worker at a time, `CONCURRENCY` workers; returns ops/second. */
async function measure(op: (i: number, worker: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async (_, worker) => {
    while (next < OPS) await op(next++, worker);
  }));
  return OPS / ((performance.now() - started) / 1000);
}

function refreshRecord(now: number): RefreshTokenRecord {
  return { grantId: 'bench', clientId: 'bench', scopes: ['a'], resource: 'https://mcp.example/mcp', createdAt: now, expiresAt: now + 3_600_000 };
}

async function consumeCodeRate(store: Store): Promise<number> {
  const now = Date.now();
  const hashes = Array.from({ length: OPS }, () => hashSecret(newSecret()));
  for (const hash of hashes) {
    await store.saveCode(hash, {
      clientId: 'bench', userId: 'bench', grantId: 'bench', redirectUri: 'https://c.example/cb', codeChallenge: 'x',
      codeChallengeMethod: 'S256', scopes: [], resource: 'https://mcp.example/mcp', authTime: now, expiresAt: now + 60_000,
    });
  }
  return measure(async (i) => {
    if ((await store.consumeCode(hashes[i]!, now)).status !== 'consumed') throw new Error('a bench code was not consumed');
  });
}

/** `CONCURRENCY` token families, each rotating its own token in turn, as real clients do. */
async function rotateRate(store: Store): Promise<number> {
  const now = Date.now();
  const record = refreshRecord(now);
  const current = await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    const hash = hashSecret(newSecret());
    await store.saveRefreshToken(hash, record);
    return hash;
  }));
  return measure(async (_, lane) => {
    const nextHash = hashSecret(newSecret());
    const result = await store.rotateRefreshToken(current[lane]!, { nextHash, next: record, graceSalt: 'bench-salt-0123456789ab', graceMs: 10_000, now });
    if (result.status !== 'rotated') throw new Error(`a bench rotation returned ${result.status}`);
    current[lane] = nextHash;
  });
}

const rows: string[] = [];
for (const backend of backends) {
  let store: Store | undefined;
  try {
    store = await openStore(backend.store.url, backend.store);
    const consume = await consumeCodeRate(store);
    const rotate = await rotateRate(store);
    rows.push(`| ${backend.name} | ${Math.round(consume).toLocaleString('en')} | ${Math.round(rotate).toLocaleString('en')} |`);
  } catch (error) {
    rows.push(`| ${backend.name} | unavailable: ${(error as Error).message.replace(/\|/g, '/')} | |`);
  } finally {
    await store?.close();
    await backend.cleanup();
  }
}

const section = [
  '## Store',
  '',
  `\`node --import tsx bench/store.ts\` — ${OPS} operations per cell, ${CONCURRENCY} in flight, one process, ` +
    `${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}. SQLite: WAL with \`synchronous = NORMAL\` (the default; revocations are still flushed); ` +
    'Redis and PostgreSQL are local on loopback.',
  '',
  '| backend | consumeCode ops/s | rotateRefreshToken ops/s |',
  '|---|---:|---:|',
  ...rows,
  '',
].join('\n');
process.stdout.write(section);

writeResultsSection('Store', section);
