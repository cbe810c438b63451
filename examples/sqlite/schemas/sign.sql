-- Documents and their signers.
CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL COLLATE NOCASE,
  body BLOB,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE "signers" (
  document_id INTEGER NOT NULL,
  email VARCHAR(320) NOT NULL,
  signed_at DATETIME,
  PRIMARY KEY (document_id, email),
  FOREIGN KEY (document_id) REFERENCES documents (id) ON DELETE CASCADE
);

CREATE INDEX signers_pending ON signers (email) WHERE signed_at IS NULL;
CREATE INDEX documents_title ON documents (lower(title));

CREATE VIEW pending_signatures AS
  SELECT d.id, d.title, s.email FROM documents d JOIN signers s ON s.document_id = d.id
  WHERE s.signed_at IS NULL;
