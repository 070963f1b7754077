import type { McpServer } from '@modelcontextprotocol/server';

/** Per-instance resource subscriptions: which URIs this session asked to hear about. */
export interface ResourceSubscriptions {
  /** Tells the client `uri` changed, if it subscribed to it. */
  changed(uri: string): Promise<void>;
}

/**
 * `resources/subscribe` and `resources/unsubscribe` (2025 sessions). The set lives on the server
 * instance, so it lasts exactly as long as the session it belongs to.
 */
export function registerSubscriptions(server: McpServer): ResourceSubscriptions {
  const subscribed = new Set<string>();
  server.server.registerCapabilities({ resources: { subscribe: true } });
  server.server.setRequestHandler('resources/subscribe', (request) => {
    subscribed.add(request.params.uri);
    return {};
  });
  server.server.setRequestHandler('resources/unsubscribe', (request) => {
    subscribed.delete(request.params.uri);
    return {};
  });
  return {
    async changed(uri) {
      if (subscribed.has(uri)) await server.server.sendResourceUpdated({ uri });
    },
  };
}
