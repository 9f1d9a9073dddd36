/**
 * Area of feature ∩ zone without building the intersection polygon (Green's theorem).
 *
 * The boundary of A ∩ B is the part of A's boundary inside B plus the part of B's boundary inside
 * A. Summing each edge piece's shoelace term (with the geodesic bow of geodesic-plane-area.ts) over
 * those pieces gives the ellipsoidal area of the intersection, exactly as measuring the clipped
 * polygon would, with no topology to build: the same pieces, the same numbers.
 *
 * Steps: every feature edge is tested against the zone edges near the feature (Flatbush): proper
 * crossings, and vertices lying within TOLERANCE of the other's edges ("contacts"), split the edges
 * of both at one shared point. Between two contacts a stretch of the feature's boundary lies wholly
 * inside or outside the zone, decided by one point-in-zone test at a vertex of the stretch (which
 * is more than TOLERANCE from the zone boundary, so floating point cannot flip it). A piece between
 * two contacts that runs along a zone edge (both ends within TOLERANCE of it) is a shared border:
 * it counts once, from the feature, when both boundaries run the same way (interiors on the same
 * side), and not at all when they run opposite ways; the zone's matching piece never counts. Each
 * zone edge piece near the feature is kept when its midpoint lies inside the feature.
 *
 * Cut points lie on the straight longitude/latitude line between vertices, as polyclip-ts puts them;
 * feature edges are not split where a zone vertex only touches them, zone edges are split at
 * feature vertices on them — as restore-vertices.ts does for the clipped pieces — so the sums agree
 * with polyclip-ts × GeographicLib (tests/unit/geo-overlay-reference.ts) to ~1e-10.
 */
import type { GeodesicPlaneArea } from '../geodesic-plane-area';
import { segmentBoxesApart, segmentDistanceSquared, segmentParameter } from '../planar';
import { flatGeometryArea, type FlatGeometry } from './flat-rings';
import { flatRingOrientation, type ZoneEdges } from './zone-edges';

/** Degrees (~0.1 mm) within which a vertex counts as lying on the other polygon's edge. */
export const CONTACT_TOLERANCE = 1e-9;
const TOLERANCE_SQUARED = CONTACT_TOLERANCE * CONTACT_TOLERANCE;

/** A cut point on an edge: its parameter along the edge and its position (shared by both edges). */
interface Cut {
  readonly t: number;
  readonly x: number;
  readonly y: number;
}

interface ZoneEdgeCuts {
  readonly cuts: Cut[];
  startContact: boolean;
  endContact: boolean;
}

const byParameter = (a: Cut, b: Cut) => a.t - b.t;

/** Vertices and cut points along one ring, in order, with their plane terms. */
class RingNodes {
  x: number[] = [];
  y: number[] = [];
  contact: number[] = [];
  /** Feature edge the piece starting at this node lies on. */
  edge: number[] = [];
  vertex: number[] = [];

  push(x: number, y: number, contact: boolean, edge: number, vertex: boolean): void {
    const last = this.x.length - 1;
    if (last >= 0 && this.x[last] === x && this.y[last] === y) {
      if (contact) this.contact[last] = 1;
      if (vertex) {
        // A cut at the end of the previous edge is this vertex: the next piece starts a new edge.
        this.vertex[last] = 1;
        this.edge[last] = edge;
      }
      return;
    }
    this.x.push(x);
    this.y.push(y);
    this.contact.push(contact ? 1 : 0);
    this.edge.push(edge);
    this.vertex.push(vertex ? 1 : 0);
  }
}

/** What steps 2 and 3 measure against: the zone, its edges near the feature, the plane and its origin. */
interface PieceContext {
  readonly candidates: readonly number[];
  readonly zone: ZoneEdges;
  readonly measure: GeodesicPlaneArea;
  readonly originX: number;
  readonly originY: number;
}

/**
 * Area (m², ≥ 0) of feature ∩ zone with geodesic edges, in the measure's equal-area plane.
 * @param featureArea the feature's own area by the same measure, when known (saves work when the
 *   feature lies wholly inside the zone).
 */
