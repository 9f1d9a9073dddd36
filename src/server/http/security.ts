/**
 * Security headers (a CSP the app works under: MapLibre needs blob: workers and data:/blob:
 * images) and the CSRF origin check for unsafe methods.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { forbidden } from './errors';

/** Online basemap servers the page may load tiles from (the app's basemap choice). */
export const DEFAULT_TILE_ORIGINS: readonly string[] = ['https://*.tianditu.gov.cn', 'https://tile.openstreetmap.org'];

/** tileOrigins: basemap servers (a bureau's intranet Tianditu mirror is added with TILE_ORIGINS). */
export const securityHeaders = (tileOrigins: readonly string[] = DEFAULT_TILE_ORIGINS): MiddlewareHandler =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      // sql.js (MBTiles archives) compiles WebAssembly; no other eval is allowed.
      scriptSrc: ["'self'", "'wasm-unsafe-eval'"],
      // Svelte transitions and MapLibre controls set inline styles.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...tileOrigins],
      fontSrc: ["'self'", 'data:'],
      workerSrc: ["'self'", 'blob:'],
      childSrc: ["'self'", 'blob:'],
      connectSrc: ["'self'", 'data:', 'blob:', ...tileOrigins],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'same-origin',
    strictTransportSecurity: 'max-age=31536000',
  });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The origin the browser sees: behind a proxy, X-Forwarded-Proto/Host. Taking them on trust is
 * safe here: a page on another site can neither set these headers nor choose our Host.
 */
export function publicOrigin(headers: (name: string) => string | undefined, requestUrl: string): string {
  const url = new URL(requestUrl);
  const proto = headers('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
  const host = headers('x-forwarded-host')?.split(',')[0]?.trim() || headers('host') || url.host;
  return `${proto}://${host}`;
}

/**
 * Unsafe methods from a browser must come from our own origin. A browser always sends Origin (or
 * Sec-Fetch-Site) with them; a request with neither is not from a browser page, so it cannot ride
 * on a victim's cookie (which is SameSite=Strict as well).
 */
export const originCheck = (): MiddlewareHandler => async (c, next) => {
  if (!SAFE_METHODS.has(c.req.method)) {
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    if (origin !== undefined) {
      if (origin !== publicOrigin((name) => c.req.header(name), c.req.url)) {
        throw forbidden('Cross-origin request refused / 拒绝跨站请求');
      }
    } else if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw forbidden('Cross-origin request refused / 拒绝跨站请求');
    }
  }
  await next();
};
