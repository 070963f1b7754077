import { z } from 'zod';
import type { ClientRecord, TokenEndpointAuthMethod } from '../store/contract.js';

/**
 * The RFC 7591 §2 client metadata both Client ID Metadata Documents and registration requests
 * carry. This schema checks shapes only; the rules between fields (redirect URI forms, grant and
 * response types, keys) are the named checks in `metadata-checks.ts`. Unknown members are dropped.
 */
/**
 * A name the consent page shows as the client's. Control and bidirectional-formatting characters
 * are refused: they could make "Evil ‮ppA‬" read as a trusted name to the user deciding.
 */
export const clientNameSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((name) => !/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(name), 'must not contain control or bidirectional-formatting characters');

export const clientMetadataSchema = z.object({
  redirect_uris: z.array(z.string()).min(1).max(20),
  token_endpoint_auth_method: z.string().optional(),
  grant_types: z.array(z.string()).min(1).max(10).optional(),
  response_types: z.array(z.string()).min(1).max(10).optional(),
  client_name: clientNameSchema.optional(),
  client_uri: z.string().max(2000).optional(),
  logo_uri: z.string().max(2000).optional(),
  tos_uri: z.string().max(2000).optional(),
  policy_uri: z.string().max(2000).optional(),
  scope: z
    .string()
    .regex(/^[\x21\x23-\x5B\x5D-\x7E]+( [\x21\x23-\x5B\x5D-\x7E]+)*$/, 'must be space-separated scope tokens')
    .max(1000)
    .optional(),
  contacts: z.array(z.string().max(320)).max(10).optional(),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(20) }).optional(),
  jwks_uri: z.string().max(2000).optional(),
  software_id: z.string().max(200).optional(),
  software_version: z.string().max(200).optional(),
  application_type: z.enum(['web', 'native']).optional(),
});

export type ClientMetadata = z.infer<typeof clientMetadataSchema>;

/** Client metadata after the checks: defaults applied, every field valid. */
export interface CheckedMetadata extends ClientMetadata {
  token_endpoint_auth_method: TokenEndpointAuthMethod;
  grant_types: string[];
  response_types: string[];
  application_type: 'web' | 'native';
}

/** "redirect_uris.0: Invalid input" from a zod failure, for an error description. */
export function describeZodIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** The store's record for checked metadata; `metadata` keeps the RFC 7591 form for responses. */
export function toClientRecord(
  clientId: string,
  kind: ClientRecord['kind'],
  meta: CheckedMetadata,
  extra: Pick<ClientRecord, 'createdAt'> & Partial<Pick<ClientRecord, 'secretHash' | 'expiresAt'>>,
): ClientRecord {
  const record: ClientRecord = {
    clientId,
    kind,
    redirectUris: meta.redirect_uris,
    grantTypes: meta.grant_types,
    responseTypes: meta.response_types,
    tokenEndpointAuthMethod: meta.token_endpoint_auth_method,
    applicationType: meta.application_type,
    metadata: { ...meta },
    ...extra,
  };
  if (meta.client_name !== undefined) record.clientName = meta.client_name;
  if (meta.jwks !== undefined) record.jwks = meta.jwks;
  if (meta.jwks_uri !== undefined) record.jwksUri = meta.jwks_uri;
  if (meta.scope !== undefined) record.scope = meta.scope;
  if (meta.client_uri !== undefined) record.clientUri = meta.client_uri;
  if (meta.logo_uri !== undefined) record.logoUri = meta.logo_uri;
  return record;
}