export function intersectionArea(feature: FlatGeometry, zone: ZoneEdges, measure: GeodesicPlaneArea, featureArea?: number): number {
  const candidates = zone.index.search(
    feature.minX - CONTACT_TOLERANCE,
    feature.minY - CONTACT_TOLERANCE,
    feature.maxX + CONTACT_TOLERANCE,
    feature.maxY + CONTACT_TOLERANCE,
  );
  const firstRing = feature.polygons[0]?.rings[0];
  if (!firstRing) return 0;
  if (candidates.length === 0) {
    // No zone edge near: the feature lies wholly inside or wholly outside.
    return zone.contains(firstRing[0]!, firstRing[1]!) ? (featureArea ?? flatGeometryArea(feature, measure)) : 0;
  }
  const origin = new Float64Array(4);
  measure.vertexTerms(firstRing[0]!, firstRing[1]!, origin, 0);
  const context: PieceContext = { candidates, zone, measure, originX: origin[0]!, originY: origin[1]! };

  // Feature rings as one list of edges: ring r's edges are ringStart[r] … ringStart[r + 1] − 1.
  const rings: Float64Array[] = [];
  const ringSign: number[] = [];
  for (const polygon of feature.polygons) {
    polygon.rings.forEach((ring, ringIndex) => {
      rings.push(ring);
      ringSign.push((flatRingOrientation(ring) > 0) === (ringIndex === 0) ? 1 : -1);
    });
  }
  const ringStart = new Int32Array(rings.length + 1);
  for (let ring = 0; ring < rings.length; ring++) ringStart[ring + 1] = ringStart[ring]! + rings[ring]!.length / 2;
  const edgeCount = ringStart[rings.length]!;
  const vertexContact = new Uint8Array(edgeCount);

  const { featureCuts, zoneCuts } = findContacts(rings, ringStart, edgeCount, vertexContact, candidates, zone.edges);
  // Each step adds to the one sum in the same order as a single loop would: same rounding.
  let sum = 0;
  for (let ring = 0; ring < rings.length; ring++) {
    sum = addFeatureRingInside(sum, rings[ring]!, ringStart[ring]!, ringSign[ring]!, vertexContact, featureCuts, context);
  }
  sum = addZoneEdgesInside(sum, feature, rings, zoneCuts, context);
  return sum > 0 ? sum : 0;
}

/**
 * Step 1: contacts between the feature's edges and the zone edges near it — proper crossings and
 * vertices within CONTACT_TOLERANCE of the other's edges — as cuts on both (a function of its own,
 * like the steps below: small functions are optimised sooner, which is most of the cost on 20k
 * polygons, and a deoptimisation in one step does not throw away the others' code).
 */
