/**
 * Gatehouse user ids for people who sign in upstream: `<provider>:<upstream subject>`. The same
 * person at the same provider is the same user on every sign-in (the account "exists" from the
 * first one), no two providers can collide, and a local user's id (random base64url) never
 * contains a colon, so the provider a user belongs to is read back from the id alone.
 */
const MAX_SUBJECT = 255;

export function upstreamUserId(provider: string, subject: string): string {
  // OIDC caps `sub` at 255 ASCII characters; anything else is refused rather than truncated.
  if (subject.length === 0 || subject.length > MAX_SUBJECT || /[\u0000-\u001f\u007f]/.test(subject)) {
    throw new Error(`${provider}: the upstream subject is empty, too long or has control characters`);
  }
  return `${provider}:${subject}`;
}

/** The provider an upstream user signed in with; undefined for local users. */
export function providerOfUser(userId: string): string | undefined {
  const colon = userId.indexOf(':');
  return colon > 0 ? userId.slice(0, colon) : undefined;
}
