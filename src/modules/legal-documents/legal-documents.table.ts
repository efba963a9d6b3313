/** The legal documents registry. Row types as stored: snake_case, ISO-8601 text times, 'YYYY-MM-DD' days, 0/1 booleans. */
import type { Generated } from 'kysely';

/** document_types and document_fields: a site's managed lists (loại văn bản, lĩnh vực). */
export interface DocumentListTable {
  id: string;
  site_id: string;
  name: string;
  slug: string;
  position: Generated<number>;
  created_at: string;
}

/** document_types: a type also names its collection (legal | plan | statistics | budget: document-collections.ts). */
export interface DocumentTypesTable extends DocumentListTable {
  collection: Generated<string>;
}

export interface LegalDocumentsTable {
  id: string;
  site_id: string;
  /** Số ký hiệu as typed (NFC). */
  number: string;
  /** normaliseDocumentNumber(number). */
  number_key: string;
  /** numberIdentity(number_key, issued_on): unique per site. */
  number_identity: string;
  slug: string;
  type_id: string;
  issuer: Generated<string>;
  signer: Generated<string>;
  issued_on: string | null;
  effective_on: string | null;
  expires_on: string | null;
  /** 'in_force' | 'expired' | 'replaced' as declared; see effectiveStatus for what readers see. */
  status: Generated<string>;
  replaced_by_id: string | null;
  field_id: string | null;
  summary: Generated<string>;
  body_html: Generated<string>;
  /** Number, summary, issuer and signer, folded: the public list's word filter (LIKE on both engines). */
  folded_text: Generated<string>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LegalDocumentAttachmentsTable {
  document_id: string;
  media_id: string;
  position: Generated<number>;
}

export interface LegalDocumentRelationsTable {
  document_id: string;
  related_id: string;
}

export interface LegalDocumentRevisionsTable {
  id: string;
  document_id: string;
  number: number;
  author_id: string | null;
  /** JSON of the editable fields as saved (LegalDocumentFields). */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    document_types: DocumentTypesTable;
    document_fields: DocumentListTable;
    legal_documents: LegalDocumentsTable;
    legal_document_attachments: LegalDocumentAttachmentsTable;
    legal_document_relations: LegalDocumentRelationsTable;
    legal_document_revisions: LegalDocumentRevisionsTable;
  }
}
