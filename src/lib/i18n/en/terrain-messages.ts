/** English texts of ../terrain-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { terrainMessages } from '../terrain-messages';

export const terrainEnglish: EnglishOf<typeof terrainMessages> = {
  'terrain.openAsDem': 'Open as elevation model (DEM)',
  'terrain.openAsDemHint': 'Single-band GeoTIFFs that are not 8-bit and tile archives declared terrain-RGB are recognised as DEMs; tick this for other files.',
  'terrain.layer': 'Elevation model (DEM) · shown as hillshade',
  'terrain.strength': 'Shading strength',
  'plot.slope.title': 'Slope',
  'plot.slope.computing': 'Computing the slope from the elevation model…',
  'plot.slope.failed': 'The slope could not be computed: {detail}',
  'plot.slope.notCovered': 'The elevation model does not cover this plot.',
  'plot.slope.smallerThanCell': 'The plot is smaller than one cell of the elevation model: no slope.',
  'plot.slope.mean': 'Mean slope',
  'plot.slope.max': 'Maximum slope',
  'plot.slope.share': 'Share of the area at {threshold} or steeper',
  'plot.slope.steep': '{share} of the plot is at {threshold} or steeper (steep ground)',
  'plot.slope.partly': 'The elevation model covers {share} of the plot; the figures are for that part.',
  'plot.slope.source': 'From {cells} cells of “{name}” (Horn’s method)',
  'plot.slope.threshold': 'Steep above',
  'plot.slope.notSaved': 'The threshold could not be saved: {detail}',
  'plot.slope.steepInList': 'Steep',
};
