/**
 * The planner's plot tools in a real browser: draw a plot by clicking, check the area against the
 * geo core, edit a vertex, keep it over a reload, delete and undo, export and re-read GeoJSON and
 * KML, the boundary-point table against proj4, bad input (self-intersection, a KML without
 * polygons, an unknown CRS), another tab's edit, and screenshots in Chinese and English.
 */
import { readFileSync } from 'node:fs';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { geometryAreaSquareMetres, lineLengthMetres } from '../../src/lib/geo/area';
import { formatLength } from '../../src/lib/geo/plot-metrics';
import { formatArea } from '../../src/lib/geo/units';
import { readFlatGeobuf } from '../../src/lib/io/flatgeobuf';
import { artifactPath, openBrowser, waitForIdle, waitForMapReady, type BrowserSession } from './browser';
import { switchLanguage } from './language';

const baseUrl = inject('baseUrl');

// Definitions written out (DESIGN.md), independent of the app's registry.
const EPSG_4545 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const EPSG_4524 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const LONLAT = '+proj=longlat +ellps=GRS80 +no_defs';

/**
 * A view at 楠木湾 (两罾乡), whose nanmu protection zone spans 108.381–108.402°E, 28.882–28.901°N,
 * with the Apeng River corridor and 2023 afforestation plots around it.
 */
const VIEW = '#map=14.00/28.88800/108.39000&layers=townships,subcompartments,nanmuProtection,corridors,afforestation2023&lang=zh';

interface StoredPlotLike {
  id: string;
  name: string;
  plotType: string;
  targetYear: number;
  notes: string;
  deleted: boolean;
  geometry: Polygon;
}

type PlotsWindow = { __plots: { all: StoredPlotLike[]; selectedId: string | null } };
type MapWindow = { __forestMap: { map: { project(p: [number, number]): { x: number; y: number }; unproject(p: [number, number]): { lng: number; lat: number } } } };

async function livePlots(page: Page): Promise<StoredPlotLike[]> {
  return page.evaluate(() => (window as unknown as PlotsWindow).__plots.all.filter((plot) => !plot.deleted).map((plot) => JSON.parse(JSON.stringify(plot))));
}

async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('map has no box');
  return box;
}

/** Page coordinates of a longitude/latitude on the map. */
async function toPage(page: Page, position: Position): Promise<{ x: number; y: number }> {
  const box = await mapBox(page);
  const point = await page.evaluate((lngLat) => (window as unknown as MapWindow).__forestMap.map.project(lngLat), [position[0]!, position[1]!] as [number, number]);
  return { x: box.x + point.x, y: box.y + point.y };
}

async function clickMap(page: Page, offset: { x: number; y: number }): Promise<void> {
  const box = await mapBox(page);
  await page.mouse.click(box.x + offset.x, box.y + offset.y);
  await page.waitForTimeout(120);
}

async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await (file as Download).path();
  return readFileSync(path, 'utf8');
}

function gaussKruger(definition: string, position: Position): { x: number; y: number } {
  const [easting, northing] = proj4(LONLAT, definition, [position[0]!, position[1]!]) as [number, number];
  return { x: northing, y: easting };
}

const ring = (plot: StoredPlotLike) => plot.geometry.coordinates[0]!;

/** The vertex furthest towards a corner: north-west, north-east or south-east. */
function corner(plot: StoredPlotLike, which: 'nw' | 'ne' | 'se'): Position {
  const score = { nw: (p: Position) => p[1]! - p[0]!, ne: (p: Position) => p[0]! + p[1]!, se: (p: Position) => p[0]! - p[1]! }[which];
  return ring(plot).reduce((best, p) => (score(p) > score(best) ? p : best));
}

/** terra-draw loads once the layers are on the map; the tools are enabled then. */
async function waitForDrawingTools(page: Page): Promise<void> {
  await page.waitForFunction(() => !(document.querySelector('[data-testid="plot-tool-polygon"]') as HTMLButtonElement).disabled);
}

