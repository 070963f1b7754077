const BUILT_IN: Readonly<Record<string, string>> = {
  offline_access: 'Stay connected while you are away (keep access without asking you to sign in again)',
  openid: 'Know who you are (your user id)',
  profile: 'See your basic profile',
  email: 'See your email address',
};

const VERBS: Readonly<Record<string, string>> = {
  read: 'Read', write: 'Create and change', admin: 'Administer', delete: 'Delete', list: 'List',
};

/**
 * The words a person sees for a scope: the operator's description if configured, then a
 * well-known one, then a reading of `thing:verb` names; otherwise the scope itself.
 */
export function describeScope(scope: string, configured: Readonly<Record<string, string>>): string {
  const known = configured[scope] ?? BUILT_IN[scope];
  if (known) return known;
  const match = /^([a-z][a-z0-9_-]*)[:.]([a-z]+)$/i.exec(scope);
  const verb = match ? VERBS[match[2]!.toLowerCase()] : undefined;
  if (match && verb) return `${verb} your ${match[1]!.replace(/[_-]/g, ' ')}`;
  return `Use the permission “${scope}”`;
}
