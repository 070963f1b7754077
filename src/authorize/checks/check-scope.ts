import { OAuthError } from '../../errors/oauth-error.js';
import { earlier, type AuthorizeContext } from '../context.js';

const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/**
 * Every requested scope must be one the resource supports and, if the client registered a
 * `scope`, one of those. No `scope` means the configured default scopes — or, when none are
 * configured, every supported scope — narrowed to what the client registered; the consent page
 * lists them either way.
 */
export function checkScope(ctx: AuthorizeContext): void {
  const { config } = ctx.deps;
  const { record } = earlier(ctx.client, 'client');
  const supported = new Set(config.resource.scopesSupported);
  const registered = record.scope === undefined ? undefined : new Set(record.scope.split(' '));
  const raw = ctx.params.one('scope');
  if (raw === undefined) {
    const defaults = config.authorizationServer.authorize.defaultScopes ?? config.resource.scopesSupported;
    ctx.scopes = defaults.filter((scope) => supported.has(scope) && (registered?.has(scope) ?? true));
    return;
  }
  const requested = raw.split(' ').filter((s) => s !== '');
  for (const scope of requested) {
    if (!SCOPE_TOKEN.test(scope)) throw new OAuthError('invalid_scope', 'The scope parameter is malformed.');
    if (!supported.has(scope)) throw new OAuthError('invalid_scope', `The scope "${scope}" is not supported.`);
    if (registered && !registered.has(scope)) throw new OAuthError('invalid_scope', `This client is not registered for the scope "${scope}".`);
  }
  ctx.scopes = [...new Set(requested)];
}
