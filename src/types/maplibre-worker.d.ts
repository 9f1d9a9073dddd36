/** MapLibre's worker bundle: it creates its worker (`self.worker`) when it loads; its default export is that worker's class. */
declare module 'maplibre-gl/dist/maplibre-gl-worker.mjs' {
  const MapLibreWorker: abstract new (...args: never[]) => unknown;
  export default MapLibreWorker;
}
