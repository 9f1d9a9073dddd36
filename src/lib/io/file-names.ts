/** File-name helpers shared by format detection and shapefile grouping. */

/** Lower-case extension without the dot ('' when none): 'A/B/Plots.SHP' → 'shp'. */
export function extensionOf(name: string): string {
  const base = baseNameOf(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Name without folders: 'data/林班.shp' → '林班.shp'. Accepts / and \ separators. */
export function baseNameOf(name: string): string {
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Name without folders and without its last extension: 'data/林班.shp' → '林班'. */
export function stemOf(name: string): string {
  const base = baseNameOf(name);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Path without the last extension, for matching shapefile parts: 'a/b.SHP' → 'a/b' (case kept). */
export function pathWithoutExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return dot > slash + 1 ? name.slice(0, dot) : name;
}
