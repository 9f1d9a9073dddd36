/**
 * The review form's saves in workspace mode: a change the server would refuse (需整改 without a
 * deadline or actions, 已整改 set by the fire office) is held with its reason — nothing written
 * locally, so nothing queued — and is saved, deadline included, once complete. Local-only mode
 * saves as ever. The deadline travels both ways through the review sync.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import type { RemoteReview } from '../../src/lib/sync/api-client';
import { reviewSync } from '../../src/lib/sync/review-sync';
import { ReviewRepository } from '../../src/lib/state/fire/review-store';
import { FacilityRepository } from '../../src/lib/state/fire/facility-repository';
import type { ReviewDraft } from '../../src/lib/state/fire/review-model';

// Runes are compiled by Svelte; the unit project runs plain TypeScript (see backup-state.test.ts).
const runes = Object.assign(<T>(value: T) => value, { raw: <T>(value: T) => value, by: <T>(compute: () => T) => compute() });
Object.assign(globalThis as object, { $state: runes, $derived: runes });
const { FireState } = await import('../../src/lib/state/fire/fire-state.svelte');
const { permissions } = await import('../../src/lib/sync/permissions.svelte');

const ZONE = 'HZ-001';
const order: ReviewDraft = { status: '需整改', reviewer: '防火办王', reviewDate: '2026-11-30', notes: '林下可燃物多', actions: ['清理可燃物'], deadline: '' };

let counter = 0;
const cleanups: (() => Promise<void> | void)[] = [];

async function fireState() {
  const name = `review-orders-${++counter}`;
  const reviews = await ReviewRepository.open({ databaseName: name, origin: 'tab' });
  const facilities = await FacilityRepository.open({ databaseName: name, origin: 'tab' });
  const fire = new FireState(async () => ({ reviews, facilities }));
  await fire.open(undefined, undefined);
  cleanups.push(async () => {
    fire.dispose();
    await deleteDB(name);
  });
  return { fire, reviews };
}

beforeEach(() => {
  permissions.role = 'fire_officer';
});

afterEach(async () => {
  permissions.role = null;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('review orders in workspace mode', () => {
  it('holds 需整改 without a deadline with a clear message, and saves it with the deadline once given', async () => {
    const { fire, reviews } = await fireState();
    await fire.saveReview(ZONE, order);
    expect(await reviews.get(ZONE)).toBeUndefined();
    expect(fire.isHeld(ZONE)).toBe(true);
    expect(fire.formDraft(ZONE)).toMatchObject({ notes: '林下可燃物多', actions: ['清理可燃物'] });
    expect(fire.reviewError).toMatchObject({ zoneId: ZONE, retryable: false });
    expect(fire.reviewError?.text.zh).toContain('整改期限');

    // Without actions it is not an order either.
    await fire.saveReview(ZONE, { ...order, actions: [], deadline: '2026-12-31' });
    expect(await reviews.get(ZONE)).toBeUndefined();

    await fire.saveReview(ZONE, { ...order, deadline: '2026-12-31' });
    expect(await reviews.get(ZONE)).toMatchObject({ status: '需整改', deadline: '2026-12-31', actions: ['清理可燃物'] });
    expect(fire.isHeld(ZONE)).toBe(false);
    expect(fire.reviewError).toBeNull();
    expect((await reviews.history(ZONE))[0]?.changes).toContainEqual(['deadline', '', '2026-12-31']);
    // What the sync pushes carries the deadline the server requires.
    expect(await reviewSync(reviews).readLocal(ZONE)).toMatchObject({ status: '需整改', deadline: '2026-12-31' });
  });

  it('holds 已整改 set by the fire office (only the station reports it)', async () => {
    const { fire, reviews } = await fireState();
    await fire.saveReview(ZONE, { ...order, status: '已整改' });
    expect(await reviews.get(ZONE)).toBeUndefined();
    expect(fire.reviewError?.text.zh).toContain('乡镇林业站');
  });

  it('local-only mode saves as ever', async () => {
    permissions.role = null;
    const { fire, reviews } = await fireState();
    await fire.saveReview(ZONE, order);
    expect(await reviews.get(ZONE)).toMatchObject({ status: '需整改' });
    expect(fire.reviewError).toBeNull();
  });
});

describe('the deadline in the review sync', () => {
  it('an order received from the server keeps its deadline locally, so the next edit is not refused', async () => {
    const name = `review-orders-${++counter}`;
    const store = await ReviewRepository.open({ databaseName: name, origin: 'workspace-sync:test' });
    cleanups.push(async () => {
      store.close();
      await deleteDB(name);
    });
    const sync = reviewSync(store);
    const remote: RemoteReview = {
      zoneId: ZONE,
      status: '需整改',
      reviewer: '防火办王',
      reviewDate: '2026-11-30',
      notes: '',
      actions: ['巡护'],
      deadline: '2027-01-15',
      returnReason: '',
      updatedAt: '2026-11-30T08:00:00.000Z',
      updatedBy: 'fire_officer',
      revision: 1,
    };
    await sync.applyRemote(remote);
    expect(await sync.readLocal(ZONE)).toMatchObject({ status: '需整改', deadline: '2027-01-15' });
    // Accepted: the server keeps the old deadline, which means nothing for a closed order.
    await sync.applyRemote({ ...remote, status: '已审核', revision: 2 });
    expect(await sync.readLocal(ZONE)).toMatchObject({ status: '已审核', deadline: null });
    expect(sync.payloadOf({ ...remote, status: '已审核' })).toMatchObject({ deadline: null });
  });
});
