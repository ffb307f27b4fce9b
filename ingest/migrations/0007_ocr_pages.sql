-- Pages read by OCR (a scanned PDF, or a page of a PDF without a text layer), with the mean
-- recognition confidence of their text: citations of these pages say so.
CREATE TABLE ocr_pages (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    confidence REAL,
    PRIMARY KEY (document_id, page)
);
