/**
 * The app's page as the workspace server serves it: index.html with a marker the browser reads to
 * know it may use /api (src/lib/sync/workspace-state.svelte.ts). The same build on a plain file
 * server has no marker, so it stays local-only and never asks for /api.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from 'hono';

export const WORKSPACE_MARKER_TAG = '<meta name="youyang-workspace" content="1">';

export function withWorkspaceMarker(html: string): string {
  return html.includes('</head>') ? html.replace('</head>', `${WORKSPACE_MARKER_TAG}</head>`) : `${WORKSPACE_MARKER_TAG}${html}`;
}

export function workspacePage(root: string) {
  return async (c: Context) => {
    const html = await readFile(join(root, 'index.html'), 'utf8');
    c.header('Cache-Control', 'no-cache');
    return c.html(withWorkspaceMarker(html));
  };
}
