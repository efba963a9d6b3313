/**
 * The defences every public form shares (issue 9), with no third-party service:
 * a signed single-use token (also the CSRF defence of public forms), a minimum fill time,
 * a honeypot, a spoken-word challenge, duplicate detection, a per-address rate limit, an
 * hourly cap per site and form, and the cleaning of everything a citizen types. docs/public-forms.md explains them.
 *
 * A module's form route, in order:
 *   GET:  const { token, challenge } = await issueFormToken(db, { siteId, form: 'question', now })
 *         render <FormDefences token challenge /> and <PrivacyNotice retentionDays /> (deliverUncached)
 *   POST: (route config: { rateLimit: FORM_RATE_LIMIT })
 *         clean fields (cleanCitizenText, checkEmail, checkPhone) →
 *         checkFormSubmission(trx, { ...readFormDefences(body), siteId, form, now, fingerprint: contentFingerprint(title, body) })
 *         'drop' → show "received", store nothing; 'accepted' → store; FormRefusedError → show the form
 *         again with the message, what was typed, and a NEW token; FormBusyError (429) → the error page.
 * Exports of citizen text: safeSheetCell on every cell.
 */
export { issueFormToken, checkFormSubmission, sweepFormRecords, TOKEN_LIFETIME_MS, MIN_FILL_MS, DUPLICATE_WINDOW_MS, SITE_HOURLY_CAP, type FormSubmission } from './form-tokens.js';
export { cleanCitizenText, checkEmail, checkPhone, safeSheetCell, contentFingerprint, type CitizenTextRule } from './citizen-text.js';
export { parseChallengeAnswer } from './challenge.js';
export { FormBusyError, FormRefusedError, FORM_MESSAGES, type FormRefusal } from './public-forms.errors.js';
export { FormDefences, PrivacyNotice, FORM_FIELDS, readFormDefences, type FormDefencesProps, type PrivacyNoticeProps } from './form-defences.js';
export { FORM_RATE_LIMIT } from './form-limits.js';
