import { distanceKm, EARTH_RADIUS_KM, type LatLon } from '@circle-match/scoring';
import { SlotLists, type SlotRange } from './slot-lists.js';

const NONE = -1;
/** Tile visits kept for reuse between searches: more than the widest ring of a search within a few hundred km. */
const KEPT_VISITS = 1024;

/** A tile to visit: its members (a SlotRange), at least `minKm` from the origin. */
export interface TileVisit extends SlotRange {
  key: number;
  minKm: number;
}

/**
 * Located members by square tile (see the constructor), so a search reads rings of tiles outward from its origin
 * and stops at the first ring farther than the pool's farthest member: in a dense city it reads about the pool's
 * own area, whatever the table's size.
 */
export class SpatialGrid {
  private readonly tiles = new SlotLists();
  private tileOf = new Int32Array(0);
  private positionOf = new Int32Array(0);
  private readonly tileDeg: number;
  private readonly baseLonTiles: number;
  private readonly baseLatTiles: number;
  private readonly lonTiles: number;
  private readonly latTiles: number;

  /**
   * Tiles of `factor` × `factor` base tiles of `baseDeg` degrees. Grids on the same base nest exactly: a coarse
   * tile is the union of its fine ones (keyWithin), whatever floating point does at their edges.
   */
  constructor(
    private readonly baseDeg: number,
    private readonly factor = 1,
  ) {
    this.tileDeg = baseDeg * factor;
    this.baseLonTiles = Math.round(360 / baseDeg);
    this.baseLatTiles = Math.round(180 / baseDeg);
    this.lonTiles = Math.ceil(this.baseLonTiles / factor);
    this.latTiles = Math.ceil(this.baseLatTiles / factor);
  }

  private latRow(lat: number): number {
    const baseRow = Math.min(this.baseLatTiles - 1, Math.max(0, Math.floor((lat + 90) / this.baseDeg)));
    return Math.floor(baseRow / this.factor);
  }

  private lonCol(lon: number): number {
    const base = this.baseLonTiles;
    return Math.floor((((Math.floor((lon + 180) / this.baseDeg) % base) + base) % base) / this.factor);
  }

  /** The key of the tile of `coarser` (a grid on the same base, `factor` a multiple of this one's) holding tile `key`. */
  keyWithin(key: number, coarser: SpatialGrid): number {
    const ratio = coarser.factor / this.factor;
    const row = Math.floor(key / this.lonTiles);
    const column = key - row * this.lonTiles;
    return Math.floor(row / ratio) * coarser.lonTiles + Math.floor(column / ratio);
  }

  /** How many tile keys there are: every key is in 0 … keyCount − 1. */
  get keyCount(): number {
    return this.lonTiles * this.latTiles;
  }

  /** The key of the tile holding a cell. */
  tileKeyOf(cell: LatLon): number {
    return this.latRow(cell.latitude) * this.lonTiles + this.lonCol(cell.longitude);
  }

  /** Room for slots below `capacity` (the index's columns' capacity: no more). */
  reserve(capacity: number): void {
    if (capacity <= this.tileOf.length) return;
    const tileOf = new Int32Array(capacity).fill(NONE);
    tileOf.set(this.tileOf);
    const positionOf = new Int32Array(capacity);
    positionOf.set(this.positionOf);
    this.tileOf = tileOf;
    this.positionOf = positionOf;
  }

  /** Puts `slot` in the tile of its cell (or nowhere without one), moving it from where it was. */
  place(slot: number, cell: LatLon | null): void {
    if (slot >= this.tileOf.length) this.reserve(Math.max(1024, (slot + 1) * 2));
    const key = cell ? this.tileKeyOf(cell) : NONE;
    if (this.tileOf[slot] === key) return;
    this.remove(slot);
    if (key === NONE) return;
    this.positionOf[slot] = this.tiles.push(key, slot);
    this.tileOf[slot] = key;
  }

  /** The key of the tile `slot` is in, or -1. */
  tileOfSlot(slot: number): number {
    return slot < this.tileOf.length ? this.tileOf[slot]! : NONE;
  }

  remove(slot: number): void {
    if (slot >= this.tileOf.length) return;
    const key = this.tileOf[slot]!;
    if (key === NONE) return;
    const position = this.positionOf[slot]!;
    const last = this.tiles.removeAt(this.tiles.find(key), position);
    this.positionOf[last] = position;
    this.tileOf[slot] = NONE;
  }

