-- What the consistency audit (ingest/audit.py) found in a document, written with it.
CREATE TABLE findings (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
    message TEXT NOT NULL,
    sides TEXT NOT NULL,
    keys TEXT NOT NULL,
    PRIMARY KEY (document_id, seq)
);
