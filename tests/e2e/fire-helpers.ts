/** Fire-tab helpers shared by the fire e2e files: open the panel, move the map, read the facilities it draws. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { jumpTo, openBrowser, waitForMapReady, type BrowserSession } from './browser';

export { jumpTo };

export type Position = [number, number];
export interface DrawnFacility {
  readonly id: string;
  readonly position: Position;
  readonly radius: number;
}

export async function openFirePanel(page: Page): Promise<void> {
  await waitForMapReady(page);
  await page.getByTestId('tab-fire').click();
  await page.getByTestId('county-coverage').waitFor({ timeout: 120_000 });
}

export async function reloadFirePanel(page: Page): Promise<void> {
  await page.reload();
  await openFirePanel(page);
}

/** Centres the map on a position and clicks there. */
export async function clickMapAt(page: Page, position: Position, zoom = 12.5): Promise<void> {
  await jumpTo(page, position, zoom);
  const box = (await page.getByTestId('map').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** The facilities the map draws (at county zoom every one is in a loaded tile), by id. */
export async function drawnFacilities(page: Page): Promise<Map<string, DrawnFacility>> {
  await jumpTo(page, [108.8, 28.86], 8);
  const features = await page.evaluate(() => {
    const hooks = window as unknown as {
      __forestMap: { map: { querySourceFeatures(source: string): { id?: number | string; properties: Record<string, unknown>; geometry: { coordinates: Position } }[] } };
      __app: { feature(layerId: string, featureId: number): { properties: Record<string, unknown> | null } | undefined };
    };
    // The map has only the attributes its style reads (the radius); the facility's code is the page's.
    return hooks.__forestMap.map.querySourceFeatures('source-fireFacilities').map((feature) => ({
      id: String(hooks.__app.feature('fireFacilities', Number(feature.id))?.properties?.SHE_SHI_ID),
      position: feature.geometry.coordinates,
      radius: Number(feature.properties.BAN_JING),
    }));
  });
  return new Map(features.map((feature) => [feature.id, feature]));
}

export async function selectFacility(page: Page, facility: DrawnFacility): Promise<void> {
  await clickMapAt(page, facility.position);
  await expect.poll(() => page.getByTestId('facility-editor').textContent(), { timeout: 30_000 }).toContain(facility.id);
}

/** A browser on the fire tab, with the facilities the map draws at the start. */
export async function openFireSession(baseUrl: string): Promise<{ session: BrowserSession; facilities: Map<string, DrawnFacility> }> {
  const session = await openBrowser({ width: 1500, height: 950 });
  await session.page.goto(`${baseUrl}#lang=zh`);
  await openFirePanel(session.page);
  return { session, facilities: await drawnFacilities(session.page) };
}
