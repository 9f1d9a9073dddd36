/**
 * Drawing and vertex editing of plots on the MapLibre map with terra-draw and its MapLibre
 * adapter: polygon, rectangle and freehand plots, a measuring line, and a select mode that moves,
 * inserts (drag a midpoint) and deletes (right-click) vertices of one plot at a time.
 *
 * It only reports geometry (as drawn, longitude/latitude to 1e-9°); the plot state measures and
 * stores it. Self-intersecting shapes are refused by terra-draw's ValidateNotSelfIntersecting,
 * and the refusal is reported so the UI can say why the click or drag did nothing.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { LineString, Polygon } from 'geojson';
import {
  TerraDraw,
  TerraDrawFreehandMode,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawRectangleMode,
  TerraDrawSelectMode,
  TerraDrawSessionUndoRedo,
  TerraDrawUndoRedoKeyboardShortcuts,
  ValidateNotSelfIntersecting,
  type GeoJSONStoreFeatures,
  type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import { PLOT_COORDINATE_DECIMALS } from '../../geo/plot-geometry';
import { snapAt, type SnapTarget } from './snapping';

export type DrawTool = 'polygon' | 'rectangle' | 'freehand' | 'measure';

/** terra-draw's validation callback (its type is not exported by name). */
type Validation = NonNullable<NonNullable<ConstructorParameters<typeof TerraDrawPolygonMode>[0]>['validation']>;

export interface PlotDrawingEvents {
  /** The shape being drawn or edited changed (null: none). Called often while the pointer moves. */
  draft(geometry: Polygon | LineString | null): void;
  /** A plot was closed or a measuring line finished. */
  finished(tool: DrawTool, geometry: Polygon | LineString): void;
  /** A click or drag was refused because the outline would cross itself. */
  refused(reason: 'self-intersection'): void;
  /** Undo/redo availability changed. */
  history(state: { readonly canUndo: boolean; readonly canRedo: boolean }): void;
}

export interface PlotDrawingOptions {
  readonly snapTarget: SnapTarget;
  /** Read on every pointer move, so a toggle takes effect at once. */
  readonly snappingEnabled: () => boolean;
}

const MODE_OF_TOOL: Record<DrawTool, string> = { polygon: 'polygon', rectangle: 'rectangle', freehand: 'freehand', measure: 'linestring' };
const TOOL_OF_MODE: Record<string, DrawTool> = { polygon: 'polygon', rectangle: 'rectangle', freehand: 'freehand', linestring: 'measure' };

const STROKE = '#d7301f';
/** A little more than terra-draw's closing distance (40 px): a tap nearer the first or last vertex closes the shape. */
const VERTEX_CLEARANCE_PX = 48;
const FILL = '#fc8d59';
const SNAP = '#00b8d4';

export class PlotDrawing {
  private readonly draw: TerraDraw;
  private tool: DrawTool | null = null;
  private editedId: string | null = null;
  /** The finished measuring line, kept on the map until the next one starts. */
  private measureId: string | number | null = null;

  /** Set while a vertex is placed at a GPS position: that position is the point, not a nearby feature. */
  private snapSuppressed = false;

