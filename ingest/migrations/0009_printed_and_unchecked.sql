-- What the audit reads besides the figures and the narrative: the lines printed outside the
-- narrative (the cover, the contents, running headers and footers, each page's printed number)
-- and the lines printed around a table (its title, 编制单位, unit); and, written with the
-- findings, the tables whose sums the audit did not check because their structure was not
-- recognised with confidence (an unknown table, no header paths, no total row or column).
CREATE TABLE printed (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('cover', 'contents', 'running', 'page_number')),
    text TEXT NOT NULL,
    page INTEGER,
    PRIMARY KEY (document_id, seq)
);
ALTER TABLE tables ADD COLUMN labels TEXT NOT NULL DEFAULT '[]';
CREATE TABLE unchecked_tables (
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    table_id TEXT NOT NULL REFERENCES tables (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    PRIMARY KEY (document_id, table_id)
);