function findContacts(
  rings: readonly Float64Array[],
  ringStart: Int32Array,
  edgeCount: number,
  vertexContact: Uint8Array,
  candidates: readonly number[],
  zoneCoordinates: Float64Array,
): { featureCuts: (Cut[] | undefined)[]; zoneCuts: Map<number, ZoneEdgeCuts> } {
  const featureCuts: (Cut[] | undefined)[] = new Array(edgeCount);
  const zoneCuts = new Map<number, ZoneEdgeCuts>();
  const zoneEntry = (edge: number): ZoneEdgeCuts => {
    let entry = zoneCuts.get(edge);
    if (!entry) zoneCuts.set(edge, (entry = { cuts: [], startContact: false, endContact: false }));
    return entry;
  };
  const cutFeature = (edge: number, cut: Cut) => (featureCuts[edge] ??= []).push(cut);
  for (let ring = 0; ring < rings.length; ring++) {
    const coordinates = rings[ring]!;
    const count = coordinates.length / 2;
    const base = ringStart[ring]!;
    for (let position = 0; position < count; position++) {
      const next = position + 1 === count ? 0 : position + 1;
      const px = coordinates[2 * position]!;
      const py = coordinates[2 * position + 1]!;
      const qx = coordinates[2 * next]!;
      const qy = coordinates[2 * next + 1]!;
      const edge = base + position;
      for (let candidate = 0; candidate < candidates.length; candidate++) {
        const zoneEdge = candidates[candidate]!;
        const cx = zoneCoordinates[4 * zoneEdge]!;
        const cy = zoneCoordinates[4 * zoneEdge + 1]!;
        const dx = zoneCoordinates[4 * zoneEdge + 2]!;
        const dy = zoneCoordinates[4 * zoneEdge + 3]!;
        if (segmentBoxesApart(px, py, qx, qy, cx, cy, dx, dy, CONTACT_TOLERANCE)) continue;
        if (segmentDistanceSquared(px, py, qx, qy, cx, cy) <= TOLERANCE_SQUARED) {
          cutFeature(edge, { t: segmentParameter(px, py, qx, qy, cx, cy), x: cx, y: cy });
          zoneEntry(zoneEdge).startContact = true;
        }
        if (segmentDistanceSquared(px, py, qx, qy, dx, dy) <= TOLERANCE_SQUARED) {
          cutFeature(edge, { t: segmentParameter(px, py, qx, qy, dx, dy), x: dx, y: dy });
          zoneEntry(zoneEdge).endContact = true;
        }
        if (segmentDistanceSquared(cx, cy, dx, dy, px, py) <= TOLERANCE_SQUARED) {
          vertexContact[edge] = 1;
          zoneEntry(zoneEdge).cuts.push({ t: segmentParameter(cx, cy, dx, dy, px, py), x: px, y: py });
        }
        if (segmentDistanceSquared(cx, cy, dx, dy, qx, qy) <= TOLERANCE_SQUARED) {
          vertexContact[base + next] = 1;
          zoneEntry(zoneEdge).cuts.push({ t: segmentParameter(cx, cy, dx, dy, qx, qy), x: qx, y: qy });
        }
        // A proper crossing (also next to a touch: nearly collinear edges may cross further on).
        const o1 = (dx - cx) * (py - cy) - (dy - cy) * (px - cx);
        const o2 = (dx - cx) * (qy - cy) - (dy - cy) * (qx - cx);
        if (!((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0))) continue;
        const o3 = (qx - px) * (cy - py) - (qy - py) * (cx - px);
        const o4 = (qx - px) * (dy - py) - (qy - py) * (dx - px);
        if (!((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) continue;
        const t = o1 / (o1 - o2);
        const x = px + t * (qx - px);
        const y = py + t * (qy - py);
        cutFeature(edge, { t, x, y });
        zoneEntry(zoneEdge).cuts.push({ t: o3 / (o3 - o4), x, y });
      }
    }
  }
  return { featureCuts, zoneCuts };
}

/**
 * Step 2: adds the ring's boundary inside the zone (or along its border, running the same way) to
 * `sum`; `base` is the ring's first edge in the feature's edge numbering.
 */
function addFeatureRingInside(
  sum: number,
  coordinates: Float64Array,
  base: number,
  sign: number,
  vertexContact: Uint8Array,
  featureCuts: readonly (Cut[] | undefined)[],
  { candidates, zone, measure, originX, originY }: PieceContext,
): number {
  const count = coordinates.length / 2;
  let touched = false;
  for (let edge = base; edge < base + count; edge++) {
    if (vertexContact[edge] || featureCuts[edge]) {
      touched = true;
      break;
    }
  }
  if (!touched) {
    if (zone.contains(coordinates[0]!, coordinates[1]!)) sum += sign * measure.signedFlatRingArea(coordinates);
    return sum;
  }
  const nodes = new RingNodes();
  for (let position = 0; position < count; position++) {
    const edge = base + position;
    nodes.push(coordinates[2 * position]!, coordinates[2 * position + 1]!, vertexContact[edge] === 1, edge, true);
    const cuts = featureCuts[edge];
    if (!cuts) continue;
    if (cuts.length > 1) cuts.sort(byParameter);
    for (const cut of cuts) nodes.push(cut.x, cut.y, true, edge, false);
  }
  // The last cut may coincide with the first vertex.
  while (nodes.x.length > 1 && nodes.x[nodes.x.length - 1] === nodes.x[0] && nodes.y[nodes.y.length - 1] === nodes.y[0]) {
    if (nodes.contact.pop()) nodes.contact[0] = 1;
    nodes.x.pop();
    nodes.y.pop();
    nodes.edge.pop();
    nodes.vertex.pop();
  }
  const nodeCount = nodes.x.length;
  const terms = new Float64Array(nodeCount * 4);
  for (let node = 0; node < nodeCount; node++) {
    measure.vertexTerms(nodes.x[node]!, nodes.y[node]!, terms, 4 * node);
    terms[4 * node] = terms[4 * node]! - originX;
    terms[4 * node + 1] = terms[4 * node + 1]! - originY;
  }
  const piece = (from: number, to: number) =>
    measure.edgeTerm(terms[4 * from]!, terms[4 * from + 1]!, terms[4 * from + 2]!, terms[4 * from + 3]!, terms[4 * to]!, terms[4 * to + 1]!, terms[4 * to + 2]!, terms[4 * to + 3]!);

  let first = 0;
  while (first < nodeCount && nodes.contact[first] === 0) first++;
  // Pieces kept on the same feature edge merge into one (a touching zone vertex does not split it).
  let pendingFrom = -1;
  let pendingTo = -1;
  const flush = () => {
    if (pendingFrom >= 0) sum += sign * piece(pendingFrom, pendingTo);
    pendingFrom = -1;
  };
  const keep = (from: number, to: number) => {
    if (pendingFrom >= 0 && pendingTo === from && nodes.vertex[from] === 0 && nodes.edge[pendingFrom] === nodes.edge[from]) {
      pendingTo = to;
      return;
    }
    flush();
    pendingFrom = from;
    pendingTo = to;
  };
  let start = first;
  let walked = 0;
  while (walked < nodeCount) {
    // A stretch from one contact to the next.
    let end = (start + 1) % nodeCount;
    let length = 1;
    while (nodes.contact[end] === 0) {
      end = (end + 1) % nodeCount;
      length++;
    }
    let inside: boolean;
    if (length === 1) {
      const along = alongZoneEdge(nodes.x[start]!, nodes.y[start]!, nodes.x[end]!, nodes.y[end]!, candidates, zone);
      if (along !== 0) inside = along * sign > 0;
      else inside = zone.contains((nodes.x[start]! + nodes.x[end]!) / 2, (nodes.y[start]! + nodes.y[end]!) / 2);
    } else {
      const probe = (start + 1) % nodeCount;
      inside = zone.contains(nodes.x[probe]!, nodes.y[probe]!);
    }
    if (inside) {
      for (let node = start, step = 0; step < length; step++) {
        const next = (node + 1) % nodeCount;
        keep(node, next);
        node = next;
      }
    }
    walked += length;
    start = end;
  }
  flush();
  return sum;
}

/** Step 3: adds the zone's edge pieces inside the feature to `sum`. */
function addZoneEdgesInside(
  sum: number,
  feature: FlatGeometry,
  rings: readonly Float64Array[],
  zoneCuts: Map<number, ZoneEdgeCuts>,
  { candidates, zone, measure, originX, originY }: PieceContext,
): number {
  const zoneCoordinates = zone.edges;
  const zoneTerms = zone.terms;
  for (const zoneEdge of candidates) {
    const cx = zoneCoordinates[4 * zoneEdge]!;
    const cy = zoneCoordinates[4 * zoneEdge + 1]!;
    const dx = zoneCoordinates[4 * zoneEdge + 2]!;
    const dy = zoneCoordinates[4 * zoneEdge + 3]!;
    if ((cx > dx ? cx : dx) < feature.minX || (cx < dx ? cx : dx) > feature.maxX || (cy > dy ? cy : dy) < feature.minY || (cy < dy ? cy : dy) > feature.maxY) continue;
    const sign = zone.direction[zoneEdge]!;
    const entry = zoneCuts.get(zoneEdge);
    if (!entry || entry.cuts.length === 0) {
      if (entry && entry.startContact && entry.endContact && alongFeatureEdge(cx, cy, dx, dy, rings)) continue;
      if (!featureContains(rings, (cx + dx) / 2, (cy + dy) / 2)) continue;
      const t = 8 * zoneEdge;
      sum +=
        sign *
        measure.edgeTerm(
          zoneTerms[t]! - originX, zoneTerms[t + 1]! - originY, zoneTerms[t + 2]!, zoneTerms[t + 3]!,
          zoneTerms[t + 4]! - originX, zoneTerms[t + 5]! - originY, zoneTerms[t + 6]!, zoneTerms[t + 7]!,
        );
      continue;
    }
    const cuts = entry.cuts;
    if (cuts.length > 1) cuts.sort(byParameter);
    // Pieces c → cut₁ → … → d; a piece's start terms come from the zone's or the cut's vertex.
    let fromX = cx;
    let fromY = cy;
    let fromContact = entry.startContact;
    let fromTerms = zoneTerms.subarray(8 * zoneEdge, 8 * zoneEdge + 4);
    for (let index = 0; index <= cuts.length; index++) {
      const last = index === cuts.length;
      const toX = last ? dx : cuts[index]!.x;
      const toY = last ? dy : cuts[index]!.y;
      if (toX === fromX && toY === fromY) continue;
      const toContact = last ? entry.endContact : true;
      let toTerms: Float64Array;
      if (last) toTerms = zoneTerms.subarray(8 * zoneEdge + 4, 8 * zoneEdge + 8);
      else {
        toTerms = new Float64Array(4);
        measure.vertexTerms(toX, toY, toTerms, 0);
      }
      const onBorder = fromContact && toContact && alongFeatureEdge(fromX, fromY, toX, toY, rings);
      if (!onBorder && featureContains(rings, (fromX + toX) / 2, (fromY + toY) / 2)) {
        sum +=
          sign *
          measure.edgeTerm(
            fromTerms[0]! - originX, fromTerms[1]! - originY, fromTerms[2]!, fromTerms[3]!,
            toTerms[0]! - originX, toTerms[1]! - originY, toTerms[2]!, toTerms[3]!,
          );
      }
      fromX = toX;
      fromY = toY;
      fromContact = toContact;
      fromTerms = toTerms;
    }
  }
  return sum;
}

/**
 * When the segment a→b lies along a zone edge (both ends within tolerance of it): +1 if that edge
 * runs the same way (after orienting rings), −1 if the opposite way; 0 when it lies along none.
 */
function alongZoneEdge(ax: number, ay: number, bx: number, by: number, candidates: readonly number[], zone: ZoneEdges): number {
  const edges = zone.edges;
  for (const edge of candidates) {
    const cx = edges[4 * edge]!;
    const cy = edges[4 * edge + 1]!;
    const dx = edges[4 * edge + 2]!;
    const dy = edges[4 * edge + 3]!;
    if (segmentDistanceSquared(cx, cy, dx, dy, ax, ay) > TOLERANCE_SQUARED || segmentDistanceSquared(cx, cy, dx, dy, bx, by) > TOLERANCE_SQUARED) continue;
    const dot = (bx - ax) * (dx - cx) + (by - ay) * (dy - cy);
    return dot * zone.direction[edge]! > 0 ? 1 : -1;
  }
  return 0;
}

/** True when a→b lies along some edge of the feature (both ends within tolerance of it). */
function alongFeatureEdge(ax: number, ay: number, bx: number, by: number, rings: readonly Float64Array[]): boolean {
  for (const ring of rings) {
    const count = ring.length / 2;
    for (let index = 0, previous = count - 1; index < count; previous = index++) {
      const px = ring[2 * previous]!;
      const py = ring[2 * previous + 1]!;
      const qx = ring[2 * index]!;
      const qy = ring[2 * index + 1]!;
      if (segmentDistanceSquared(px, py, qx, qy, ax, ay) <= TOLERANCE_SQUARED && segmentDistanceSquared(px, py, qx, qy, bx, by) <= TOLERANCE_SQUARED) return true;
    }
  }
  return false;
}

/** Even-odd point in the feature's rings. */
function featureContains(rings: readonly Float64Array[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    const count = ring.length / 2;
    for (let index = 0, previous = count - 1; index < count; previous = index++) {
      const ay = ring[2 * previous + 1]!;
      const by = ring[2 * index + 1]!;
      if (ay > y !== by > y) {
        const ax = ring[2 * previous]!;
        const bx = ring[2 * index]!;
        if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}
