/** Asking the browser to keep the site's storage: granted, refused, or not offered. */
import { describe, expect, it } from 'vitest';
import { requestPersistentStorage } from '../../src/lib/state/persistence/storage-persistence';

describe('persistent storage request', () => {
  it('asks only when not already granted', async () => {
    let asked = 0;
    const status = await requestPersistentStorage({ persisted: async () => true, persist: async () => (asked++, true) });
    expect(status).toBe('granted');
    expect(asked).toBe(0);
  });
  it('reports the browser’s answer', async () => {
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => true })).toBe('granted');
    expect(await requestPersistentStorage({ persisted: async () => false, persist: async () => false })).toBe('refused');
    expect(
      await requestPersistentStorage({
        persist: async () => {
          throw new Error('private window');
        },
      }),
    ).toBe('refused');
  });
  it('says when the browser has no such request', async () => {
    expect(await requestPersistentStorage(undefined)).toBe('unsupported');
    expect(await requestPersistentStorage({})).toBe('unsupported');
  });
});
