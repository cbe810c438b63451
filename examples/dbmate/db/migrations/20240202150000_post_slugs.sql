-- migrate:up
ALTER TABLE posts ADD COLUMN slug VARCHAR(200) NULL AFTER title;
CREATE UNIQUE INDEX posts_slug ON posts (slug);

-- migrate:down
DROP INDEX posts_slug ON posts;
ALTER TABLE posts DROP COLUMN slug;
