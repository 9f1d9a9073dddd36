/**
 * Fill patterns drawn in code (no sprite sheet to host): diagonal hatching for planned areas, so
 * they stay distinguishable from solid fills where layers overlap.
 */
export function createHatchPattern(colour: string, size = 16, lineWidth = 2.5): ImageData {
  const canvas = new OffscreenCanvas(size, size);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas is not available for the hatch pattern');
  context.strokeStyle = colour;
  context.lineWidth = lineWidth;
  context.lineCap = 'square';
  context.beginPath();
  // Three strokes so the hatching tiles seamlessly across pattern edges.
  for (const offset of [-size, 0, size]) {
    context.moveTo(offset, size);
    context.lineTo(offset + size, 0);
  }
  context.stroke();
  return context.getImageData(0, 0, size, size);
}
