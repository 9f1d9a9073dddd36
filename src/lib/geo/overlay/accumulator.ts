/**
 * Per-zone sums of one layer in typed arrays: area, feature count, forest area, categories.
 */
import type { LayerZoneStatistics } from './types';

interface CategorySums {
  readonly area: Float64Array;
  readonly count: Int32Array;
}

/** An accumulator's sums as plain data (crosses from a worker; merged with LayerAccumulator.merge). */
export interface AccumulatorSums {
  readonly area: Float64Array;
  readonly count: Int32Array;
  readonly forestArea: Float64Array;
  readonly categories: ReadonlyArray<readonly [string, Float64Array, Int32Array]>;
  readonly distinctByCategory: ReadonlyArray<readonly [string, number]>;
}

/** Sums of one layer for every zone (typed arrays, one slot per zone). */
export class LayerAccumulator {
  readonly area: Float64Array;
  readonly count: Int32Array;
  readonly forestArea: Float64Array;
  private readonly categories = new Map<string, CategorySums>();
  /** Distinct features with area in some zone, per category (a straddling feature counts once). */
  readonly distinctByCategory = new Map<string, number>();

  constructor(private readonly zoneCount: number) {
    this.area = new Float64Array(zoneCount);
    this.count = new Int32Array(zoneCount);
    this.forestArea = new Float64Array(zoneCount);
  }

  /** Adds a feature's area inside one zone; `counted` false for rounding slivers. */
  add(zone: number, area: number, counted: boolean, category: string | null, forest: boolean): void {
    this.area[zone] = this.area[zone]! + area;
    if (counted) this.count[zone] = this.count[zone]! + 1;
    if (forest) this.forestArea[zone] = this.forestArea[zone]! + area;
    if (category === null) return;
    let sums = this.categories.get(category);
    if (!sums) {
      sums = { area: new Float64Array(this.zoneCount), count: new Int32Array(this.zoneCount) };
      this.categories.set(category, sums);
    }
    sums.area[zone] = sums.area[zone]! + area;
    if (counted) sums.count[zone] = sums.count[zone]! + 1;
  }

  /** Counts a feature once for the county total of its category. */
  countDistinct(category: string | null): void {
    const key = category ?? '';
    this.distinctByCategory.set(key, (this.distinctByCategory.get(key) ?? 0) + 1);
  }

  sums(): AccumulatorSums {
    return {
      area: this.area,
      count: this.count,
      forestArea: this.forestArea,
      categories: [...this.categories].map(([key, sums]) => [key, sums.area, sums.count] as const),
      distinctByCategory: [...this.distinctByCategory],
    };
  }

  /** Adds another part's sums (features measured elsewhere) to these. */
  merge(other: AccumulatorSums): void {
    const addInto = (target: Float64Array | Int32Array, source: Float64Array | Int32Array) => {
      for (let zone = 0; zone < this.zoneCount; zone++) target[zone] = target[zone]! + source[zone]!;
    };
    addInto(this.area, other.area);
    addInto(this.count, other.count);
    addInto(this.forestArea, other.forestArea);
    for (const [key, area, count] of other.categories) {
      let sums = this.categories.get(key);
      if (!sums) this.categories.set(key, (sums = { area: new Float64Array(this.zoneCount), count: new Int32Array(this.zoneCount) }));
      addInto(sums.area, area);
      addInto(sums.count, count);
    }
    for (const [key, count] of other.distinctByCategory) this.distinctByCategory.set(key, (this.distinctByCategory.get(key) ?? 0) + count);
  }

  /** The statistics of one zone. */
  zone(zone: number): LayerZoneStatistics {
    const categories: Record<string, { areaSquareMetres: number; featureCount: number }> = {};
    for (const key of [...this.categories.keys()].sort()) {
      const sums = this.categories.get(key)!;
      categories[key] = { areaSquareMetres: sums.area[zone]!, featureCount: sums.count[zone]! };
    }
    return { areaSquareMetres: this.area[zone]!, featureCount: this.count[zone]!, categories };
  }
}
