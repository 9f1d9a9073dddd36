/**
 * Two fire officers in two browsers against a real workspace server (tests/e2e/workspace-server.ts):
 * both edit the same zone's review → the second one to reach the server sees the conflict dialog
 * with both versions, and whichever they choose is what the server ends with (the other side is
 * never lost before the choice). Also: 需整改 in the review form waits for its deadline instead of
 * being pushed and refused; a facility edit reaches the server per record and the other officer's
 * map live; a viewer gets the review form and the facility editor read-only.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, waitForMapReady, type BrowserSession } from './browser';
import { drawnFacilities, selectFacility } from './fire-helpers';
import { signInCookie, signInThroughUi, startWorkspaceServer, WORKSPACE_PASSWORD, until, type WorkspaceServer, type WorkspaceUser } from './workspace-server';

interface ServerReview {
  readonly status: string;
  readonly notes: string;
  readonly deadline: string | null;
  readonly revision: number;
  readonly updatedBy: string;
}

interface ServerFacility {
  readonly id: string;
  readonly radiusMetres: number | null;
  readonly revision: number;
}

/** Problems the scenario causes on purpose: the sign-in probe (401), requests while offline, the refused push (409). */
function unexpected(problems: readonly string[]): string[] {
  return problems.filter(
    (problem) =>
      !/^HTTP 401: .*\/api\/session$/.test(problem) &&
      !/ERR_INTERNET_DISCONNECTED|ERR_NETWORK_CHANGED/.test(problem) &&
      !/request failed: .*\/api\/events/.test(problem) &&
      !/^HTTP 409: .*\/api\/reviews\//.test(problem) &&
      !/status of 409|status of 401/.test(problem),
  );
}

async function openFireTab(page: Page): Promise<void> {
  await page.getByTestId('tab-fire').click();
  await page.getByTestId('zone-list').waitFor({ timeout: 120_000 });
}

async function selectZone(page: Page, zoneId: string): Promise<void> {
  await page.locator(`[data-testid="zone-list"] [data-zone="${zoneId}"] button`).click();
  await page.getByTestId('review-form').waitFor({ timeout: 60_000 });
}

/** Types a review as the form autosaves it (reviewer first: every history entry names its author). */
async function typeReview(page: Page, reviewer: string, notes: string): Promise<void> {
  await page.getByTestId('review-reviewer').fill(reviewer);
  await page.getByTestId('review-notes').fill(notes);
  await page.getByTestId('review-notes').press('Tab');
}

const pending = (page: Page, count: number) => page.locator(`[data-testid="sync-status"][data-pending="${count}"]`).waitFor({ timeout: 60_000 });

