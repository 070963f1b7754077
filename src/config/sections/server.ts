import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { hostName } from '../host-name.js';

function isAddressOrCidr(value: string): boolean {
  return value.includes('/') ? ipaddr.isValidCIDR(value) : ipaddr.isValid(value);
}

/** Where Gatehouse listens and how it is reached from outside. */
export const serverSection = z
  .object({
    /** Interface to bind. Loopback by default: a remote deployment says so explicitly. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(8787),
    /**
     * The origin clients use to reach this server (`https://mcp.example.com`), when it differs
     * from `http://host:port` (behind a proxy or TLS terminator). It becomes the issuer and the
     * base of the canonical MCP resource URL.
     */
    publicUrl: z
      .url()
      .refine((u) => !u.endsWith('/'), 'must not end with "/"')
      .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
      .optional(),
    /** Path of the MCP endpoint. */
    mcpPath: z
      .string()
      .regex(/^\/[A-Za-z0-9._~\-/]*[^/]$/, 'must start with "/" and not end with "/"')
      .default('/mcp'),
    /**
     * Which proxies' `X-Forwarded-For` to believe for the client address (rate limits, logs):
     * `false` (none), a hop count, or a list of proxy addresses/CIDRs.
     */
    trustProxy: z
      .union([z.boolean(), z.number().int().min(0), z.array(z.string().refine(isAddressOrCidr, 'must be an IP address or CIDR'))])
      .default(false),
    /** Extra `Origin`s allowed to call `/mcp` from a browser, besides the server's own. */
    allowedOrigins: z.array(z.url()).default([]),
    /**
     * Extra `Host` names accepted (DNS-rebinding defence), besides the bound and public ones:
     * bare names, normalised at load (`Example.COM` → `example.com`, `::1` → `[::1]`).
     */
    allowedHosts: z.array(hostName).default([]),
  })
  .strict()
  .prefault({});

export type ServerConfig = z.infer<typeof serverSection>;
