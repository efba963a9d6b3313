/** The public forms' defences, as stored. Installation-wide secret; per-site used tokens and fingerprints. */

export interface FormSecretsTable {
  /** 'form-token'. */
  id: string;
  /** 32 random bytes, base64url. Never leaves the server. */
  secret: string;
  created_at: string;
}

export interface FormUsedTokensTable {
  /** The token's nonce: present = the token was spent. */
  nonce: string;
  site_id: string;
  form: string;
  /** The token's own expiry: the row is useless after it and swept. */
  expires_at: string;
}

export interface FormFingerprintsTable {
  site_id: string;
  form: string;
  /** contentFingerprint(...) of an accepted submission. */
  fingerprint: string;
  accepted_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    form_secrets: FormSecretsTable;
    form_used_tokens: FormUsedTokensTable;
    form_fingerprints: FormFingerprintsTable;
  }
}
