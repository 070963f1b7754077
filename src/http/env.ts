/**
 * What the edge knows about the connection, passed to every room as Hono's `c.env`. The Node
 * adapter fills it from the socket; other runtimes pass what they have (or nothing).
 */
export interface ConnectionInfo {
  /** The TCP peer's address, as the socket reports it. */
  remoteAddress?: string;
}

/** The Hono environment type every room's sub-app uses: `new Hono<GatehouseEnv>()`. */
export type GatehouseEnv = { Bindings: ConnectionInfo };
