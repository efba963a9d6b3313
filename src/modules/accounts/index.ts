export { AccountDisabledError, EmailTakenError, LoginFailedError, LoginThrottledError, SecondFactorFailedError, UserNotFoundError } from './accounts.errors.js';
export { findMemberSiteIds, findRole, findUserByEmail, findUserById, type UserRow } from './accounts.repo.js';
export { OPERATOR, addMember, operatorScope, changeOwnPassword, listMembers, normalizeEmail, removeMember, resetPassword, setAccountDisabled, userRowToAccount, type Account, type AddMemberInput, type Member } from './accounts.service.js';
export { LOGIN_FAILED, completeSecondFactor, logIn, loginDelaySeconds, type LoginResult } from './login.service.js';
export { MIN_PASSWORD_LENGTH, checkPasswordRules } from './passwords.js';
export { PERMISSIONS, ROLES, ROLE_LABELS, ROLE_PERMISSIONS, hasPermission, isRole, requirePermission, type Permission, type Role } from './roles.js';
export { deleteExpiredSessions, endAllSessions, endSession, resolveSession, startSession, type LiveSession, type SessionLimits } from './sessions.service.js';
export { createApiToken, listApiTokens, resolveApiToken, revokeApiToken, type ApiToken } from './tokens.service.js';
export { beginTotpSetup, confirmTotpSetup, pendingTotpSetup, regenerateRecoveryCodes, resetTwoFactor, totpMatches, type TotpSetup } from './two-factor.service.js';
