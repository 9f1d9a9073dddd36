/** English texts of ../field-messages.ts (this module loads when the UI switches to English). */
import type { EnglishOf } from '../catalogue';
import type { fieldMessages } from '../field-messages';

export const fieldEnglish: EnglishOf<typeof fieldMessages> = {
  'location.button': 'My location',
  'location.start': 'Show my location (GPS)',
  'location.follow': 'Follow my location',
  'location.stop': 'Turn location off',
  'location.locating': 'Locating…',
  'location.accuracy': 'Accuracy {accuracy}',
  'location.following': 'Following',
  'location.denied': 'No location: the browser or the system does not allow this page to use it. Allow “Location” in the browser’s site settings and try again.',
  'location.unavailable': 'No position for now (no GPS signal). Move into the open; locating goes on.',
  'location.timeout': 'Locating timed out; still trying.',
  'location.unsupported': 'This browser cannot locate the device.',
  'location.insecure': 'Location needs a secure connection (https or this computer).',
  'location.dismiss': 'OK',
  'location.addVertex': 'Vertex at my position',
  'location.addVertexTitle': 'Add a boundary point at the current GPS position (for walking a plot’s boundary)',
  'location.addVertexWaiting': 'Waiting for GPS…',
  'location.vertexSame': 'Position unchanged: no point added',
  'location.finishDrawing': 'Finish',
  'location.finishDrawingTitle': 'Close the plot (or end the measuring line)',
  'sheet.expand': 'Expand panel',
  'sheet.collapse': 'Collapse panel',
  'pwa.updateReady': 'A new version is available: reload',
  'pwa.reload': 'Reload',
  'pwa.later': 'Later',
  'pwa.offlineReady': 'Ready to work offline',
};
