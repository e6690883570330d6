// Counters: checkpoints of the embedded counter store (strategies/counters/memory.ts). The pipeline saves
// one every so many events and, after a restart, restores it and re-applies the events after its seq.
export const name = 'counters';
export const sql = /* sql */ `
CREATE TABLE counter_checkpoints (
  name     text COLLATE "C" PRIMARY KEY,
  -- Every event up to this ingest seq is in the state; later ones may be too (re-applying them is harmless).
  seq      bigint NOT NULL,
  state    bytea NOT NULL,
  saved_at timestamptz NOT NULL
);
-- The state is already compact and can run to many megabytes: compressing it on every save would cost
-- more time than the space it saves.
ALTER TABLE counter_checkpoints ALTER COLUMN state SET STORAGE EXTERNAL;
`;
