/** The rectification workflow's pure rules in the browser: deadlines, a station's open orders, photo points. */
import { describe, expect, it } from 'vitest';
import type { RemoteReview } from '../../src/lib/sync/api-client';
import { daysUntil, isOverdue, openOrdersOf, photoPoints, stepOf, type WorkspaceZone } from '../../src/lib/state/fire/rectification-model';

function review(zoneId: string, status: string, deadline: string | null): RemoteReview {
  return { zoneId, status, deadline, reviewer: '', reviewDate: '', notes: '', actions: [], returnReason: '', revision: 1, updatedAt: '', updatedBy: '' };
}

const zone = (zoneId: string, townshipCode: string): [string, WorkspaceZone] => [zoneId, { zoneId, name: zoneId, townshipCode, townshipName: '' }];
const ZONES = new Map([zone('FZ-1', 'A'), zone('FZ-2', 'A'), zone('FZ-3', 'B'), zone('FZ-4', 'A')]);

describe('rectification model', () => {
  it('counts whole days to a deadline, negative once past', () => {
    expect(daysUntil('2026-12-10', '2026-12-01')).toBe(9);
    expect(daysUntil('2026-12-01', '2026-12-01')).toBe(0);
    expect(daysUntil('2026-11-30', '2026-12-01')).toBe(-1);
    // across the March change of daylight time elsewhere: dates are days, not hours
    expect(daysUntil('2027-04-01', '2027-03-01')).toBe(31);
  });

  it('an order is overdue the day after its deadline, and only while open', () => {
    expect(isOverdue(review('FZ-1', '需整改', '2026-11-30'), '2026-12-01')).toBe(true);
    expect(isOverdue(review('FZ-1', '需整改', '2026-12-01'), '2026-12-01')).toBe(false);
    expect(isOverdue(review('FZ-1', '已整改', '2026-11-30'), '2026-12-01')).toBe(false);
    expect(isOverdue(review('FZ-1', '需整改', null), '2026-12-01')).toBe(false);
  });

  it("a station's open orders: its township's zones with 需整改, nearest deadline first", () => {
    const reviews = [
      review('FZ-1', '需整改', '2027-02-01'),
      review('FZ-2', '已整改', '2027-01-01'),
      review('FZ-3', '需整改', '2027-01-01'),
      review('FZ-4', '需整改', '2027-01-15'),
      review('FZ-9', '需整改', '2027-01-01'),
    ];
    expect(openOrdersOf(reviews, ZONES, 'A').map((entry) => entry.zoneId)).toEqual(['FZ-4', 'FZ-1']);
    expect(openOrdersOf(reviews, ZONES, 'B').map((entry) => entry.zoneId)).toEqual(['FZ-3']);
    expect(openOrdersOf(reviews, ZONES, 'C')).toEqual([]);
  });

  it('photo points carry only photos with a position', () => {
    const points = photoPoints(
      [
        {
          id: 'r1',
          author: 'station',
          at: '2026-12-01T10:00:00Z',
          notes: '',
          photos: [
            { id: 'p1', mime: 'image/jpeg', byteSize: 10, takenAt: '2026-11-30T10:15:42', lon: 108.77, lat: 28.84 },
            { id: 'p2', mime: 'image/jpeg', byteSize: 10, takenAt: null, lon: null, lat: null },
          ],
        },
      ],
      'FZ-1',
    );
    expect(points.features).toHaveLength(1);
    expect(points.features[0]).toMatchObject({ geometry: { coordinates: [108.77, 28.84] }, properties: { photoId: 'p1', zoneId: 'FZ-1', author: 'station' } });
  });

  it('an unknown step from a newer server reads as an edit', () => {
    expect(stepOf({ step: 'accepted' })).toBe('accepted');
    expect(stepOf({ step: 'escalated' })).toBe('edit');
  });
});
