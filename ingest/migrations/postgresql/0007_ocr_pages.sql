-- PostgreSQL's step 7 (the common one is ../0007_ocr_pages.sql): the confidence in DOUBLE
-- PRECISION, as SQLite's REAL.
CREATE TABLE ocr_pages (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    confidence DOUBLE PRECISION,
    PRIMARY KEY (document_id, page)
);
