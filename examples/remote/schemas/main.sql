-- The main database: one per developer on the shared MariaDB (<prefix>main).
CREATE TABLE accounts (
  id BIGINT NOT NULL PRIMARY KEY,
  email VARCHAR(255) NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY accounts_email (email)
);
