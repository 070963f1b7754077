import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the hot paths (every token, code and id), drawn from one CSPRNG buffer refilled
 * 4 KB at a time. Each `randomBytes()` call pays a fixed cost into OpenSSL (≈10 µs of CPU here,
 * measured in docs/performance.md) whatever its size; a code exchange needs three or four draws.
 * Node's own `crypto.randomUUID()` batches the same way. Every byte is handed out once and wiped
 * from the buffer as it is, so the pool never holds a secret that was already issued.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

function draw(size: number): number {
  if (size > POOL_BYTES) throw new RangeError(`at most ${POOL_BYTES} random bytes per draw`);
  if (offset + size > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const start = offset;
  offset += size;
  return start;
}

/** `size` fresh random bytes (a copy the caller owns). */
export function randomBytesPooled(size: number): Buffer {
  const start = draw(size);
  const bytes = Buffer.from(pool.subarray(start, start + size));
  pool.fill(0, start, start + size);
  return bytes;
}

/** `size` fresh random bytes as base64url, without an intermediate buffer. */
export function randomBase64url(size: number): string {
  const start = draw(size);
  const text = pool.toString('base64url', start, start + size);
  pool.fill(0, start, start + size);
  return text;
}