/** Puts the selected plot's outline into vertex editing and waits until the map has drawn it. */
async function startVertexEditing(page: Page): Promise<void> {
  await page.getByTestId('plot-edit-vertices').click();
  await page.getByTestId('plot-edit-done').waitFor();
  await waitForIdle(page);
}

async function waitForPlotCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as PlotsWindow).__plots.all.filter((plot) => !plot.deleted).length === n, count);
}

/** The outline being drawn or edited (a copy), or null. */
async function draftCoordinates(page: Page): Promise<Position[] | null> {
  return page.evaluate(() => {
    const draft = (window as unknown as { __plots: { draft: Polygon | { type: 'LineString'; coordinates: Position[] } | null } }).__plots.draft;
    if (!draft) return null;
    return JSON.parse(JSON.stringify(draft.type === 'Polygon' ? draft.coordinates[0] : draft.coordinates)) as Position[];
  });
}

describe('planting plots', () => {
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowser();
    page = session.page;
    await page.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await page.getByTestId('plot-empty').waitFor();
    // Wait until the drawing tools are ready (terra-draw loads after the layers).
    await waitForDrawingTools(page);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('draws a polygon by clicking and shows its ellipsoidal area exactly as the geo core computes it', async () => {
    const { problems } = session;
    // Snapping off: the clicked points themselves become the vertices.
    await page.getByTestId('plot-snap').uncheck();
    await page.getByTestId('plot-tool-polygon').click();
    const box = await mapBox(page);
    const corners = [
      { x: box.width / 2 - 170, y: box.height / 2 - 90 }, // north-west
      { x: box.width / 2 + 10, y: box.height / 2 - 80 },
      { x: box.width / 2 + 5, y: box.height / 2 + 70 },
      { x: box.width / 2 - 160, y: box.height / 2 + 60 },
    ];
    for (const corner of corners) await clickMap(page, corner);
    // While drawing, the read-out shows the shape so far.
    await expect(page.getByTestId('draft-vertices').textContent()).resolves.toMatch(/^[45]$/);
    await clickMap(page, corners[0]!);

    await page.getByTestId('plot-editor').waitFor();
    // The clicks went to the drawing tool, not to the sub-compartments underneath.
    expect(await page.getByTestId('feature-panel').count()).toBe(0);
    const [plot] = await livePlots(page);
    expect(plot).toBeDefined();
    expect(ring(plot!)).toHaveLength(5);
    // The vertices are the clicked points (to the 1e-9° the tool keeps).
    const clicked = await page.evaluate((points) => points.map((p) => (window as unknown as MapWindow).__forestMap.map.unproject([p.x, p.y])), corners);
    for (const point of clicked) {
      expect(ring(plot!).some(([lng, lat]) => Math.abs(lng! - point.lng) < 1e-7 && Math.abs(lat! - point.lat) < 1e-7)).toBe(true);
    }
    const area = geometryAreaSquareMetres(plot!.geometry);
    expect(area).toBeGreaterThan(100_000);
    await expect(page.getByTestId('plot-area-mu').textContent()).resolves.toBe(formatArea(area, 'mu', 'zh'));
    await expect(page.getByTestId('plot-area-ha').textContent()).resolves.toBe(formatArea(area, 'hectare', 'zh'));
    await expect(page.getByTestId('plot-area-m2').textContent()).resolves.toBe(formatArea(area, 'squareMetre', 'zh'));
    await expect(page.getByTestId('plot-vertices').textContent()).resolves.toBe('4');
    // The list shows it with the same area.
    await expect(page.getByTestId('plot-row').first().textContent()).resolves.toContain(formatArea(area, 'mu', 'zh'));
    expect(problems).toEqual([]);
  });

  it('checks the plot against every layer: the nanmu protection zone is flagged, townships listed', async () => {
    const { problems } = session;
    const flagged = page.getByTestId('plot-conflicts-flagged');
    await flagged.waitFor({ timeout: 60_000 });
    await expect(flagged.textContent()).resolves.toContain('古楠木保护范围');
    // The other layers are listed as information, with their share of the plot.
    await expect(page.getByTestId('plot-conflicts-table').locator('tr.layer').count()).resolves.toBeGreaterThan(0);
    const townships = (await page.getByTestId('plot-township-split').textContent()) ?? '';
    expect(townships).toMatch(/镇|乡|街道/);
    await expect(page.getByTestId('plot-townships').textContent()).resolves.toMatch(/镇|乡|街道/);
    expect(problems).toEqual([]);
  });

  it('moves a vertex by dragging it and updates the area', async () => {
    const { problems } = session;
    const [before] = await livePlots(page);
    await startVertexEditing(page);
    // Drag the south-east vertex 40 px further east.
    const from = await toPage(page, corner(before!, 'se'));
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++) await page.mouse.move(from.x + (40 * step) / 12, from.y + (20 * step) / 12);
    await page.mouse.move(from.x + 40, from.y + 20);
    await page.mouse.up();
    await page.waitForTimeout(200);
    const draftArea = (await page.getByTestId('draft-area-mu').textContent()) ?? '';
    await page.getByTestId('plot-edit-done').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="plot-edit-done"]'));
    await page.waitForTimeout(300);
    const [after] = await livePlots(page);
    const area = geometryAreaSquareMetres(after!.geometry);
    expect(area).toBeGreaterThan(geometryAreaSquareMetres(before!.geometry));
    expect(draftArea).toBe(formatArea(area, 'mu', 'zh'));
    await expect(page.getByTestId('plot-area-mu').textContent()).resolves.toBe(formatArea(area, 'mu', 'zh'));
    expect(ring(after!)).toHaveLength(5);
    expect(problems).toEqual([]);
  });

  it('keeps the plot and its attributes over a reload', async () => {
    const { problems } = session;
    await page.getByTestId('plot-name').fill('楠木湾1号地块');
    await page.getByTestId('plot-type').selectOption('封山育林');
    await page.getByTestId('plot-year').fill('2025');
    await page.getByTestId('plot-notes').fill('补植楠木，避开保护范围');
    await page.getByTestId('plot-notes').blur();
    await page.waitForTimeout(600);
    const [saved] = await livePlots(page);
    await page.reload();
    await waitForMapReady(page);
    await page.getByTestId('tab-plots').click();
    await page.getByTestId('plot-row').first().click();
    await expect(page.getByTestId('plot-name').inputValue()).resolves.toBe('楠木湾1号地块');
    await expect(page.getByTestId('plot-type').inputValue()).resolves.toBe('封山育林');
    await expect(page.getByTestId('plot-year').inputValue()).resolves.toBe('2025');
    await expect(page.getByTestId('plot-notes').inputValue()).resolves.toBe('补植楠木，避开保护范围');
    const [reloaded] = await livePlots(page);
    expect(reloaded!.geometry).toEqual(saved!.geometry);
    await page.getByTestId('plot-conflicts-flagged').waitFor({ timeout: 60_000 });
    await waitForDrawingTools(page);
    await page.screenshot({ path: artifactPath('plots-panel-zh.png') });
    await page.getByTestId('plot-conflicts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('plots-conflicts-zh.png') });
    expect(problems).toEqual([]);
  });

  it('deletes a plot and brings it back with undo', async () => {
    const { problems } = session;
    await page.getByTestId('plot-delete').click();
    await page.getByTestId('plot-undo-delete').waitFor();
    expect(await livePlots(page)).toHaveLength(0);
    await page.getByTestId('plot-undo-delete').click();
    await page.getByTestId('plot-editor').waitFor();
    const plots = await livePlots(page);
    expect(plots.map((plot) => plot.name)).toEqual(['楠木湾1号地块']);
    expect(problems).toEqual([]);
  });

  it('exports GeoJSON and KML that read back with the same coordinates', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    const geojson = JSON.parse(await download(page, 'plot-export-geojson')) as { features: { properties: Record<string, unknown>; geometry: Polygon }[] };
    expect(geojson.features).toHaveLength(1);
    expect(geojson.features[0]!.geometry.coordinates).toEqual(plot!.geometry.coordinates);
    expect(geojson.features[0]!.properties).toMatchObject({ MING_CHENG: '楠木湾1号地块', LEI_XING: '封山育林', NIAN_DU: 2025 });

    const kml = await download(page, 'plot-export-kml');
    expect(kml).toContain('<name>楠木湾1号地块</name>');
    const coordinates = /<coordinates>([^<]+)<\/coordinates>/.exec(kml)![1]!.trim().split(/\s+/).map((pair) => pair.split(',').map(Number));
    expect(coordinates).toEqual(ring(plot!));
    expect(problems).toEqual([]);
  });

  it('lists boundary points from the north-west corner with proj4’s EPSG:4545 and EPSG:4524 coordinates', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    await page.getByTestId('plot-open-table').click();
    const table = page.getByTestId('boundary-table');
    await table.waitFor();
    const firstRow = page.getByTestId('table-rows').locator('tbody tr').first();
    await expect(firstRow.locator('td').first().textContent()).resolves.toBe('J1');
    const lon = Number(await firstRow.locator('[data-column="longitude"]').textContent());
    const lat = Number(await firstRow.locator('[data-column="latitude"]').textContent());
    // J1 is the plot's north-west vertex (the first corner clicked).
    const northWest = corner(plot!, 'nw');
    expect(Math.abs(lon - northWest[0]!)).toBeLessThan(1e-8);
    expect(Math.abs(lat - northWest[1]!)).toBeLessThan(1e-8);
    const expected4545 = gaussKruger(EPSG_4545, northWest);
    await expect(firstRow.locator('[data-column="x"]').textContent()).resolves.toBe(expected4545.x.toFixed(3));
    await expect(firstRow.locator('[data-column="y"]').textContent()).resolves.toBe(expected4545.y.toFixed(3));
    // Four points plus the closing repeat of J1.
    await expect(page.getByTestId('table-rows').locator('tbody tr').count()).resolves.toBe(5);
    await page.screenshot({ path: artifactPath('plots-table-zh.png') });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: artifactPath('plots-table-print-zh.png') });
    await page.emulateMedia({ media: 'screen' });

    await page.getByTestId('table-prefix').check();
    const expected4524 = gaussKruger(EPSG_4524, northWest);
    await expect(firstRow.locator('[data-column="y"]').textContent()).resolves.toBe(expected4524.y.toFixed(3));
    await expect(firstRow.locator('[data-column="x"]').textContent()).resolves.toBe(expected4524.x.toFixed(3));
    await expect(page.getByTestId('table-crs-name').textContent()).resolves.toContain('EPSG:4524');

    // CSV export: the same first row.
    const csv = await download(page, 'table-export-csv');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const csvFirst = csv.split('\r\n')[1]!.split(',');
    expect(csvFirst.slice(0, 3)).toEqual(['J1', expected4524.x.toFixed(3), expected4524.y.toFixed(3)]);

    // An unknown coordinate system is explained, not turned into numbers.
    await page.getByTestId('table-crs').fill('9999');
    await page.getByTestId('table-crs-apply').click();
    await expect(page.getByTestId('table-error').textContent()).resolves.toContain('未知坐标系“EPSG:9999”');
    await page.getByTestId('table-close').click();
    expect(problems).toEqual([]);
  });

  it('refuses a self-intersecting outline with a clear message and saves nothing', async () => {
    const { problems } = session;
    const count = (await livePlots(page)).length;
    await page.getByTestId('plot-tool-polygon').click();
    const box = await mapBox(page);
    // A bow tie: the fourth click would make the last edge cross the first.
    const points = [
      { x: box.width / 2 + 60, y: box.height / 2 - 120 },
      { x: box.width / 2 + 200, y: box.height / 2 + 20 },
      { x: box.width / 2 + 200, y: box.height / 2 - 120 },
      { x: box.width / 2 + 60, y: box.height / 2 + 20 },
    ];
    for (const point of points) await clickMap(page, point);
    const refusal = page.getByTestId('plot-refusal');
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain('边界不能自相交');
    await page.screenshot({ path: artifactPath('plots-self-intersection-zh.png') });
    await page.getByTestId('plot-tool-cancel').click();
    expect(await livePlots(page)).toHaveLength(count);
    expect(problems).toEqual([]);
  });

  it('undoes and redoes vertices while drawing, draws a rectangle and a freehand plot, and measures a line', async () => {
    const { problems } = session;
    const count = (await livePlots(page)).length;
    const box = await mapBox(page);

    // Undo/redo while drawing.
    await page.getByTestId('plot-tool-polygon').click();
    // Right of the saved plot, clear of the floating tools at the top left.
    const around = (dx: number, dy: number) => ({ x: box.width / 2 + dx, y: box.height / 2 + dy });
    for (const point of [around(250, 100), around(350, 105), around(345, 200)]) await clickMap(page, point);
    const before = await draftCoordinates(page);
    await page.getByTestId('plot-undo').click();
    const undone = await draftCoordinates(page);
    expect(undone === null || undone.length < before!.length).toBe(true);
    await page.getByTestId('plot-redo').click();
    expect(await draftCoordinates(page)).toEqual(before);
    await page.getByTestId('plot-tool-cancel').click();
    expect(await livePlots(page)).toHaveLength(count);

    // Rectangle: two clicks, four vertices, the geo core's area.
    await page.getByTestId('plot-tool-rectangle').click();
    await clickMap(page, { x: box.width - 300, y: box.height - 200 });
    await page.mouse.move(box.x + box.width - 240, box.y + box.height - 150, { steps: 5 });
    await clickMap(page, { x: box.width - 180, y: box.height - 110 });
    await waitForPlotCount(page, count + 1);
    let plots = await livePlots(page);
    const rectangle = plots.find((plot) => plot.id === (plots.at(-1)!.id))!;
    expect(ring(rectangle)).toHaveLength(5);
    await expect(page.getByTestId('plot-area-mu').textContent()).resolves.toBe(formatArea(geometryAreaSquareMetres(rectangle.geometry), 'mu', 'zh'));
    await page.getByTestId('plot-delete').click();

    // Freehand: click, trace, click.
    await page.getByTestId('plot-tool-freehand').click();
    const centre = around(200, 120);
    await clickMap(page, centre);
    for (let step = 0; step <= 24; step++) {
      const angle = (2 * Math.PI * step) / 24;
      await page.mouse.move(box.x + centre.x + 60 * Math.sin(angle), box.y + centre.y + 60 - 60 * Math.cos(angle));
    }
    await clickMap(page, centre);
    await waitForPlotCount(page, count + 1);
    plots = await livePlots(page);
    expect(await page.getByTestId('feature-panel').count()).toBe(0);
    const freehand = plots.at(-1)!;
    expect(ring(freehand).length).toBeGreaterThan(6);
    await page.getByTestId('plot-delete').click();
    await waitForPlotCount(page, count);

    // Measuring line: its geodesic length.
    await page.getByTestId('plot-tool-measure').click();
    await clickMap(page, { x: 100, y: box.height - 120 });
    await clickMap(page, { x: 300, y: box.height - 140 });
    await clickMap(page, { x: 300, y: box.height - 140 });
    const line = (await draftCoordinates(page))!;
    expect(line).toHaveLength(2);
    await expect(page.getByTestId('measure-length').textContent()).resolves.toBe(formatLength(lineLengthMetres(line), 'zh'));
    await page.screenshot({ path: artifactPath('plots-measure-zh.png') });
    await page.getByTestId('plot-tool-cancel').click();
    expect(await livePlots(page)).toHaveLength(count);
    expect(problems).toEqual([]);
  });

  it('snaps a new vertex exactly onto a neighbouring plot’s vertex', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    await page.getByTestId('plot-snap').check();
    await page.getByTestId('plot-tool-polygon').click();
    const southEast = corner(plot!, 'se');
    const target = await toPage(page, southEast);
    await page.mouse.move(target.x + 5, target.y + 4);
    await page.mouse.click(target.x + 5, target.y + 4);
    await page.waitForTimeout(150);
    expect((await draftCoordinates(page))?.[0]).toEqual(southEast);
    await page.getByTestId('plot-tool-cancel').click();
    expect(problems).toEqual([]);
  });

  it('snaps onto a sub-compartment’s own vertex (not the map tiles’ simplified copy)', async () => {
    const { problems } = session;
    // A vertex of a sub-compartment drawn in the lower right of the map, from the layer's data
    // (the FlatGeobuf the page loaded: the map draws the layer from vector tiles).
    const region = await page.evaluate(() => {
      const map = (window as unknown as { __forestMap: { map: {
        getCanvas(): HTMLCanvasElement;
        queryRenderedFeatures(box: [[number, number], [number, number]], options: { layers: string[] }): { id?: number | string }[];
      } } }).__forestMap.map;
      const { clientWidth: width, clientHeight: height } = map.getCanvas();
      const box = { left: width * 0.6, right: width * 0.9, top: height * 0.6, bottom: height * 0.85 };
      const hits = map.queryRenderedFeatures([[box.left, box.top], [box.right, box.bottom]], { layers: ['subcompartments-fill'] });
      return { box, ids: hits.map((hit) => Number(hit.id)) };
    });
    const data = await readFlatGeobuf(new Uint8Array(readFileSync('public/data/subcompartments.fgb')), 'subcompartments.fgb');
    const candidates = region.ids.flatMap((id) => {
      const geometry = data.features[id]!.geometry as Polygon | MultiPolygon;
      return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).flat(2);
    });
    const vertex = await page.evaluate(({ box, positions }) => {
      const map = (window as unknown as { __forestMap: { map: { project(p: [number, number]): { x: number; y: number } } } }).__forestMap.map;
      return positions.find((position) => {
        const point = map.project(position as [number, number]);
        return point.x > box.left && point.x < box.right && point.y > box.top && point.y < box.bottom;
      }) ?? null;
    }, { box: region.box, positions: candidates });
    expect(vertex).not.toBeNull();
    await page.getByTestId('plot-tool-polygon').click();
    const at = await toPage(page, vertex!);
    await page.mouse.move(at.x + 3, at.y + 3);
    await page.mouse.click(at.x + 3, at.y + 3);
    await page.waitForTimeout(150);
    const snapped = (await draftCoordinates(page))?.[0];
    expect(snapped).toEqual(vertex!.map((value) => Math.round(value * 1e9) / 1e9));
    await page.getByTestId('plot-tool-cancel').click();
    expect(problems).toEqual([]);
  });

  it('deletes a vertex with a right click, and cancelling the edit keeps the saved outline', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    await page.locator(`[data-testid="plot-row"][data-plot-id="${plot!.id}"]`).click();
    await startVertexEditing(page);
    const at = await toPage(page, corner(plot!, 'ne'));
    await page.mouse.click(at.x, at.y, { button: 'right' });
    await expect(page.getByTestId('draft-vertices').textContent()).resolves.toBe('3');
    await page.getByTestId('plot-edit-cancel').click();
    expect((await livePlots(page)).find((entry) => entry.id === plot!.id)!.geometry).toEqual(plot!.geometry);
    await expect(page.getByTestId('plot-vertices').textContent()).resolves.toBe('4');
    expect(problems).toEqual([]);
  });

  it('explains a KML without polygons and keeps every saved plot', async () => {
    const { problems } = session;
    const before = await livePlots(page);
    const kml = `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>瞭望点</name><Point><coordinates>108.83,28.745</coordinates></Point></Placemark></Document></kml>`;
    await page.getByTestId('plot-import-input').setInputFiles({ name: '巡护点.kml', mimeType: 'application/vnd.google-earth.kml+xml', buffer: Buffer.from(kml) });
    const notice = page.getByTestId('plot-notice').filter({ hasText: '巡护点' });
    await notice.waitFor();
    await expect(notice.textContent()).resolves.toContain('没有面（多边形）要素');
    expect(await livePlots(page)).toEqual(before);
    expect(problems).toEqual([]);
  });

  it('imports the exported GeoJSON back as a plot with the same outline', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    const geojson = await download(page, 'plot-export-geojson');
    await page.getByTestId('plot-import-input').setInputFiles({ name: 'plots.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(geojson) });
    await waitForPlotCount(page, 2);
    const imported = (await livePlots(page)).find((entry) => entry.id !== plot!.id)!;
    expect(imported.name).toBe('楠木湾1号地块');
    expect(imported.plotType).toBe('封山育林');
    expect(imported.geometry).toEqual(plot!.geometry);
    // Two plots on the same ground: each flags the other.
    await page.getByTestId('plot-conflicts-flagged').filter({ hasText: '重叠' }).waitFor({ timeout: 60_000 });
    // Leave one plot for the next tests.
    await page.getByTestId('plot-delete').click();
    await waitForPlotCount(page, 1);
    expect(problems).toEqual([]);
  });

  it('shows another tab’s edit of the plot instead of silently keeping the old one', async () => {
    const { problems } = session;
    const [plot] = await livePlots(page);
    await page.locator(`[data-testid="plot-row"][data-plot-id="${plot!.id}"]`).click();
    const other = await session.context.newPage();
    other.on('pageerror', (error) => problems.push(`page error (second tab): ${error.message}`));
    await other.goto(`${baseUrl}${VIEW}`);
    await waitForMapReady(other);
    await other.getByTestId('tab-plots').click();
    await other.locator(`[data-testid="plot-row"][data-plot-id="${plot!.id}"]`).click();
    await other.getByTestId('plot-name').fill('楠木湾1号（另一标签页修改）');
    await other.getByTestId('plot-name').blur();
    await page.waitForFunction(() => (document.querySelector('[data-testid="plot-name"]') as HTMLInputElement).value === '楠木湾1号（另一标签页修改）');
    await expect(page.getByTestId('plot-notice').filter({ hasText: '另一个标签页' }).count()).resolves.toBeGreaterThan(0);
    await other.close();
    expect(problems).toEqual([]);
  });

  it('shows the panel, the conflict check and the table in English', async () => {
    const { problems } = session;
    await switchLanguage(page, 'en');
    await expect(page.getByTestId('tab-plots').textContent()).resolves.toContain('Plots');
    await page.getByTestId('plot-conflicts-flagged').waitFor();
    await expect(page.getByTestId('plot-conflicts-flagged').textContent()).resolves.toContain('nanmu protection zone');
    await page.screenshot({ path: artifactPath('plots-panel-en.png') });
    await page.getByTestId('plot-conflicts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('plots-conflicts-en.png') });
    await page.getByTestId('plot-open-table').click();
    await page.getByTestId('boundary-table').waitFor();
    await expect(page.getByTestId('table-rows').locator('thead').textContent()).resolves.toContain('X (northing, m)');
    await page.screenshot({ path: artifactPath('plots-table-en.png') });
    await page.getByTestId('table-close').click();
    await switchLanguage(page, 'zh');
    expect(problems).toEqual([]);
  });
});
