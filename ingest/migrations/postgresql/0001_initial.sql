-- PostgreSQL's step 1 (the common one is ../0001_initial.sql): coordinates in DOUBLE PRECISION
-- (PostgreSQL's REAL has 4 bytes, SQLite's 8), the generated value STORED, and the lexical index
-- as tables (ingest/postgres.py ranks them with FTS5's bm25).
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
    x0 DOUBLE PRECISION, top DOUBLE PRECISION, x1 DOUBLE PRECISION, bottom DOUBLE PRECISION,
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
    value DOUBLE PRECISION GENERATED ALWAYS AS (CAST(amount AS DOUBLE PRECISION)) STORED,
    original TEXT NOT NULL,
    original_unit TEXT,
    page INTEGER,
    x0 DOUBLE PRECISION, top DOUBLE PRECISION, x1 DOUBLE PRECISION, bottom DOUBLE PRECISION,
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

-- The lexical index: chunk text cut into words by jieba (terms), the FTS5 tokens of those words
-- in order between spaces (tokens, for phrases) and their number (length); seq is the order of
-- indexing (FTS5's rowid), which breaks ties.
CREATE TABLE chunk_terms (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    chunk_id TEXT PRIMARY KEY,
    terms TEXT NOT NULL,
    tokens TEXT NOT NULL,
    length INTEGER NOT NULL
);
CREATE TABLE chunk_words (
    word TEXT NOT NULL,
    chunk_id TEXT NOT NULL REFERENCES chunk_terms (chunk_id) ON DELETE CASCADE,
    hits INTEGER NOT NULL,
    PRIMARY KEY (word, chunk_id)
);
CREATE INDEX chunk_words_chunk ON chunk_words (chunk_id);
