DROP TABLE transfers;
DROP TYPE transfer_state;
