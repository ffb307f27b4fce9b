-- The rules a document was derived with (ingest/rules.py: the parser version and the rule
-- files). Documents stored before have none, so the next ingest derives them again.
ALTER TABLE documents ADD COLUMN rules_hash TEXT NOT NULL DEFAULT '';
