/**
 * Every key the Redis backend uses, under one prefix so several issuers can share a server.
 * Token keys carry digests only. Composite parts are JSON-encoded so `a:b` + `c` and `a` + `b:c`
 * never meet.
 */
export function redisKeys(prefix: string) {
  const pair = (a: string, b: string) => JSON.stringify([a, b]);
  return {
    prefix,
    schemaVersion: `${prefix}schema-version`,
    client: (id: string) => `${prefix}client:${id}`,
    code: (hash: string) => `${prefix}code:${hash}`,
    grant: (id: string) => `${prefix}grant:${id}`,
    userGrants: (userId: string) => `${prefix}user-grants:${userId}`,
    refresh: (hash: string) => `${prefix}rt:${hash}`,
    access: (hash: string) => `${prefix}at:${hash}`,
    grantRefresh: (grantId: string) => `${prefix}grant-rt:${grantId}`,
    grantAccess: (grantId: string) => `${prefix}grant-at:${grantId}`,
    grantCodes: (grantId: string) => `${prefix}grant-code:${grantId}`,
    consents: (userId: string) => `${prefix}consents:${userId}`,
    upstream: (userId: string, provider: string) => `${prefix}upstream:${pair(userId, provider)}`,
    signingKeys: `${prefix}signing-keys`,
    user: (id: string) => `${prefix}user:${id}`,
    usernamePrefix: `${prefix}username:`,
    users: `${prefix}users`,
    notes: (userId: string) => `${prefix}notes:${userId}`,
    noteIdPrefix: `${prefix}note:`,
    pending: (id: string) => `${prefix}pending:${id}`,
    once: (namespace: string, key: string) => `${prefix}once:${pair(namespace, key)}`,
    rateLimit: (key: string) => `${prefix}rl:${key}`,
    lease: (name: string) => `${prefix}lease:${name}`,
  };
}

export type RedisKeys = ReturnType<typeof redisKeys>;

/** Milliseconds from `now` to `expiresAt`, at least 1 (Redis refuses 0 and negative TTLs). */
export function ttl(expiresAt: number, now: number): number {
  return Math.max(1, Math.ceil(expiresAt - now));
}
