/**
 * The workspace in two browsers against a real server (tests/e2e/workspace-server.ts): a
 * planner's plot appears for a viewer live; the planner goes offline, edits, reconnects and the
 * edit reaches the server and the viewer; the viewer has no edit controls and the API refuses.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, waitForMapReady, type BrowserSession } from './browser';
import { drawPolygon, livePlots, PLOT_VIEW, waitForDrawingTools } from './plots-helpers';
import { signInCookie, startWorkspaceServer, until, type WorkspaceServer, type WorkspaceUser } from './workspace-server';

interface ServerPlot {
  readonly id: string;
  readonly name: string;
  readonly revision: number;
  readonly updatedBy: string;
}

/** Problems the scenario causes on purpose: requests (event stream, retries) failing while the browser is offline. */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter(
    (problem) =>
      !/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED/.test(problem) &&
      !/request failed: .*\/api\/events/.test(problem),
  );
}

async function signIn(page: Page, user: WorkspaceUser): Promise<void> {
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-in-name').fill(user.name);
  await page.getByTestId('sign-in-password').fill(user.password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('workspace-user').waitFor();
  // Live updates are connected once the status says so.
  await page.locator('[data-testid="sync-status"][data-connection="online"]').waitFor({ timeout: 60_000 });
}

async function serverPlots(server: WorkspaceServer, cookie: string): Promise<ServerPlot[]> {
  const response = await fetch(new URL('api/plots', server.baseUrl), { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as ServerPlot[];
}

async function plotName(page: Page, id: string): Promise<string | undefined> {
  return (await livePlots(page)).find((plot) => plot.id === id)?.name;
}

describe('workspace sync in two browsers', () => {
  let server: WorkspaceServer;
  let planner: BrowserSession;
  let viewer: BrowserSession;
  let plannerCookie: string;
  let plotId: string;

  beforeAll(async () => {
    server = await startWorkspaceServer({ staticDir: inject('buildDir') });
    plannerCookie = await signInCookie(server.baseUrl, server.users.planner);
    planner = await openBrowser();
    viewer = await openBrowser();
    // PGlite, six argon2id accounts and two browsers on a shared 2-core machine.
  }, 400_000);

  afterAll(async () => {
    await planner?.close();
    await viewer?.close();
    await server?.stop();
  });

  it('signs both users in and shows the mode and the user with the role in the header', async () => {
    for (const session of [planner, viewer]) {
      await session.page.goto(`${server.baseUrl}${PLOT_VIEW}`);
      await session.page.locator('[data-testid="workspace-mode"][data-mode="workspace"]').waitFor({ timeout: 60_000 });
      // The page is busy while the layers load (software WebGL): sign in once they are on the map.
      await waitForMapReady(session.page);
    }
    await signIn(planner.page, server.users.planner);
    await signIn(viewer.page, server.users.viewer);
    for (const session of [planner, viewer]) await session.page.getByTestId('tab-plots').click();
    await expect(planner.page.getByTestId('workspace-user').textContent()).resolves.toBe('工作区：planner·规划人员');
    await expect(viewer.page.getByTestId('workspace-user').textContent()).resolves.toBe('工作区：viewer·查看者');
  }, 400_000);

  it("a planner's plot reaches the server and appears for the viewer without reloading", async () => {
    const page = planner.page;
    await waitForDrawingTools(page);
    await drawPolygon(page, [
      { dx: -120, dy: -70 },
      { dx: 20, dy: -60 },
      { dx: 10, dy: 60 },
      { dx: -110, dy: 50 },
    ]);
    await page.getByTestId('plot-editor').waitFor();
    const [plot] = await livePlots(page);
    expect(plot).toBeDefined();
    plotId = plot!.id;
    const onServer = await until(() => serverPlots(server, plannerCookie), (plots) => plots.some((entry) => entry.id === plotId), 'the plot on the server');
    expect(onServer.find((entry) => entry.id === plotId)).toMatchObject({ name: plot!.name, updatedBy: 'planner', revision: 1 });
    await viewer.page.waitForFunction((id) => (window as unknown as { __plots: { all: { id: string }[] } }).__plots.all.some((entry) => entry.id === id), plotId, { timeout: 60_000 });
    expect(await plotName(viewer.page, plotId)).toBe(plot!.name);
    await planner.page.locator('[data-testid="sync-status"][data-pending="0"]').waitFor();
    expect(unexpected(planner.problems)).toEqual([]);
    expect(unexpected(viewer.problems)).toEqual([]);
  });

  it('the viewer has no edit controls, and the server refuses the viewer a write', async () => {
    const page = viewer.page;
    expect(await page.getByTestId('plot-tool-polygon').count()).toBe(0);
    expect(await page.getByTestId('plot-import').count()).toBe(0);
    expect(await page.getByTestId('plot-tool-measure').count()).toBe(1);
    await page.locator(`[data-testid="plot-row"][data-plot-id="${plotId}"]`).click();
    await page.getByTestId('plot-editor').waitFor();
    expect(await page.getByTestId('plot-name').isDisabled()).toBe(true);
    expect(await page.getByTestId('plot-delete').count()).toBe(0);

    const viewerCookie = await signInCookie(server.baseUrl, server.users.viewer);
    const [current] = (await serverPlots(server, viewerCookie)).filter((entry) => entry.id === plotId);
    const refused = await fetch(new URL(`api/plots/${plotId}`, server.baseUrl), {
      method: 'PUT',
      headers: { cookie: viewerCookie, 'content-type': 'application/json', origin: new URL(server.baseUrl).origin },
      body: JSON.stringify({ ...current, deleted: undefined, id: undefined, bbox: undefined, areaSquareMetres: undefined, createdAt: undefined, createdBy: undefined, updatedAt: undefined, updatedBy: undefined }),
    });
    expect(refused.status).toBe(403);
    expect(unexpected(viewer.problems)).toEqual([]);
  });

  it('an edit made offline waits in the outbox and reaches the server and the viewer on reconnecting', async () => {
    const page = planner.page;
    await planner.context.setOffline(true);
    await page.locator('[data-testid="sync-status"][data-connection="offline"]').waitFor({ timeout: 30_000 });
    // Selected since it was drawn (a click on its row would close it).
    await page.evaluate((id) => (window as unknown as { __plots: { select(id: string): void } }).__plots.select(id), plotId);
    const name = page.getByTestId('plot-name');
    await name.fill('离线修改的地块');
    await name.press('Tab');
    await page.locator('[data-testid="sync-status"][data-pending="1"]').waitFor({ timeout: 30_000 });
    // Still the old name on the server.
    expect((await serverPlots(server, plannerCookie)).find((entry) => entry.id === plotId)?.name).not.toBe('离线修改的地块');

    await planner.context.setOffline(false);
    const updated = await until(
      () => serverPlots(server, plannerCookie),
      (plots) => plots.find((entry) => entry.id === plotId)?.name === '离线修改的地块',
      'the offline edit on the server',
    );
    expect(updated.find((entry) => entry.id === plotId)).toMatchObject({ revision: 2, updatedBy: 'planner' });
    await page.locator('[data-testid="sync-status"][data-pending="0"]').waitFor({ timeout: 30_000 });
    await viewer.page.waitForFunction(
      (id) => (window as unknown as { __plots: { all: { id: string; name: string }[] } }).__plots.all.some((entry) => entry.id === id && entry.name === '离线修改的地块'),
      plotId,
      { timeout: 60_000 },
    );
    expect(unexpected(planner.problems)).toEqual([]);
    expect(unexpected(viewer.problems)).toEqual([]);
  });
});
