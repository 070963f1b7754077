import { z } from 'zod';
import { clientMetadataSchema, clientNameSchema, describeZodIssue, type CheckedMetadata } from '../client-metadata.js';
import {
  checkApplicationType,
  checkAuthMethod,
  checkGrantAndResponseTypes,
  checkInformationUris,
  checkKeys,
  checkRedirectUris,
  MetadataProblem,
} from '../metadata-checks.js';

/**
 * A Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document): RFC 7591
 * metadata plus `client_id`, which must equal the document's URL; `client_name` and
 * `redirect_uris` are required by MCP.
 */
const documentSchema = clientMetadataSchema.extend({
  client_id: z.string(),
  client_name: clientNameSchema,
});

/** A document can only name public clients or clients with keys: anyone can read it. */
const DOCUMENT_AUTH_METHODS = ['none', 'private_key_jwt'] as const;

/**
 * Validates a fetched document (already parsed JSON) for `clientId`; throws `MetadataProblem`
 * (its message is a client-facing sentence) on the first rule it breaks.
 */
export function validateMetadataDocument(clientId: string, document: unknown): CheckedMetadata {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new MetadataProblem('invalid_client_metadata', 'the document is not a JSON object');
  }
  // The draft forbids shared secrets outright, so their mere presence is refused.
  for (const field of ['client_secret', 'client_secret_expires_at']) {
    if (field in document) throw new MetadataProblem('invalid_client_metadata', `the document must not contain ${field}`);
  }
  const parsed = documentSchema.safeParse(document);
  if (!parsed.success) throw new MetadataProblem('invalid_client_metadata', describeZodIssue(parsed.error));
  const meta = parsed.data;
  // Simple string comparison (draft §4.1): no normalisation, so one document has one identity.
  if (meta.client_id !== clientId) {
    throw new MetadataProblem('invalid_client_metadata', `client_id in the document (${JSON.stringify(meta.client_id)}) does not equal the URL it was fetched from`);
  }
  // Without a stated method a document client is public: the RFC 7591 default (a shared secret) is impossible here.
  const method = checkAuthMethod(meta, DOCUMENT_AUTH_METHODS, 'none');
  checkKeys(meta, method);
  checkRedirectUris(meta.redirect_uris, 'cimd');
  checkInformationUris(meta);
  const { client_id: _ignored, ...rest } = meta;
  return {
    ...rest,
    ...checkGrantAndResponseTypes(meta),
    token_endpoint_auth_method: method,
    application_type: checkApplicationType(meta),
  };
}
