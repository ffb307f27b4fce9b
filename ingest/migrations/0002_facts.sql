-- Figures the narrative states, with what they are compared to (ingest/facts.py).
CREATE TABLE facts (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    metric TEXT NOT NULL,
    code TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('amount', 'count', 'share', 'completion')),
    value TEXT,
    unit TEXT NOT NULL,
    year INTEGER,
    basis TEXT,
    base TEXT,
    delta TEXT,
    percent TEXT,
    direction TEXT,
    page INTEGER,
    section_id INTEGER,
    section_path TEXT NOT NULL DEFAULT '',
    quote TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
CREATE INDEX facts_metric ON facts (metric);

-- Which version of the parser wrote a document: older ones are parsed again on the next
-- ingest even when the file is unchanged.
ALTER TABLE documents ADD COLUMN parser_version INTEGER NOT NULL DEFAULT 1;
