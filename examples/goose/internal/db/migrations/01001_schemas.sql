-- +goose Up
CREATE SCHEMA IF NOT EXISTS identity;
CREATE SCHEMA IF NOT EXISTS billing;

-- +goose Down
DROP SCHEMA billing;
DROP SCHEMA identity;
