import { OAuthError } from '../../errors/oauth-error.js';
import { clientMetadataSchema, describeZodIssue, type CheckedMetadata } from '../client-metadata.js';
import {
  checkApplicationType,
  checkAuthMethod,
  checkGrantAndResponseTypes,
  checkInformationUris,
  checkKeys,
  checkRedirectUris,
  MetadataProblem,
} from '../metadata-checks.js';

const REGISTRATION_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;

/**
 * RFC 7591 §2 metadata of a registration request, checked field by field. Redirect URI problems
 * are `invalid_redirect_uri`, everything else `invalid_client_metadata` (§3.2.2).
 */
export function validateRegistration(body: Record<string, unknown>): CheckedMetadata {
  const parsed = clientMetadataSchema.safeParse(body);
  if (!parsed.success) {
    const code = parsed.error.issues[0]!.path[0] === 'redirect_uris' ? 'invalid_redirect_uri' : 'invalid_client_metadata';
    throw new OAuthError(code, describeZodIssue(parsed.error));
  }
  const meta = parsed.data;
  try {
    // RFC 7591 §2: an omitted method means client_secret_basic.
    const method = checkAuthMethod(meta, REGISTRATION_AUTH_METHODS, 'client_secret_basic');
    const applicationType = checkApplicationType(meta);
    checkRedirectUris(meta.redirect_uris, applicationType);
    checkKeys(meta, method);
    checkInformationUris(meta);
    return { ...meta, ...checkGrantAndResponseTypes(meta), token_endpoint_auth_method: method, application_type: applicationType };
  } catch (error) {
    if (error instanceof MetadataProblem) throw new OAuthError(error.code, error.message);
    throw error;
  }
}
