/**
 * Fire-zone reviews and the rectification workflow: everybody reads reviews, their history and
 * reports; fire officers review, order and accept (PUT); the station of the zone's township
 * reports (POST …/report). Every step is a history entry with its author.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import * as v from 'valibot';
import type { Database, Queryable } from '../db/adapter';
import { iso, recordChange } from '../domain/changes';
import { MAX_PHOTOS_PER_REPORT, photoBytes, photoSchema } from '../domain/photos';
import { officerStep, REVIEW_STATUSES, reviewChanges, type ReviewFields, type ReviewStatus, type ReviewStep } from '../domain/review-workflow';
import type { SessionUser } from '../domain/roles';
import { allow } from '../auth/middleware';
import type { AppEnv } from '../http/env';
import { badRequest, conflict, forbidden, HttpError, notFound } from '../http/errors';
import { baseRevision, isoDate, pathId, text } from '../http/schemas';
import { jsonBody } from '../http/validate';

const officerSchema = v.strictObject({
  revision: baseRevision,
  status: v.picklist(REVIEW_STATUSES),
  reviewer: text(100),
  reviewDate: v.union([v.literal(''), isoDate]),
  notes: text(5_000),
  actions: v.pipe(v.array(text(50, 1)), v.maxLength(20)),
  deadline: v.nullable(isoDate),
  /** Why a reported rectification is sent back. */
  reason: v.optional(text(2_000), ''),
});

const reportSchema = v.strictObject({
  revision: baseRevision,
  notes: text(5_000, 1),
  photos: v.pipe(v.array(photoSchema), v.maxLength(MAX_PHOTOS_PER_REPORT)),
});

interface ReviewRow {
  zone_id: string;
  status: ReviewStatus;
  reviewer: string;
  review_date: string;
  notes: string;
  actions: string[];
  deadline: string | null;
  return_reason: string;
  updated_at: Date;
  updated_by: string;
  revision: number;
}

type ReviewJson = ReviewFields & { zoneId: string; status: ReviewStatus; updatedAt: string; updatedBy: string; revision: number };

function reviewJson(row: ReviewRow): ReviewJson {
  return {
    zoneId: row.zone_id,
    status: row.status,
    reviewer: row.reviewer,
    reviewDate: row.review_date,
    notes: row.notes,
    actions: row.actions,
    deadline: row.deadline,
    returnReason: row.return_reason,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    revision: row.revision,
  };
}

/** A zone nobody has reviewed yet: revision 0. */
function unreviewed(zoneId: string): ReviewJson {
  return { zoneId, status: '未审核', reviewer: '', reviewDate: '', notes: '', actions: [], deadline: null, returnReason: '', updatedAt: '', updatedBy: '', revision: 0 };
}

async function loadReview(db: Queryable, zoneId: string, lock = false): Promise<ReviewJson> {
  const rows = await db.query<ReviewRow>(`select * from reviews where zone_id = $1${lock ? ' for update' : ''}`, [zoneId]);
  return rows[0] ? reviewJson(rows[0]) : unreviewed(zoneId);
}

async function zoneTownship(db: Queryable, zoneId: string): Promise<string> {
  const rows = await db.query<{ township_code: string }>('select township_code from zones where zone_id = $1', [zoneId]);
  if (!rows[0]) throw notFound(`No fire zone ${zoneId} / 没有该防火区`);
  return rows[0].township_code;
}

async function saveReview(tx: Queryable, user: SessionUser, before: ReviewJson, next: ReviewFields, step: ReviewStep, note: string) {
  const params = [before.zoneId, next.status, next.reviewer, next.reviewDate, next.notes, JSON.stringify(next.actions), next.deadline, next.returnReason, user.name];
  const rows = await tx.query<ReviewRow>(
    before.revision === 0
      ? `insert into reviews (zone_id, status, reviewer, review_date, notes, actions, deadline, return_reason, updated_by)
         values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) returning *`
      : `update reviews set status = $2, reviewer = $3, review_date = $4, notes = $5, actions = $6::jsonb, deadline = $7,
         return_reason = $8, updated_by = $9, updated_at = now(), revision = revision + 1 where zone_id = $1 returning *`,
    params,
  );
  const after = reviewJson(rows[0]!);
  await tx.query(`insert into review_history (zone_id, author, revision, changes, step, note) values ($1, $2, $3, $4::jsonb, $5, $6)`, [
    after.zoneId,
    user.name,
    after.revision,
    JSON.stringify(reviewChanges(before, after)),
    step,
    note,
  ]);
  await recordChange(tx, user, { action: step, type: 'reviews', id: after.zoneId, before: before.revision === 0 ? null : before, after, revision: after.revision });
  return after;
}

interface HistoryRow {
  id: number;
  zone_id: string;
  at: Date;
  author: string;
  revision: number;
  changes: [string, string, string][];
  step: string;
  note: string;
}

interface ReportRow {
  id: string;
  zone_id: string;
  author: string;
  at: Date;
  notes: string;
  review_revision: number;
  photos: { id: string; mime: string; byteSize: number; takenAt: string | null; lon: number | null; lat: number | null }[];
}