describe('two fire officers edit the same review', () => {
  let server: WorkspaceServer;
  let first: BrowserSession;
  let second: BrowserSession;
  let cookie: string;
  let secondOfficer: WorkspaceUser;
  let zoneId: string;

  const review = async (zone: string): Promise<ServerReview> => {
    const response = await fetch(new URL(`api/reviews/${zone}`, server.baseUrl), { headers: { cookie } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { review: ServerReview }).review;
  };

  beforeAll(async () => {
    server = await startWorkspaceServer({ staticDir: inject('buildDir') });
    zoneId = server.stationZone.zoneId;
    cookie = await signInCookie(server.baseUrl, server.users.fire_officer);
    // A second fire officer's account, made by the admin as any would be.
    const admin = await signInCookie(server.baseUrl, server.users.admin);
    secondOfficer = { name: 'fire_officer_2', password: WORKSPACE_PASSWORD, role: 'fire_officer', townshipCode: null };
    const made = await fetch(new URL('api/users', server.baseUrl), {
      method: 'POST',
      headers: { cookie: admin, 'content-type': 'application/json', origin: new URL(server.baseUrl).origin },
      body: JSON.stringify({ name: secondOfficer.name, role: 'fire_officer', password: WORKSPACE_PASSWORD }),
    });
    expect(made.status).toBe(201);

    first = await openBrowser({ width: 1500, height: 950 });
    second = await openBrowser({ width: 1500, height: 950 });
    for (const session of [first, second]) {
      // Two Chromiums with software WebGL on a busy machine: actions may wait long for the page.
      session.page.setDefaultTimeout(120_000);
      await session.page.goto(`${server.baseUrl}#lang=zh`);
      await session.page.locator('[data-testid="workspace-mode"][data-mode="workspace"]').waitFor({ timeout: 60_000 });
    }
    await waitForMapReady(first.page);
    await signInThroughUi(first.page, server.users.fire_officer);
    await waitForMapReady(second.page);
    await signInThroughUi(second.page, secondOfficer);
    for (const session of [first, second]) {
      await openFireTab(session.page);
      await selectZone(session.page, zoneId);
    }
  }, 600_000);

  afterAll(async () => {
    await first?.close();
    await second?.close();
    await server?.stop();
  }, 120_000);

  it('the second officer sees both versions and keeps theirs over the other: the server ends with it', async () => {
    // The second officer is offline a moment, so both edit the same revision.
    await second.context.setOffline(true);
    await second.page.locator('[data-testid="sync-status"][data-connection="offline"]').waitFor({ timeout: 30_000 });

    await typeReview(first.page, '防火办 张工', '张工：隔离带未贯通');
    await until(() => review(zoneId), (value) => value.notes === '张工：隔离带未贯通', "the first officer's review on the server");
    await pending(first.page, 0);

    await typeReview(second.page, '防火办 李工', '李工：取水点不足');
    await pending(second.page, 1);
    await second.context.setOffline(false);

    // Refused as a conflict (409), shown with both versions; the server still has the first one's.
    await second.page.getByTestId('sync-problems').click({ timeout: 60_000 });
    const dialog = second.page.getByTestId('sync-problem-dialog');
    await dialog.waitFor();
    const notes = dialog.locator('[data-testid="sync-field"][data-field="notes"]');
    expect(await notes.getByTestId('sync-mine').textContent()).toBe('李工：取水点不足');
    expect(await notes.getByTestId('sync-theirs').textContent()).toBe('张工：隔离带未贯通');
    expect((await review(zoneId)).notes).toBe('张工：隔离带未贯通');
    // Nothing lost meanwhile: the second officer's form still shows their own notes.
    expect(await second.page.getByTestId('review-notes').inputValue()).toBe('李工：取水点不足');

    await dialog.getByTestId('keep-mine').click();
    const kept = await until(() => review(zoneId), (value) => value.notes === '李工：取水点不足', 'the chosen version on the server');
    expect(kept).toMatchObject({ revision: 2, updatedBy: secondOfficer.name });
    await pending(second.page, 0);
    // The problem list follows the outbox on its own refresh, a moment after the pending count.
    await expect.poll(() => second.page.getByTestId('sync-problems').count(), { timeout: 30_000 }).toBe(0);
    // The first officer sees it live.
    await expect.poll(() => first.page.getByTestId('review-notes').inputValue(), { timeout: 60_000 }).toBe('李工：取水点不足');
    expect(unexpected(first.problems)).toEqual([]);
    expect(unexpected(second.problems)).toEqual([]);
  }, 300_000);

  it("choosing the other officer's version leaves it on the server and puts it in the form", async () => {
    await second.context.setOffline(true);
    await second.page.locator('[data-testid="sync-status"][data-connection="offline"]').waitFor({ timeout: 30_000 });
    await typeReview(first.page, '防火办 张工', '张工：已补建隔离带');
    await until(() => review(zoneId), (value) => value.notes === '张工：已补建隔离带', "the first officer's second edit on the server");

    await typeReview(second.page, '防火办 李工', '李工：再查一次');
    await pending(second.page, 1);
    await second.context.setOffline(false);
    await second.page.getByTestId('sync-problems').click({ timeout: 60_000 });
    const dialog = second.page.getByTestId('sync-problem-dialog');
    await dialog.getByTestId('keep-theirs').click();

    await pending(second.page, 0);
    await expect.poll(() => second.page.getByTestId('review-notes').inputValue(), { timeout: 60_000 }).toBe('张工：已补建隔离带');
    // The problem list follows the outbox on its own refresh, a moment after the pending count.
    await expect.poll(() => second.page.getByTestId('sync-problems').count(), { timeout: 30_000 }).toBe(0);
    expect(await review(zoneId)).toMatchObject({ notes: '张工：已补建隔离带', revision: 3 });
    expect(unexpected(second.problems)).toEqual([]);
  }, 300_000);

  it('需整改 in the review form waits for a deadline instead of being pushed and refused', async () => {
    const page = first.page;
    const other = server.otherZone.zoneId;
    await selectZone(page, other);
    // The status first: without a reviewer nothing is saved yet; with one, the order is complete or held.
    await page.getByTestId('review-status').selectOption('需整改');
    await page.getByTestId('review-reviewer').fill('防火办 张工');
    await expect.poll(() => page.getByTestId('review-error').textContent(), { timeout: 30_000 }).toContain('整改期限');
    await page.locator('[data-testid="review-form"] [data-action="巡护"]').check();
    // Still held: nothing was queued, nothing refused.
    await pending(page, 0);
    expect((await review(other)).revision).toBe(0);

    await page.getByTestId('review-deadline').fill('2027-03-31');
    await page.getByTestId('review-deadline').press('Tab');
    const ordered = await until(() => review(other), (value) => value.revision > 0, 'the order on the server');
    expect(ordered).toMatchObject({ status: '需整改', deadline: '2027-03-31' });
    await expect.poll(() => page.getByTestId('review-error').count()).toBe(0);
    expect(await page.getByTestId('sync-problems').count()).toBe(0);
    expect(unexpected(first.problems)).toEqual([]);
  }, 300_000);

  it("a facility edit reaches the server per record and the other officer's map live", async () => {
    const page = first.page;
    const facilities = await drawnFacilities(page);
    const facility = [...facilities.values()].find((item) => item.radius > 0)!;
    await selectFacility(page, facility);
    await page.getByTestId('facility-radius').fill('4321');
    await page.getByTestId('facility-radius-apply').click();

    const onServer = await until(
      async () => (await (await fetch(new URL('api/facilities', server.baseUrl), { headers: { cookie } })).json()) as ServerFacility[],
      // Every facility of the list becomes its own record on the server (the first edit sends them all).
      (list) => list.length === facilities.size && list.some((item) => item.id === facility.id && item.radiusMetres === 4321),
      'the facilities on the server',
    );
    expect(onServer.every((item) => item.revision === 1)).toBe(true);
    await pending(page, 0);
    await expect.poll(async () => (await drawnFacilities(second.page)).get(facility.id)?.radius, { timeout: 60_000 }).toBe(4321);
    expect(unexpected(first.problems)).toEqual([]);
    expect(unexpected(second.problems)).toEqual([]);
  }, 300_000);

  it('a viewer has the review form and the facility editor read-only, with the reason', async () => {
    const page = second.page;
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in').waitFor();
    await signInThroughUi(page, server.users.viewer);
    await selectZone(page, zoneId);
    await page.getByTestId('review-read-only').waitFor();
    expect(await page.getByTestId('review-notes').isDisabled()).toBe(true);
    expect(await page.getByTestId('review-status').isDisabled()).toBe(true);
    await page.getByTestId('facility-read-only').waitFor();
    expect(await page.getByTestId('facility-add').count()).toBe(0);
    expect(unexpected(second.problems)).toEqual([]);
  }, 300_000);
});
