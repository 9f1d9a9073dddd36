/**
 * "Where am I": the device's position from navigator.geolocation.watchPosition, its accuracy,
 * follow mode, and why there is no position (permission denied, no fix, timeout, no GPS at all).
 *
 * One watch at a time. A denied permission ends the watch (the browser will not ask again);
 * "unavailable" and "timeout" keep it running, as a fix often comes once the sky is clearer.
 */

export type LocationStatus = 'off' | 'locating' | 'tracking' | 'denied' | 'unavailable' | 'timeout' | 'unsupported' | 'insecure';

export interface DevicePosition {
  readonly longitude: number;
  readonly latitude: number;
  /** Radius in metres within which the true position lies with 95 % confidence (per the spec: "accuracy level"). */
  readonly accuracy: number;
  /** Milliseconds since the epoch, as the device reported the fix. */
  readonly timestamp: number;
}

/** The part of the Geolocation API used here (a fake in tests). */
export type GeolocationSource = Pick<Geolocation, 'watchPosition' | 'clearWatch'>;

/** GeolocationPositionError codes (the constants are not available outside a browser). */
const PERMISSION_DENIED = 1;
const TIMEOUT = 3;

/** High accuracy for walking a boundary; a fix older than 5 s is not "here" any more. */
export const WATCH_OPTIONS: PositionOptions = { enableHighAccuracy: true, maximumAge: 5_000, timeout: 30_000 };

export class LocationState {
  status = $state.raw<LocationStatus>('off');
  /** The latest fix; kept after a timeout so the user still sees where they were. */
  position = $state.raw<DevicePosition | null>(null);
  /** The map keeps the position in view; moving the map by hand ends it. */
  follow = $state.raw(false);
  private watchId: number | null = null;

  /** secure: browsers give positions only to https pages and localhost (an intranet http address gets none). */
  constructor(
    private readonly geolocation: GeolocationSource | undefined = globalThis.navigator?.geolocation,
    private readonly secure: boolean = globalThis.isSecureContext ?? true,
  ) {}

  /** Whether a watch is running (a position may arrive). */
  get watching(): boolean {
    return this.watchId !== null;
  }

  /** Starts watching (no-op when already watching); follow mode on by default. */
  start(follow = true): void {
    this.follow = follow;
    if (this.watchId !== null) return;
    if (!this.secure || !this.geolocation) {
      this.status = this.secure ? 'unsupported' : 'insecure';
      this.follow = false;
      return;
    }
    this.status = 'locating';
    this.watchId = this.geolocation.watchPosition(
      (position) => this.onPosition(position),
      (error) => this.onError(error),
      WATCH_OPTIONS,
    );
  }

  /** Ends the watch and forgets the position. */
  stop(): void {
    if (this.watchId !== null) this.geolocation?.clearWatch(this.watchId);
    this.watchId = null;
    this.status = 'off';
    this.position = null;
    this.follow = false;
  }

  /**
   * The location button: off → watch and follow; watching but not following → follow again;
   * following → off.
   */
  toggle(): void {
    if (!this.watching) this.start(true);
    else if (!this.follow) this.follow = true;
    else this.stop();
  }

  /** Dismisses an error message (the watch, if any, keeps running). */
  dismiss(): void {
    if (this.status === 'denied' || this.status === 'unsupported' || this.status === 'insecure') this.status = 'off';
    else if (this.status === 'unavailable' || this.status === 'timeout') this.status = this.position ? 'tracking' : 'locating';
  }

  private onPosition(position: GeolocationPosition): void {
    const { longitude, latitude, accuracy } = position.coords;
    if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return;
    this.position = { longitude, latitude, accuracy: Number.isFinite(accuracy) && accuracy >= 0 ? accuracy : 0, timestamp: position.timestamp };
    this.status = 'tracking';
  }

  private onError(error: GeolocationPositionError): void {
    if (error.code === PERMISSION_DENIED) {
      if (this.watchId !== null) this.geolocation?.clearWatch(this.watchId);
      this.watchId = null;
      this.position = null;
      this.follow = false;
      this.status = 'denied';
    } else this.status = error.code === TIMEOUT ? 'timeout' : 'unavailable';
  }
}
