import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app';
import type { Database } from '../../src/server/db/adapter';
import { EventHub } from '../../src/server/domain/events';
import { WORKSPACE_MARKER_TAG } from '../../src/server/http/workspace-page';

const root = mkdtempSync(join(tmpdir(), 'workspace-page-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>t</title></head><body><div id="app"></div></body></html>');
writeFileSync(join(root, 'robots.txt'), 'User-agent: *');
// The page routes never touch the database.
const app = createApp({ db: {} as Database, events: new EventHub(), staticDir: root });

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the page served by the workspace server', () => {
  it('carries the workspace marker in its head, at / and at any app address', async () => {
    for (const path of ['/', '/index.html', '/some/app/address']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain(`${WORKSPACE_MARKER_TAG}</head>`);
      expect(html, path).toContain('<div id="app"></div>');
    }
  });

  it('serves other files as they are', async () => {
    const response = await app.request('/robots.txt');
    expect(await response.text()).toBe('User-agent: *');
  });
});
