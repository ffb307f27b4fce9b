-- A number raised by every write of a document (Store.replace_document, in its transaction),
-- so that a reader on any connection, process or replica knows in one read of one row whether
-- the documents it has read are still the stored ones.
CREATE TABLE generation (n INTEGER NOT NULL);
INSERT INTO generation (n) VALUES (0);