async function zoneDetails(db: Queryable, zoneId: string) {
  const history = await db.query<HistoryRow>('select * from review_history where zone_id = $1 order by id desc', [zoneId]);
  const reports = await db.query<ReportRow>(
    `select r.*, coalesce((select jsonb_agg(jsonb_build_object('id', p.id, 'mime', p.mime, 'byteSize', p.byte_size,
       'takenAt', p.taken_at, 'lon', p.lon, 'lat', p.lat) order by p.id) from photos p where p.report_id = r.id), '[]'::jsonb) as photos
     from rectification_reports r where r.zone_id = $1 order by r.at desc, r.id`,
    [zoneId],
  );
  return {
    history: history.map((row) => ({ id: row.id, zoneId: row.zone_id, at: iso(row.at), author: row.author, revision: row.revision, step: row.step, note: row.note, changes: row.changes })),
    reports: reports.map((row) => ({ id: row.id, zoneId: row.zone_id, author: row.author, at: iso(row.at), notes: row.notes, reviewRevision: row.review_revision, photos: row.photos })),
  };
}

export function reviewRoutes(db: Database) {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const rows = await db.query<ReviewRow>('select * from reviews order by zone_id');
    return c.json(rows.map(reviewJson));
  });

  app.get('/:zoneId', async (c) => {
    const zoneId = pathId(c.req.param('zoneId'));
    return c.json({ review: await loadReview(db, zoneId), ...(await zoneDetails(db, zoneId)) });
  });

  app.put('/:zoneId', allow('fire_officer'), async (c) => {
    const zoneId = pathId(c.req.param('zoneId'));
    const body = await jsonBody(c, officerSchema);
    const user = c.get('user');
    await zoneTownship(db, zoneId);
    const review = await db.transaction(async (tx) => {
      const before = await loadReview(tx, zoneId, true);
      if (before.revision !== body.revision) throw conflict(before);
      const verdict = officerStep(before.status, { status: body.status, actions: body.actions, deadline: body.deadline, reason: body.reason });
      if ('refused' in verdict) throw new HttpError(verdict.status, verdict.refused);
      const next: ReviewFields = {
        status: body.status,
        reviewer: body.reviewer,
        reviewDate: body.reviewDate,
        notes: body.notes,
        actions: body.actions,
        deadline: body.status === '需整改' ? body.deadline : before.deadline,
        returnReason: verdict.step === 'returned' ? body.reason : before.returnReason,
      };
      return saveReview(tx, user, before, next, verdict.step, verdict.step === 'returned' ? body.reason : '');
    });
    return c.json(review);
  });

  app.post('/:zoneId/report', allow('station'), async (c) => {
    const zoneId = pathId(c.req.param('zoneId'));
    const body = await jsonBody(c, reportSchema);
    const user = c.get('user');
    if ((await zoneTownship(db, zoneId)) !== user.townshipCode) {
      throw forbidden("This zone is not in your township / 该防火区不属于您的乡镇");
    }
    const photos = body.photos.map((photo, index) => ({ ...photo, bytes: photoBytes(photo, index), id: randomUUID() }));
    const result = await db.transaction(async (tx) => {
      const before = await loadReview(tx, zoneId, true);
      if (before.revision !== body.revision) throw conflict(before);
      if (before.status !== '需整改') throw badRequest('This zone has no open rectification order / 该防火区没有待整改通知');
      const reportId = randomUUID();
      await tx.query(`insert into rectification_reports (id, zone_id, author, notes, review_revision) values ($1, $2, $3, $4, $5)`, [
        reportId,
        zoneId,
        user.name,
        body.notes,
        before.revision + 1,
      ]);
      for (const photo of photos) {
        await tx.query(`insert into photos (id, report_id, mime, byte_size, bytes, taken_at, lon, lat) values ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          photo.id,
          reportId,
          photo.mime,
          photo.bytes.length,
          photo.bytes,
          photo.takenAt,
          photo.lon,
          photo.lat,
        ]);
      }
      const report = { id: reportId, notes: body.notes, photos: photos.map(({ id, mime, bytes, takenAt, lon, lat }) => ({ id, mime, byteSize: bytes.length, takenAt, lon, lat })) };
      await recordChange(tx, user, { action: 'create', type: 'rectification_reports', id: reportId, before: null, after: { zoneId, ...report }, revision: null });
      const review = await saveReview(tx, user, before, { ...before, status: '已整改' }, 'reported', body.notes);
      return { review, report };
    });
    return c.json(result, 201);
  });

  return app;
}

export function photoRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  app.get('/:id', async (c) => {
    const rows = await db.query<{ mime: string; bytes: Uint8Array }>('select mime, bytes from photos where id = $1', [pathId(c.req.param('id'))]);
    const photo = rows[0];
    if (!photo) throw notFound();
    return c.body(new Uint8Array(photo.bytes), 200, { 'Content-Type': photo.mime, 'Cache-Control': 'private, max-age=86400' });
  });
  return app;
}
