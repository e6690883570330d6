// Risk materials: packages (versioned as a whole), their materials with per-version history, and the
// hits materials leave on checked content. Media gains the PDQ hashes the image and video matchers use.
export const name = 'materials';
export const sql = /* sql */ `
CREATE TABLE material_packages (
  id          text COLLATE "C" PRIMARY KEY,
  name        text NOT NULL,
  description text NOT NULL DEFAULT '',
  owner       text NOT NULL,
  scope       jsonb NOT NULL,
  version     integer NOT NULL,
  archived    boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL,
  updated_by  text NOT NULL
);
-- One row per package version: what changed, in words, so the version list reads as a changelog.
CREATE TABLE material_package_versions (
  package_id text COLLATE "C" NOT NULL REFERENCES material_packages (id),
  version    integer NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  summary    text NOT NULL,
  PRIMARY KEY (package_id, version)
);

CREATE TABLE materials (
  id              bigserial PRIMARY KEY,
  package_id      text COLLATE "C" NOT NULL REFERENCES material_packages (id),
  kind            text COLLATE "C" NOT NULL,
  value           text COLLATE "C" NOT NULL,
  near            text COLLATE "C",
  within          integer,
  languages       text[] NOT NULL DEFAULT '{}',
  policy_id       text COLLATE "C" NOT NULL REFERENCES policies (id),
  severity        smallint NOT NULL CHECK (severity BETWEEN 1 AND 4),
  match_mode      text NOT NULL,
  exceptions      text[] NOT NULL DEFAULT '{}',
  status          text COLLATE "C" NOT NULL,
  opt_out         text[] NOT NULL DEFAULT '{}',
  max_distance    integer,
  min_frame_share double precision,
  note            text,
  author          text NOT NULL,
  -- The package version of this material's last change.
  version         integer NOT NULL,
  updated_at      timestamptz NOT NULL,
  updated_by      text NOT NULL
);
-- The natural key: an import updates the material with the same kind, value and second word instead of adding a copy.
CREATE UNIQUE INDEX materials_natural_key ON materials (package_id, kind, value, coalesce(near, ''));
CREATE INDEX materials_package ON materials (package_id, id);
CREATE INDEX materials_status ON materials (status);

-- Every version of every material, so a decision can show exactly what matched.
CREATE TABLE material_history (
  material_id     bigint NOT NULL REFERENCES materials (id),
  package_version integer NOT NULL,
  snapshot        jsonb NOT NULL,
  changed_at      timestamptz NOT NULL,
  changed_by      text NOT NULL,
  PRIMARY KEY (material_id, package_version)
);

CREATE TABLE material_hits (
  id              bigserial PRIMARY KEY,
  event_seq       bigint NOT NULL,
  event_id        text COLLATE "C" NOT NULL,
  item_type       text COLLATE "C" NOT NULL,
  item_id         text COLLATE "C" NOT NULL,
  surface         text NOT NULL,
  field           text NOT NULL,
  material_id     bigint NOT NULL,
  package_id      text COLLATE "C" NOT NULL,
  package_version integer NOT NULL,
  policy_id       text COLLATE "C" NOT NULL,
  severity        smallint NOT NULL,
  test            boolean NOT NULL,
  span_start      integer,
  span_end        integer,
  matched         text,
  distance        integer,
  at              timestamptz NOT NULL
);
CREATE INDEX material_hits_material ON material_hits (material_id, at);
CREATE INDEX material_hits_package ON material_hits (package_id, at);
CREATE INDEX material_hits_event ON material_hits (event_seq);
CREATE INDEX material_hits_item ON material_hits (item_type, item_id);

-- Perceptual fingerprints computed on arrival: an image's PDQ hash, its 8 rotations and mirrorings, a video's frame hashes.
ALTER TABLE media ADD COLUMN pdq text, ADD COLUMN pdq_quality smallint, ADD COLUMN pdq_dihedral text[], ADD COLUMN frame_pdq text[];
`;