  /**
   * The tiles that can hold a point within `radiusKm` of `origin`, in rings outward from the origin's tile (ring 0
   * is that tile, ring r the tiles r steps away), each ring's tiles with the least distance any point of them can
   * be from the origin (`minKm`: the nearest point of the tile's latitude/longitude box, less a margin for the box
   * not being a great-circle shape). Generated lazily: a search that stops early never makes the outer rings.
   * Yields each ring's number of tiles, read with `visitAt` until the next ring: the visits are objects this grid
   * reuses (a search visits hundreds of tiles, and an object each was garbage that cost throughput;
   * docs/performance.md), so a caller must not keep one.
   */
  *ringsAround(origin: LatLon, radiusKm: number): Generator<number> {
    // A search across a continent visits every tile at once; the next search lets go of all but a ring's worth.
    if (this.visits.length > KEPT_VISITS) this.visits.length = KEPT_VISITS;
    const latSpan = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
    const rows = Math.ceil(latSpan / this.tileDeg) + 1;
    const cos = Math.cos((Math.min(89, Math.abs(origin.latitude) + latSpan) * Math.PI) / 180);
    const lonTiles = this.lonTiles;
    const columns =
      Math.abs(origin.latitude) + latSpan >= 89
        ? lonTiles
        : Math.min(lonTiles, Math.ceil(latSpan / Math.max(cos, 1e-6) / this.tileDeg) + 1);
    const maxRing = Math.max(rows, Math.min(columns, Math.ceil(lonTiles / 2)));
    if ((2 * rows + 1) * (2 * columns + 1) > this.tiles.size * 4) {
      // A radius spanning far more tiles than exist (a search across a continent): one ring of every tile there is.
      let count = 0;
      for (const [key, list] of this.tiles.entries())
        count = this.visit(count, origin, radiusKm, Math.floor(key / lonTiles), key % lonTiles, list);
      const sorted = this.visits.slice(0, count).sort((a, b) => a.minKm - b.minKm);
      sorted.forEach((visit, i) => (this.visits[i] = visit));
      yield count;
      return;
    }
    const row0 = this.latRow(origin.latitude);
    const col0 = this.lonCol(origin.longitude);
    for (let ring = 0; ring <= maxRing; ring++) {
      let count = 0;
      if (ring === 0) count = this.visitAround(count, origin, radiusKm, row0, col0, 0, 0, columns);
      for (let d = -ring; d <= ring && ring > 0; d++) {
        count = this.visitAround(count, origin, radiusKm, row0, col0, -ring, d, columns);
        count = this.visitAround(count, origin, radiusKm, row0, col0, ring, d, columns);
        if (d !== -ring && d !== ring) {
          count = this.visitAround(count, origin, radiusKm, row0, col0, d, -ring, columns);
          count = this.visitAround(count, origin, radiusKm, row0, col0, d, ring, columns);
        }
      }
      yield count;
    }
  }

  /** Visit `i` of the ring ringsAround yielded last (valid until it yields the next). */
  visitAt(i: number): TileVisit {
    return this.visits[i]!;
  }

  /** The tiles ringsAround's visits are in, reused from ring to ring and search to search. */
  private readonly visits: TileVisit[] = [];

  /** The tile `dr` rows and `dc` columns from the origin's, when the search can reach it; returns the visits' count. */
  private visitAround(
    count: number,
    origin: LatLon,
    radiusKm: number,
    row0: number,
    col0: number,
    dr: number,
    dc: number,
    columns: number,
  ): number {
    const row = row0 + dr;
    if (row < 0 || row >= this.latTiles || Math.abs(dc) > columns) return count;
    const column = (((col0 + dc) % this.lonTiles) + this.lonTiles) % this.lonTiles;
    return this.visit(count, origin, radiusKm, row, column, this.tiles.find(row * this.lonTiles + column));
  }

  /** Adds the tile at `row`, `column` (list `list`) as visit `count` when it can hold a point in range. */
  private visit(count: number, origin: LatLon, radiusKm: number, row: number, column: number, list: number): number {
    if (list < 0 || this.tiles.sizeOf(list) === 0) return count;
    const minKm = this.minDistanceKm(origin, row, column);
    if (!(minKm <= radiusKm)) return count;
    const tiles = this.tiles;
    let visit = this.visits[count];
    if (visit === undefined) {
      visit = { slots: tiles.arena, from: 0, size: 0, key: 0, minKm: 0 };
      this.visits.push(visit);
    }
    visit.slots = tiles.arena;
    visit.from = tiles.startOf(list);
    visit.size = tiles.sizeOf(list);
    visit.key = row * this.lonTiles + column;
    visit.minKm = minKm;
    return count + 1;
  }

  /**
   * A lower bound of the distance from `origin` to any tile of ring `ring` or beyond: the ring's inner edge is
   * `ring - 1` whole tiles away north/south, and east/west at the widest that tiles get within the search.
   */
  ringFloorKm(ring: number, origin: LatLon, radiusKm: number): number {
    if (ring <= 1) return 0;
    const latSpan = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
    const kmPerDegree = (EARTH_RADIUS_KM * Math.PI) / 180;
    const narrowest = Math.cos((Math.min(89.9, Math.abs(origin.latitude) + latSpan) * Math.PI) / 180);
    return Math.max(0, (ring - 1) * this.tileDeg * kmPerDegree * narrowest - 1);
  }

  private minDistanceKm(origin: LatLon, row: number, column: number): number {
    const south = row * this.tileDeg - 90;
    const west = column * this.tileDeg - 180;
    const latitude = Math.min(south + this.tileDeg, Math.max(south, origin.latitude));
    // The nearest longitude of the box, going round the antimeridian the short way.
    const offset = (((origin.longitude - west) % 360) + 360) % 360;
    const longitude =
      offset <= this.tileDeg ? origin.longitude : offset - this.tileDeg < 360 - offset ? west + this.tileDeg : west;
    return Math.max(0, distanceKm(origin, { latitude, longitude }) - 1);
  }

  /** The tiles' lists without spare room (SlotLists.pack). */
  pack(): void {
    this.tiles.pack();
  }

  get bytes(): number {
    return this.tileOf.byteLength + this.positionOf.byteLength + this.tiles.bytes;
  }
}
