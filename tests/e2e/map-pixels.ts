/** Reading the map's pixels in e2e tests: the colour MapLibre drew at a longitude/latitude. */
import type { Page } from 'playwright-core';

/** The colour the map shows at a longitude/latitude (read from the WebGL canvas). */
export async function colourAt(page: Page, lonLat: [number, number]): Promise<number[]> {
  return page.evaluate((position) => {
    const map = (window as unknown as { __forestMap: { map: { getCanvas(): HTMLCanvasElement; project(p: [number, number]): { x: number; y: number } } } }).__forestMap.map;
    const canvas = map.getCanvas();
    const point = map.project(position);
    const ratio = canvas.width / canvas.clientWidth;
    const copy = document.createElement('canvas');
    copy.width = canvas.width;
    copy.height = canvas.height;
    const context = copy.getContext('2d')!;
    context.drawImage(canvas, 0, 0);
    return [...context.getImageData(Math.round(point.x * ratio), Math.round(point.y * ratio), 1, 1).data];
  }, lonLat);
}

/** Whether a colour is within a tolerance of the expected one, channel by channel. */
export function near(actual: number[], expected: number[], tolerance = 40): boolean {
  return expected.every((value, index) => Math.abs(actual[index]! - value) <= tolerance);
}
