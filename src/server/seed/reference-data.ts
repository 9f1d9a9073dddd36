/**
 * The server's copy of the townships and fire zones (which township each zone lies in), loaded
 * from the app's data files at start so a station's township can be checked on every report.
 * Idempotent: upserts by code and zone id.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readFlatGeobuf } from '../../lib/io/flatgeobuf';
import type { Database } from '../db/adapter';

export interface ReferenceData {
  readonly townships: readonly { code: string; name: string }[];
  readonly zones: readonly { zoneId: string; name: string; townshipCode: string; level: number | null }[];
}

export async function seedReferenceData(db: Database, data: ReferenceData): Promise<void> {
  await db.transaction(async (tx) => {
    for (const township of data.townships) {
      await tx.query('insert into townships (code, name) values ($1, $2) on conflict (code) do update set name = excluded.name', [township.code, township.name]);
    }
    for (const zone of data.zones) {
      await tx.query(
        `insert into zones (zone_id, name, township_code, level) values ($1, $2, $3, $4)
         on conflict (zone_id) do update set name = excluded.name, township_code = excluded.township_code, level = excluded.level`,
        [zone.zoneId, zone.name, zone.townshipCode, zone.level],
      );
    }
  });
}

/** Reads townships.fgb (CODE, NAME) and fire-zones.fgb (ZONE_ID, MING_CHENG, XIANG = township name, DENG_JI). */
export async function readReferenceFiles(dataDir: string): Promise<ReferenceData | undefined> {
  const townshipFile = join(dataDir, 'townships.fgb');
  const zoneFile = join(dataDir, 'fire-zones.fgb');
  if (!existsSync(townshipFile) || !existsSync(zoneFile)) return undefined;
  const townshipFeatures = (await readFlatGeobuf(new Uint8Array(readFileSync(townshipFile)), 'townships.fgb')).features;
  const townships = townshipFeatures.map((feature) => ({ code: String(feature.properties?.CODE), name: String(feature.properties?.NAME) }));
  const codeByName = new Map(townships.map((township) => [township.name, township.code]));
  const zones = [];
  for (const feature of (await readFlatGeobuf(new Uint8Array(readFileSync(zoneFile)), 'fire-zones.fgb')).features) {
    const properties = feature.properties ?? {};
    const townshipCode = codeByName.get(String(properties.XIANG));
    if (!townshipCode) throw new Error(`fire-zones.fgb: zone ${String(properties.ZONE_ID)} names an unknown township ${String(properties.XIANG)}`);
    const level = Number(properties.DENG_JI);
    zones.push({ zoneId: String(properties.ZONE_ID), name: String(properties.MING_CHENG ?? properties.ZONE_ID), townshipCode, level: Number.isFinite(level) ? level : null });
  }
  return { townships, zones };
}
