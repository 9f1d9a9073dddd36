/** English texts of ../crs-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { crsMessages } from '../crs-messages';

export const crsEnglish: EnglishOf<typeof crsMessages> = {
  'crs.separator': '; ',
  'crs.swapNote': ' (latitude comes first: swap the axes)',
  'crs.where.local': 'fall in the area of interest',
  'crs.where.china': 'fall in China',
  'crs.where.anywhere': 'are within longitude/latitude ranges',
  'crs.geographic.wgs84': 'values {where} as longitude/latitude{swap}; WGS84 and CGCS2000 agree at map scale',
  'crs.geographic.cgcs2000': 'longitude/latitude{swap}; CGCS2000 cannot be told from WGS84 by coordinates alone',
  'crs.geographic.webMap': '{code} if copied from a Chinese web map (offset 50–500 m, not detectable from coordinates alone)',
  'crs.projected.prefixed': '8-digit easting with zone prefix {zone}',
  'crs.projected.unprefixed': '6-digit easting around 500000 (no zone prefix)',
  'crs.projected.place': 'inverse-projects to {place}',
  'crs.projected.placeLocal': 'inverse-projects to {place}, inside the area of interest',
  'crs.projected.inZone': 'within the {width}° zone of CM {meridian}°E',
  'crs.projected.outOfZone': 'outside the usual width of the zone of CM {meridian}°E',
  'crs.projected.otherDatum': '{name}: same numbers as CGCS2000 within tens of metres; the datum cannot be told from coordinates',
  'crs.projected.swapped': 'X and Y are swapped (EPSG axis order: northing first)',
  'crs.resolve.declaredMismatch': 'the declared coordinate system {code} does not fit the coordinate ranges, which look like {likely}{swap}: please check',
  'crs.resolve.axesSwapped': ' (axes swapped)',
  'crs.resolve.by.authority': 'EPSG code',
  'crs.resolve.by.name': 'name',
  'crs.resolve.by.parameters': 'parameters',
  'crs.resolve.by.unmatched': 'parameters (not a registered system)',
  'crs.resolve.prj': '.prj file: {name} (recognised by {by})',
  'crs.resolve.unnamed': 'unnamed',
  'crs.resolve.prjUnknown': 'the coordinate system in the .prj is not recognised: detecting it from the coordinates instead',
  'crs.resolve.chosen': 'as chosen: {name}',
  'crs.resolve.declaredUnknown': 'the declared coordinate system "{code}" is unknown: detecting it instead',
};
