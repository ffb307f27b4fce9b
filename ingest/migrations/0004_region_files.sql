-- A document is identified by region + department + year + kind + level (two governments may
-- each have a 财政局); it may be made of several files (a disclosure whose text and tables are
-- published apart), and a web page (HTML) can be one. SQLite cannot change a CHECK constraint,
-- so documents is rebuilt (its children keep their rows: migrate() runs with foreign keys off).
CREATE TABLE documents_new (
    id TEXT PRIMARY KEY,
    department TEXT NOT NULL,
    region TEXT,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('预算', '决算')),
    level TEXT NOT NULL CHECK (level IN ('部门', '单位')),
    is_template INTEGER NOT NULL DEFAULT 0,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'txt', 'html')),
    content_hash TEXT NOT NULL,
    pages INTEGER,
    page_sizes TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL,
    parser_version INTEGER NOT NULL DEFAULT 1
);
INSERT INTO documents_new
SELECT id, department, region, year, kind, level, is_template, file_name, format, content_hash,
       pages, page_sizes, ingested_at, parser_version
FROM documents;
DROP TABLE documents;
ALTER TABLE documents_new RENAME TO documents;
CREATE UNIQUE INDEX documents_identity
    ON documents (ifnull(region, ''), department, year, kind, level);
CREATE INDEX documents_hash ON documents (content_hash);

-- The files a document is read from, in reading order. Pages are numbered through the whole
-- document: a file's page n is the document's page first_page + n - 1, so a citation of a
-- document page names the file and the page in that file. part: whole, or the text or the
-- tables of a disclosure published in two files.
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
