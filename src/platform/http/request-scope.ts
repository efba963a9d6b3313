/**
 * Who acts, where, from where: built once per request (or per CLI command) and handed to
 * every use-case. Services decide permissions and write the audit log from it; they never
 * see Fastify objects. Platform knows no roles: `role` is the accounts module's word.
 */

export interface Actor {
  /** The user's id. */
  id: string;
  /** How the audit log names them: their e-mail. */
  label: string;
  displayName: string;
  /** Their role on the scope's site; null when they are not a member (a super-admin may still act). */
  role: string | null;
  isSuperAdmin: boolean;
  /** How they proved who they are. */
  via: 'session' | 'token' | 'cli';
}

export interface RequestScope {
  siteId: string;
  actor: Actor | null;
  /** The real client address (after the trusted proxies), for the audit log and limits. */
  clientIp: string;
  now: Date;
}
