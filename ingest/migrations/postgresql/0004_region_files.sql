-- PostgreSQL's step 4 (the common one is ../0004_region_files.sql): PostgreSQL changes the
-- format CHECK and the identity index in place, where SQLite rebuilds the table.
ALTER TABLE documents DROP CONSTRAINT documents_format_check;
ALTER TABLE documents ADD CONSTRAINT documents_format_check
    CHECK (format IN ('pdf', 'txt', 'html'));
DROP INDEX documents_identity;
CREATE UNIQUE INDEX documents_identity
    ON documents (coalesce(region, ''), department, year, kind, level);

CREATE TABLE document_files (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    file_name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'txt', 'html')),
    part TEXT NOT NULL CHECK (part IN ('whole', 'text', 'tables')),
    pages INTEGER,
    first_page INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX document_files_hash ON document_files (content_hash);
INSERT INTO document_files (document_id, seq, file_name, content_hash, format, part, pages)
SELECT id, 0, file_name, content_hash, format, 'whole', pages FROM documents;
