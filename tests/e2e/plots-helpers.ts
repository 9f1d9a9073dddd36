/**
 * Shared steps of the plot end-to-end tests: reading the plot state, clicking on the map, drawing
 * a polygon, reading IndexedDB directly and making its writes fail.
 */
import type { Page } from 'playwright-core';
import type { Polygon } from 'geojson';

/** The view at 楠木湾 (两罾乡) used by the plot tests. */
export const PLOT_VIEW = '#map=14.00/28.88800/108.39000&layers=townships,subcompartments,nanmuProtection,corridors,afforestation2023&lang=zh';

export interface StoredPlotLike {
  id: string;
  name: string;
  plotType: string;
  targetYear: number;
  notes: string;
  deleted: boolean;
  revision: number;
  geometry: Polygon;
}

type PlotsWindow = { __plots: { all: StoredPlotLike[] } };

/** The plots the page shows (deleted ones left out), copied out of the page. */
export async function livePlots(page: Page): Promise<StoredPlotLike[]> {
  return page.evaluate(() => (window as unknown as PlotsWindow).__plots.all.filter((plot) => !plot.deleted).map((plot) => JSON.parse(JSON.stringify(plot))));
}

export async function waitForPlotCount(page: Page, count: number): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as PlotsWindow).__plots.all.filter((plot) => !plot.deleted).length === n, count);
}

/** terra-draw loads once the layers are on the map; the tools are enabled then. */
export async function waitForDrawingTools(page: Page): Promise<void> {
  await page.waitForFunction(() => !(document.querySelector('[data-testid="plot-tool-polygon"]') as HTMLButtonElement).disabled);
}

export async function mapBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('map has no box');
  return box;
}

/** Clicks at an offset from the map's top-left corner. */
export async function clickMap(page: Page, offset: { x: number; y: number }): Promise<void> {
  const box = await mapBox(page);
  await page.mouse.click(box.x + offset.x, box.y + offset.y);
  await page.waitForTimeout(120);
}

/** Draws a four-cornered polygon with the polygon tool (snapping off), corners relative to the map centre. */
export async function drawPolygon(page: Page, corners: readonly { dx: number; dy: number }[]): Promise<{ lng: number; lat: number }[]> {
  await page.getByTestId('plot-snap').uncheck();
  await page.getByTestId('plot-tool-polygon').click();
  const box = await mapBox(page);
  const points = corners.map(({ dx, dy }) => ({ x: box.width / 2 + dx, y: box.height / 2 + dy }));
  for (const point of points) await clickMap(page, point);
  await clickMap(page, points[0]!);
  type MapWindow = { __forestMap: { map: { unproject(p: [number, number]): { lng: number; lat: number } } } };
  return page.evaluate((list) => list.map((p) => (window as unknown as MapWindow).__forestMap.map.unproject([p.x, p.y])), points);
}

/** Every plot record in the app's IndexedDB, read directly (not through the app). */
export async function storedPlots(page: Page): Promise<StoredPlotLike[]> {
  return page.evaluate(
    () =>
      new Promise<StoredPlotLike[]>((resolve, reject) => {
        const request = indexedDB.open('youyang-forest-map');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const read = database.transaction('plots').objectStore('plots').getAll();
          read.onsuccess = () => {
            resolve(read.result as StoredPlotLike[]);
            database.close();
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}

/**
 * From now on, every write to the 'plots' store throws the DOMException a full disk gives
 * (QuotaExceededError), until restorePlotWrites().
 */
export async function failPlotWrites(page: Page, name = 'QuotaExceededError'): Promise<void> {
  await page.evaluate((errorName) => {
    type Patched = { __originalPut?: typeof IDBObjectStore.prototype.put };
    const holder = window as unknown as Patched;
    const original = holder.__originalPut ?? IDBObjectStore.prototype.put;
    holder.__originalPut = original;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (this.name === 'plots') throw new DOMException('The quota has been exceeded.', errorName);
      return original.apply(this, args);
    };
  }, name);
}

export async function restorePlotWrites(page: Page): Promise<void> {
  await page.evaluate(() => {
    const holder = window as unknown as { __originalPut?: typeof IDBObjectStore.prototype.put };
    if (holder.__originalPut) IDBObjectStore.prototype.put = holder.__originalPut;
    delete holder.__originalPut;
  });
}
