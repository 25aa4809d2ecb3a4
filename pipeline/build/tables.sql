-- The canonical tables of DOMAIN.md §2–3. Column names here are the contract with analysts.
CREATE TABLE admin_units (
  unit_code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, short_name VARCHAR, unit_type VARCHAR,
  level TINYINT NOT NULL, parent_code VARCHAR, valid_from DATE, valid_to DATE, is_remote BOOLEAN NOT NULL
);
CREATE TABLE admin_adjacency (unit_code VARCHAR NOT NULL, neighbour_code VARCHAR NOT NULL, source VARCHAR NOT NULL);
CREATE TABLE admin_boundaries (unit_code VARCHAR NOT NULL, geometry VARCHAR NOT NULL);
CREATE TABLE admin_tile_grid (unit_code VARCHAR NOT NULL, "row" INTEGER NOT NULL, col INTEGER NOT NULL);
CREATE TABLE population (
  unit_code VARCHAR NOT NULL, year INTEGER NOT NULL, population BIGINT NOT NULL, households BIGINT,
  source_file VARCHAR, source_sheet VARCHAR, source_row INTEGER, ingest_id VARCHAR
);
CREATE TABLE petitions (
  petition_id VARCHAR NOT NULL, received_date DATE NOT NULL, kind VARCHAR NOT NULL, topic VARCHAR,
  district_code VARCHAR NOT NULL, commune_code VARCHAR, channel VARCHAR, signers INTEGER NOT NULL,
  is_crowd BOOLEAN NOT NULL, is_repeat BOOLEAN NOT NULL, is_over_level BOOLEAN NOT NULL, in_jurisdiction BOOLEAN NOT NULL,
  resolution_round SMALLINT, accepted_date DATE, is_complex BOOLEAN NOT NULL, extensions SMALLINT, due_date DATE, due_date_computed BOOLEAN NOT NULL,
  status VARCHAR NOT NULL, resolved_date DATE, outcome VARCHAR, handling_agency VARCHAR, petitioner_key VARCHAR,
  source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER NOT NULL, ingest_id VARCHAR NOT NULL
);
CREATE TABLE campaigns (campaign_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, start_date DATE, end_date DATE);
CREATE TABLE campaign_results (
  campaign_id VARCHAR NOT NULL, unit_code VARCHAR NOT NULL, period_start DATE NOT NULL, period_end DATE NOT NULL,
  indicator VARCHAR NOT NULL, recognition_level VARCHAR, value DOUBLE NOT NULL,
  source_file VARCHAR NOT NULL, source_sheet VARCHAR, source_row INTEGER NOT NULL, ingest_id VARCHAR NOT NULL
);
CREATE TABLE rejected_rows (
  ingest_id VARCHAR NOT NULL, dataset VARCHAR NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR,
  source_row INTEGER NOT NULL, reason_code VARCHAR NOT NULL, reason VARCHAR NOT NULL, raw VARCHAR
);
CREATE TABLE load_log (
  ingest_id VARCHAR NOT NULL, source_file VARCHAR NOT NULL, source_sheet VARCHAR, file_type VARCHAR, encoding VARCHAR,
  delimiter VARCHAR, dataset VARCHAR, status VARCHAR NOT NULL, note VARCHAR, source_rows INTEGER, data_rows INTEGER,
  loaded_rows INTEGER, rejected_rows INTEGER, skipped_rows INTEGER, skipped_detail VARCHAR,
  unmapped_columns VARCHAR, legacy_columns VARCHAR, header_rows VARCHAR
);
CREATE TABLE build_info (key VARCHAR PRIMARY KEY, value VARCHAR);