  constructor(
    private readonly map: MapLibreMap,
    private readonly events: PlotDrawingEvents,
    options: PlotDrawingOptions,
  ) {
    const toCustom: SnapToCustom = (event) =>
      options.snappingEnabled() && !this.snapSuppressed ? snapAt(map, options.snapTarget, event.containerX, event.containerY)?.position : undefined;
    const snapping = { toCustom };
    // While drawing, the preview may cross itself; a vertex that makes it cross is refused.
    const drawingValidation: Validation = (feature, context) => (context.updateType === 'provisional' ? { valid: true } : this.validate(feature));
    // While editing, every drag position is checked, so the vertex stops where the outline is still simple.
    const editingValidation: Validation = (feature) => this.validate(feature);
    const polygonEditing = {
      feature: {
        draggable: false,
        // Checked by editingValidation instead, so a refusal can be reported.
        selfIntersectable: true,
        validation: editingValidation,
        coordinates: { draggable: true, midpoints: true, deletable: true, snappable: snapping },
      },
    };
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: PLOT_COORDINATE_DECIMALS, prefixId: 'plot-draw' }),
      idStrategy: { isValidId: (id) => typeof id === 'string' && id.length > 0, getId: () => crypto.randomUUID() },
      modes: [
        new TerraDrawPolygonMode({
          snapping,
          validation: drawingValidation,
          styles: { fillColor: FILL, fillOpacity: 0.3, outlineColor: STROKE, outlineWidth: 2, closingPointColor: '#ffffff', closingPointOutlineColor: STROKE, snappingPointColor: SNAP },
        }),
        new TerraDrawRectangleMode({ styles: { fillColor: FILL, fillOpacity: 0.3, outlineColor: STROKE, outlineWidth: 2 } }),
        new TerraDrawFreehandMode({ validation: drawingValidation, styles: { fillColor: FILL, fillOpacity: 0.3, outlineColor: STROKE, outlineWidth: 2 } }),
        new TerraDrawLineStringMode({ snapping, styles: { lineStringColor: '#6a1b9a', lineStringWidth: 3, snappingPointColor: SNAP } }),
        new TerraDrawSelectMode({
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          flags: { polygon: polygonEditing, rectangle: polygonEditing, freehand: polygonEditing },
          styles: {
            selectedPolygonColor: FILL,
            selectedPolygonFillOpacity: 0.25,
            selectedPolygonOutlineColor: STROKE,
            selectedPolygonOutlineWidth: 2,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: STROKE,
            selectionPointWidth: 5,
            midPointColor: STROKE,
          },
        }),
      ],
      undoRedo: {
        modeLevel: new TerraDrawModeUndoRedo(),
        sessionLevel: new TerraDrawSessionUndoRedo(),
        keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts(),
      },
    });
    this.draw.start();
    this.draw.on('change', () => this.reportDraft());
    this.draw.on('finish', (id, context) => this.handleFinish(id, context.mode, context.action));
    this.draw.on('history', () => this.reportHistory());
  }

  /** The tool in use (null: none, or editing). */
  get activeTool(): DrawTool | null {
    return this.tool;
  }

  get editing(): boolean {
    return this.editedId !== null;
  }

  /** Starts drawing with a tool (ends any edit first: call finishEditing() to keep it). */
  start(tool: DrawTool): void {
    this.discardEdit();
    this.clearMeasure();
    this.tool = tool;
    this.draw.setMode(MODE_OF_TOOL[tool]);
    this.draw.clearUndoRedoHistory();
    this.reportHistory();
    this.events.draft(null);
  }

  /** Back to plain map navigation; a half-drawn shape and the measuring line are dropped. */
  stop(): void {
    this.discardEdit();
    this.clearMeasure();
    this.tool = null;
    this.draw.setMode('static');
    this.draw.clearUndoRedoHistory();
    this.reportHistory();
    this.events.draft(null);
  }

  /**
   * Puts one plot's outline on the map for vertex editing.
   * @returns false when terra-draw refuses the geometry (e.g. holes, too few vertices).
   */
  startEditing(id: string, geometry: Polygon): boolean {
    this.stop();
    const [validation] = this.draw.addFeatures([{ id, type: 'Feature', geometry, properties: { mode: 'polygon' } }]);
    if (!validation?.valid) return false;
    this.editedId = id;
    this.draw.selectFeature(id);
    this.draw.clearUndoRedoHistory();
    this.reportHistory();
    this.reportDraft();
    return true;
  }

  /** Ends vertex editing and returns the edited outline (null when not editing). */
  finishEditing(): Polygon | null {
    const id = this.editedId;
    if (id === null) return null;
    const feature = this.draw.getSnapshotFeature(id);
    this.stop();
    return feature?.geometry.type === 'Polygon' ? (feature.geometry as Polygon) : null;
  }

  /**
   * Places the next vertex of the plot or measuring line being drawn at a position, exactly as a
   * tap there does (terra-draw has no call for it), for walking a boundary with GPS. The map
   * zooms in when the point would land within terra-draw's closing distance of the first or last
   * vertex, so that a short step is a vertex rather than "close the shape".
   * @returns 'added', 'same' (no distance from the last vertex: nothing to add) or 'not-drawing'.
   */
  addVertexAt(position: [number, number]): 'added' | 'same' | 'not-drawing' {
    if (this.tool !== 'polygon' && this.tool !== 'measure') return 'not-drawing';
    const vertices = this.committedVertices();
    const ends = vertices.length >= 2 ? [vertices[0]!, vertices[vertices.length - 1]!] : vertices.slice(-1);
    const here = this.map.project(position);
    const distance = Math.min(Infinity, ...ends.map((vertex) => this.map.project(vertex as [number, number]).dist(here)));
    if (distance === 0) return 'same';
    const zoom = distance < VERTEX_CLEARANCE_PX ? Math.min(this.map.getMaxZoom(), this.map.getZoom() + Math.log2(VERTEX_CLEARANCE_PX / distance) + 0.1) : this.map.getZoom();
    this.map.jumpTo({ center: position, zoom });
    const canvas = this.map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const point = this.map.project(position);
    const init: PointerEventInit = { clientX: rect.left + point.x, clientY: rect.top + point.y, isPrimary: true, pointerId: 1, pointerType: 'touch', button: 0, bubbles: true };
    this.snapSuppressed = true;
    try {
      canvas.dispatchEvent(new PointerEvent('pointermove', init));
      canvas.dispatchEvent(new PointerEvent('pointerdown', init));
      canvas.dispatchEvent(new PointerEvent('pointerup', init));
    } finally {
      this.snapSuppressed = false;
    }
    return 'added';
  }

  /** Closes the plot or ends the measuring line being drawn, as terra-draw's finish key (Enter) does. */
  finishDrawing(): void {
    if (this.tool !== 'polygon' && this.tool !== 'measure') return;
    this.map.getCanvas().dispatchEvent(new KeyboardEvent('keyup', { key: 'Enter', bubbles: true }));
  }

  /** The vertices placed so far of the shape being drawn (without the provisional pointer vertex). */
  private committedVertices(): number[][] {
    const feature = this.draw.getSnapshot().find((entry) => entry.properties.currentlyDrawing === true && entry.geometry.type !== 'Point');
    if (!feature) return [];
    if (feature.geometry.type === 'LineString') return (feature.geometry as LineString).coordinates.slice(0, -1);
    const count = Number(feature.properties.committedCoordinateCount ?? 0);
    return (feature.geometry as Polygon).coordinates[0]?.slice(0, count) ?? [];
  }

  undo(): void {
    this.draw.undo();
    this.reportHistory();
    this.reportDraft();
  }

  redo(): void {
    this.draw.redo();
    this.reportHistory();
    this.reportDraft();
  }

  destroy(): void {
    this.draw.stop();
  }

  private validate(feature: GeoJSONStoreFeatures): { valid: boolean; reason?: string } {
    const result = ValidateNotSelfIntersecting(feature);
    if (!result.valid) this.events.refused('self-intersection');
    return result;
  }

  private discardEdit(): void {
    if (this.editedId !== null && this.draw.hasFeature(this.editedId)) this.draw.removeFeatures([this.editedId]);
    this.editedId = null;
  }

  private clearMeasure(): void {
    if (this.measureId !== null && this.draw.hasFeature(this.measureId)) this.draw.removeFeatures([this.measureId]);
    this.measureId = null;
  }

  /** The feature being drawn (or edited, or the last measuring line). */
  private currentFeature(): GeoJSONStoreFeatures | undefined {
    if (this.editedId !== null) return this.draw.getSnapshotFeature(this.editedId);
    const snapshot = this.draw.getSnapshot();
    const drawing = snapshot.find((feature) => feature.properties.currentlyDrawing === true && feature.geometry.type !== 'Point');
    if (drawing) {
      // A new measuring line replaces the previous one.
      if (this.tool === 'measure' && this.measureId !== null && drawing.id !== this.measureId) this.clearMeasure();
      return drawing;
    }
    return this.measureId !== null ? this.draw.getSnapshotFeature(this.measureId) : undefined;
  }

  private reportDraft(): void {
    const feature = this.currentFeature();
    const geometry = feature?.geometry;
    this.events.draft(geometry && (geometry.type === 'Polygon' || geometry.type === 'LineString') ? (geometry as Polygon | LineString) : null);
  }

  private reportHistory(): void {
    this.events.history({ canUndo: this.draw.canUndo(), canRedo: this.draw.canRedo() });
  }

  private handleFinish(id: string | number, mode: string, action: string): void {
    const tool = TOOL_OF_MODE[mode];
    if (action !== 'draw' || !tool || tool !== this.tool) {
      // Vertex edits (drag, insert, delete) only change the draft.
      this.reportDraft();
      this.reportHistory();
      return;
    }
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature) return;
    if (tool === 'measure') {
      this.measureId = id;
      this.events.finished(tool, feature.geometry as LineString);
      this.reportDraft();
      return;
    }
    this.draw.removeFeatures([id]);
    this.draw.clearUndoRedoHistory();
    this.reportHistory();
    this.events.draft(null);
    this.events.finished(tool, feature.geometry as Polygon);
  }
}
