import { z } from 'zod';

/** Where Gatehouse keeps its state; see docs/storage.md. */
export const storeSection = z
  .object({
    /**
     * `memory`, `sqlite:<path>`, `redis://…`/`rediss://…` or `postgres://…`/`postgresql://…`.
     * The embedded SQLite file is the default.
     */
    url: z
      .string()
      .regex(/^(memory|sqlite:.+|rediss?:\/\/.+|postgres(ql)?:\/\/.+)$/, 'must be memory, sqlite:<path>, redis://… or postgres://…')
      .default('sqlite:./data/gatehouse.db'),
    /** Key prefix for Redis, so several issuers can share one server. */
    redisPrefix: z.string().regex(/^[A-Za-z0-9:_-]*$/).default('gatehouse:'),
    /**
     * SQLite only: when a commit is flushed to disk. \`normal\` (WAL, the default): a write is
     * durable once acknowledged against a crash of the process (kill -9 included); an operating
     * system crash or power loss may undo the last commits. \`full\`: an fsync per commit, durable
     * against power loss too, at several times the cost per token request. See docs/storage.md.
     */
    sqliteSynchronous: z.enum(['normal', 'full']).default('normal'),
    /** PostgreSQL schema for Gatehouse's tables, so several issuers can share one database. */
    postgresSchema: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier').default('gatehouse'),
    /**
     * Environment variable holding the 32-byte sealing key(s) (base64url, `kid:key,kid:key`, the
     * first one seals) for values read back (upstream tokens, private keys). Absent: a key is
     * generated and kept in the store's data directory (SQLite) — fine for one machine only.
     */
    sealingKeysEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).default('GATEHOUSE_SEALING_KEYS'),
  })
  .strict()
  .prefault({});

export type StoreConfig = z.infer<typeof storeSection>;
