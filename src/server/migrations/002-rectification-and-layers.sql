-- Townships and fire zones (the server's copy of which zone lies in which township, for the
-- station's authorisation), the rectification workflow (orders on the review, reports with
-- photos, typed history steps) and shared layers published by an admin.

create table townships (
  code text primary key,
  name text not null unique
);

create table zones (
  zone_id text primary key,
  name text not null,
  township_code text not null references townships (code),
  level integer
);

alter table reviews add column deadline text;
alter table reviews add column return_reason text not null default '';

-- 'edit' for the history written before this migration.
alter table review_history add column step text not null default 'edit';
alter table review_history add column note text not null default '';

create table rectification_reports (
  id text primary key,
  zone_id text not null,
  author text not null,
  at timestamptz not null default now(),
  notes text not null,
  review_revision integer not null
);
create index rectification_reports_zone on rectification_reports (zone_id, at);

create table photos (
  id text primary key,
  report_id text not null references rectification_reports (id) on delete cascade,
  mime text not null,
  byte_size integer not null,
  bytes bytea not null,
  taken_at text,
  lon double precision,
  lat double precision
);
create index photos_report on photos (report_id);

create table layers (
  id text primary key,
  name text not null,
  role text not null,
  source_files jsonb not null default '[]',
  feature_count integer not null,
  min_lon double precision,
  min_lat double precision,
  max_lon double precision,
  max_lat double precision,
  area_m2 double precision not null default 0,
  byte_size integer not null,
  fgb bytea not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by text not null,
  revision integer not null default 1
);
