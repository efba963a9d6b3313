export { countRecentAudit, findAuditEntries, recordAudit, type AuditEntry, type AuditFilter, type AuditRecord } from './audit.service.js';
