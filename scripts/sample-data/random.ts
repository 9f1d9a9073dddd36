/**
 * Seeded randomness for the sample-data generator: a 32-bit PRNG (sfc32) and smooth 2-D noise.
 *
 * Everything derives from one integer seed and a text label, so adding a new random stream never
 * shifts the numbers another stream produces (each layer stays stable when others change).
 */

/** FNV-1a hash of a string, mixed with a seed: a stable 32-bit stream key. */
export function hashString(text: string, seed = 0): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Integer hash of up to three integers (lowbias32-style mixing), uniform on [0, 2³²). */
export function hashInts(a: number, b: number, c: number): number {
  let h = (Math.imul(a | 0, 0x27d4eb2d) ^ Math.imul(b | 0, 0x165667b1) ^ Math.imul(c | 0, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) from a position-independent integer key. */
export function hashUnit(a: number, b: number, c: number): number {
  return hashInts(a, b, c) / 4294967296;
}

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded from a label and a seed. */
export function createRandom(seed: number, label: string): Random {
  let a = hashString(label, seed);
  let b = hashString(label + '#b', seed ^ 0x9e3779b9);
  let c = hashString(label + '#c', seed ^ 0x85ebca6b);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let warm = 0; warm < 12; warm++) next();
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor((max - min + 1) * next()),
    pick: (items) => items[Math.floor(items.length * next())]!,
  };
}

/** Smooth 2-D field in roughly [-1, 1]: gradient noise summed over octaves (fractal Brownian motion). */
export type NoiseField = (x: number, y: number) => number;

/**
 * Gradient (Perlin-style) noise with hashed gradients, `octaves` octaves starting at wavelength
 * `wavelength` (same units as x and y, here plane metres).
 */
export function createNoise(seed: number, label: string, wavelength: number, octaves = 4): NoiseField {
  const key = hashString(label, seed);
  const fade = (t: number): number => t * t * t * (t * (t * 6 - 15) + 10);
  const gradientDot = (ix: number, iy: number, octave: number, dx: number, dy: number): number => {
    const angle = hashUnit(ix, iy, key + octave * 7919) * Math.PI * 2;
    return Math.cos(angle) * dx + Math.sin(angle) * dy;
  };
  const single = (x: number, y: number, octave: number): number => {
    const x0 = Math.floor(x);
    const y0 = Math.floor(y);
    const fx = x - x0;
    const fy = y - y0;
    const u = fade(fx);
    const v = fade(fy);
    const n00 = gradientDot(x0, y0, octave, fx, fy);
    const n10 = gradientDot(x0 + 1, y0, octave, fx - 1, fy);
    const n01 = gradientDot(x0, y0 + 1, octave, fx, fy - 1);
    const n11 = gradientDot(x0 + 1, y0 + 1, octave, fx - 1, fy - 1);
    const top = n00 + (n10 - n00) * u;
    const bottom = n01 + (n11 - n01) * u;
    return (top + (bottom - top) * v) * 1.4142135623730951;
  };
  return (x, y) => {
    let sum = 0;
    let amplitude = 1;
    let norm = 0;
    let frequency = 1 / wavelength;
    for (let octave = 0; octave < octaves; octave++) {
      sum += amplitude * single(x * frequency + 1000.5, y * frequency - 777.25, octave);
      norm += amplitude;
      amplitude *= 0.5;
      frequency *= 2;
    }
    return sum / norm;
  };
}
