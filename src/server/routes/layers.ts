/**
 * Shared layers: an admin publishes an imported layer (FlatGeobuf bytes, stored as they are) and
 * sets its role (townships, sub-compartments, thematic …); everybody reads them.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as v from 'valibot';
import { geometryAreaSquareMetres } from '../../lib/geo/area';
import { boundingBoxOf } from '../../lib/geo/bounds';
import { isFlatGeobuf, readFlatGeobuf } from '../../lib/io/flatgeobuf';
import type { Database, Queryable } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { allow } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { badRequest, HttpError, notFound } from '../http/errors';
import { atRevision } from '../http/records';
import { pathId, queryRevision, revision, text } from '../http/schemas';
import { check, jsonBody } from '../http/validate';

export const MAX_LAYER_BYTES = 64 * 1024 * 1024;

/** 'reference', or the catalog layer id the layer stands in for. */
const role = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,39}$/, 'a role is reference or a catalog layer id'));
const metadataSchema = v.strictObject({ name: text(200, 1), role, sourceFiles: v.pipe(v.array(text(260, 1)), v.maxLength(20)) });
const updateSchema = v.strictObject({ revision, name: text(200, 1), role });

interface LayerRow {
  id: string;
  name: string;
  role: string;
  source_files: string[];
  feature_count: number;
  min_lon: number | null;
  min_lat: number | null;
  max_lon: number | null;
  max_lat: number | null;
  area_m2: number;
  byte_size: number;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
  revision: number;
}

const COLUMNS = 'id, name, role, source_files, feature_count, min_lon, min_lat, max_lon, max_lat, area_m2, byte_size, created_at, updated_at, updated_by, revision';

function layerJson(row: LayerRow) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    sourceFiles: row.source_files,
    featureCount: row.feature_count,
    bbox: row.min_lon === null ? null : [row.min_lon, row.min_lat, row.max_lon, row.max_lat],
    areaSquareMetres: row.area_m2,
    byteSize: row.byte_size,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    revision: row.revision,
  };
}

async function load(db: Queryable, id: string) {
  const rows = await db.query<LayerRow>(`select ${COLUMNS} from layers where id = $1 for update`, [id]);
  return rows[0] ? layerJson(rows[0]) : undefined;
}

/** Metadata rides in a header as JSON (the body is the file). */
function metadataFrom(header: string | undefined) {
  if (!header) throw badRequest('X-Layer-Metadata header with {name, role, sourceFiles} is required / 缺少图层信息');
  let value: unknown;
  try {
    value = JSON.parse(decodeURIComponent(header));
  } catch {
    throw badRequest('X-Layer-Metadata is not URI-encoded JSON / 图层信息格式错误');
  }
  return check(metadataSchema, value);
}

export function layerRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const rows = await db.query<LayerRow>(`select ${COLUMNS} from layers order by created_at, id`);
    return c.json(rows.map(layerJson));
  });

  app.get('/:id/data', async (c) => {
    const rows = await db.query<{ fgb: Uint8Array }>('select fgb from layers where id = $1', [pathId(c.req.param('id'))]);
    if (!rows[0]) throw notFound();
    return c.body(new Uint8Array(rows[0].fgb), 200, { 'Content-Type': 'application/octet-stream' });
  });

  app.post(
    '/',
    allow('admin'),
    bodyLimit({ maxSize: MAX_LAYER_BYTES, onError: () => { throw new HttpError(413, 'Layer larger than 64 MB / 图层超过 64 MB'); } }),
    async (c) => {
      const metadata = metadataFrom(c.req.header('x-layer-metadata'));
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!isFlatGeobuf(bytes)) throw badRequest('The body is not a FlatGeobuf file / 不是 FlatGeobuf 文件');
      let collection;
      try {
        collection = await readFlatGeobuf(bytes, metadata.name);
      } catch {
        throw badRequest('The FlatGeobuf file cannot be read / 无法读取该 FlatGeobuf 文件');
      }
      if (collection.features.length === 0) throw badRequest('The layer has no features / 图层没有要素');
      const geometries = collection.features.map((feature) => feature.geometry);
      const bbox = boundingBoxOf(geometries);
      const area = geometries.reduce((sum, geometry) => sum + geometryAreaSquareMetres(geometry), 0);
      const user = c.get('user');
      const id = randomUUID();
      const layer = await db.transaction(async (tx) => {
        const rows = await tx.query<LayerRow>(
          `insert into layers (id, name, role, source_files, feature_count, min_lon, min_lat, max_lon, max_lat, area_m2, byte_size, fgb, updated_by)
           values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning ${COLUMNS}`,
          [id, metadata.name, metadata.role, JSON.stringify(metadata.sourceFiles), collection.features.length, bbox?.[0] ?? null, bbox?.[1] ?? null, bbox?.[2] ?? null, bbox?.[3] ?? null, area, bytes.length, bytes, user.name],
        );
        const after = layerJson(rows[0]!);
        await recordChange(tx, user, { action: 'create', type: 'layers', id, before: null, after, revision: after.revision });
        return after;
      });
      return c.json(layer, 201);
    },
  );

  app.put('/:id', allow('admin'), async (c) => {
    const id = pathId(c.req.param('id'));
    const body = await jsonBody(c, updateSchema);
    const user = c.get('user');
    const layer = await db.transaction(async (tx) => {
      const before = atRevision(await load(tx, id), body.revision);
      const rows = await tx.query<LayerRow>(
        `update layers set name = $2, role = $3, updated_by = $4, updated_at = now(), revision = revision + 1 where id = $1 returning ${COLUMNS}`,
        [id, body.name, body.role, user.name],
      );
      const after = layerJson(rows[0]!);
      await recordChange(tx, user, { action: 'update', type: 'layers', id, before, after, revision: after.revision });
      return after;
    });
    return c.json(layer);
  });

  app.delete('/:id', allow('admin'), async (c) => {
    const id = pathId(c.req.param('id'));
    const expected = queryRevision(c.req.query('revision'));
    const user = c.get('user');
    await db.transaction(async (tx) => {
      const before = atRevision(await load(tx, id), expected);
      await tx.query('delete from layers where id = $1', [id]);
      await recordChange(tx, user, { action: 'delete', type: 'layers', id, before, after: null, revision: null });
    });
    return c.json({ ok: true });
  });

  return app;
}
