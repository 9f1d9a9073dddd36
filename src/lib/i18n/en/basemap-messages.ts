/** English texts of ../basemap-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { basemapMessages } from '../basemap-messages';

export const basemapEnglish: EnglishOf<typeof basemapMessages> = {
  'basemap.title': 'Basemap',
  'basemap.hint': 'With a network, an online basemap can lie under the map. Tianditu uses your bureau’s own key (tk), kept only in this browser. Amap, Tencent and Baidu maps use offset coordinates (GCJ-02/BD-09) that sit hundreds of metres off this map’s data, so they are not offered.',
  'basemap.choice': 'Basemap in use',
  'basemap.none': 'None (paper, works offline)',
  'basemap.tianditu-img': 'Tianditu imagery + labels',
  'basemap.tianditu-vec': 'Tianditu vector + labels',
  'basemap.tianditu-ter': 'Tianditu terrain + labels',
  'basemap.osm': 'OpenStreetMap',
  'basemap.key': 'Tianditu key (tk)',
  'basemap.keyPlaceholder': '32-character key from console.tianditu.gov.cn',
  'basemap.server': 'Tianditu server',
  'basemap.serverHint': 'Public t0–t7 by default; an intranet mirror’s address works too, {s} stands for 0–7',
  'basemap.save': 'Save',
  'basemap.status.off': 'No online basemap',
  'basemap.status.loading': 'Loading the basemap…',
  'basemap.status.shown': 'Basemap shown: {name}',
  'basemap.status.unreachable': 'The basemap cannot load (no network, an invalid key or the server is unreachable); the rest of the map works as usual',
  'basemap.problem.needs-key': 'Tianditu needs a 32-character key (tk): enter it below',
  'basemap.problem.bad-server': 'The Tianditu server address is not valid: an http(s) address without query parameters',
  'basemap.saveFailed': 'The basemap settings could not be saved in this browser ({detail}); they apply for this session',
};
