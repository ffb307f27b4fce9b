-- Documents, their outline, their tables cell by cell, and the narrative chunks.
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    department TEXT NOT NULL,
    region TEXT,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('预算', '决算')),
    level TEXT NOT NULL CHECK (level IN ('部门', '单位')),
    is_template INTEGER NOT NULL DEFAULT 0,
    file_name TEXT NOT NULL,
    format TEXT NOT NULL CHECK (format IN ('pdf', 'txt')),
    content_hash TEXT NOT NULL,
    pages INTEGER,
    page_sizes TEXT NOT NULL DEFAULT '{}',
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX documents_identity ON documents (department, year, kind, level);
CREATE INDEX documents_hash ON documents (content_hash);

CREATE TABLE sections (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    id INTEGER NOT NULL,
    parent INTEGER,
    rank INTEGER NOT NULL,
    title TEXT NOT NULL,
    path TEXT NOT NULL,
    page INTEGER,
    PRIMARY KEY (document_id, id)
);

CREATE TABLE paragraphs (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    section_id INTEGER,
    page INTEGER,
    text TEXT NOT NULL,
    boxes TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE tables (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    title TEXT,
    code TEXT,
    unit TEXT,
    page_start INTEGER,
    page_end INTEGER,
    section_id INTEGER,
    section_path TEXT NOT NULL DEFAULT '',
    columns TEXT NOT NULL,
    header TEXT NOT NULL,
    notes TEXT NOT NULL,
    empty INTEGER NOT NULL
);
CREATE INDEX tables_document ON tables (document_id);

CREATE TABLE table_rows (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    grp TEXT NOT NULL,
    code TEXT,
    code_raw TEXT,
    label TEXT NOT NULL,
    page INTEGER,
    x0 REAL, top REAL, x1 REAL, bottom REAL,
    PRIMARY KEY (table_id, row)
);

CREATE TABLE cells (
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    col INTEGER NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    grp TEXT NOT NULL,
    row_code TEXT,
    row_label TEXT NOT NULL,
    column_path TEXT NOT NULL,
    amount TEXT,
    value REAL GENERATED ALWAYS AS (CAST(amount AS REAL)) VIRTUAL,
    original TEXT NOT NULL,
    original_unit TEXT,
    page INTEGER,
    x0 REAL, top REAL, x1 REAL, bottom REAL,
    PRIMARY KEY (table_id, row, col)
);
CREATE INDEX cells_document ON cells (document_id);
CREATE INDEX cells_code ON cells (row_code);
CREATE INDEX cells_label ON cells (row_label);

CREATE TABLE chunks (
    id TEXT PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    section_id INTEGER,
    section_path TEXT NOT NULL,
    page INTEGER,
    page_end INTEGER,
    text TEXT NOT NULL,
    boxes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX chunks_document ON chunks (document_id);

-- The lexical index: chunk text cut into words by jieba, ranked by FTS5's bm25.
CREATE VIRTUAL TABLE chunk_terms USING fts5 (chunk_id UNINDEXED, terms);
