/**
 * Hostile KML/GPX found by the fuzz suite: folders nested thousands deep (togeojson recursed
 * until the stack overflowed, an untyped error), entity expansion ("billion laughs") and
 * unterminated comments that sent the nesting check round for ever.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/io/import-files';

const placemark = '<Placemark><name>p</name><Point><coordinates>108.77,28.84,0</coordinates></Point></Placemark>';
const kml = (body: string, prolog = '') => `<?xml version="1.0" encoding="UTF-8"?>${prolog}<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;

describe('hostile XML', () => {
  it('a KMZ with 5,000 nested folders is a typed invalid-xml error, not a stack overflow', async () => {
    const deep = '<Folder><name>f</name>'.repeat(5000) + placemark + '</Folder>'.repeat(5000);
    const result = await importFiles([{ name: '深.kmz', bytes: zipSync({ 'doc.kml': strToU8(kml(deep)) }) }]);
    expect(result.errors.map((error) => [error.code, error.message.en])).toEqual([['invalid-xml', '深.kmz/doc.kml: invalid XML: elements nested deeper than 100 levels']]);
  });

  it('entity declarations are refused before expansion', async () => {
    const laughs = `<!DOCTYPE kml [<!ENTITY a "${'x'.repeat(100)}"><!ENTITY b "${'&a;'.repeat(100)}"><!ENTITY c "${'&b;'.repeat(100)}">]>`;
    const result = await importFiles([{ name: 'lol.gpx', bytes: strToU8(`<?xml version="1.0"?>${laughs}<gpx version="1.1"><wpt lat="28.8" lon="108.7"><name>&c;</name></wpt></gpx>`) }]);
    expect(result.errors.map((error) => error.code)).toEqual(['invalid-xml']);
    expect(result.errors[0]!.message.zh).toBe('lol.gpx：不是有效的XML：不接受实体声明（<!ENTITY>）');
  });

  // Fuzz seed 2501083253, gpx #399: the guard's scan went back to the start of the text at an
  // unterminated comment and never ended.
  it.each([
    ['an unterminated comment', '<!-- not closed'],
    ['an unterminated CDATA section', '<![CDATA[ not closed'],
  ])('a GPX with %s is a typed invalid-xml error, not a hang', async (_name, tail) => {
    // Right after the declaration, where no open element lets the depth limit end the loop.
    const text = `<?xml version="1.0"?>${tail}<gpx version="1.1"><wpt lat="28.8" lon="108.7"><name>a</name></wpt></gpx>`;
    const result = await importFiles([{ name: 'cut.gpx', bytes: strToU8(text) }]);
    expect(result.errors.map((error) => [error.code, error.file])).toEqual([['invalid-xml', 'cut.gpx']]);
  });

  it('ordinary nesting still imports', async () => {
    const result = await importFiles([{ name: 'ok.kml', bytes: strToU8(kml('<Folder><name>a</name><Folder><name>b</name>' + placemark + '</Folder></Folder>')) }]);
    expect(result.errors).toEqual([]);
    expect(result.layers[0]!.collection.features[0]!.properties!.folder).toBe('a/b');
  });
});
