import type { FeatureCollection, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { distanceMetres } from '../../src/lib/geo/area';
import {
  createTransform,
  detectCrs,
  findCrs,
  getCrs,
  listCrs,
  parsePrj,
  reprojectGeoJson,
  UnknownCrsError,
  UnsupportedPrjError,
} from '../../src/lib/geo/crs';

const CHECK_POINT: Position = [108.77, 28.84];

describe('CRS registry', () => {
  it('names the CGCS2000, Xian 1980 and Beijing 1954 Gauss–Krüger systems with the right EPSG codes', () => {
    const expectations: Array<[string, number, number]> = [
      ['EPSG:4544', 105, 500000], ['EPSG:4545', 108, 500000], ['EPSG:4546', 111, 500000],
      ['EPSG:4523', 105, 35500000], ['EPSG:4524', 108, 36500000], ['EPSG:4525', 111, 37500000],
      ['EPSG:4496', 105, 18500000], ['EPSG:4497', 111, 19500000], ['EPSG:4507', 105, 500000], ['EPSG:4508', 111, 500000],
      ['EPSG:2381', 108, 500000], ['EPSG:2360', 108, 36500000], ['EPSG:2380', 105, 500000], ['EPSG:2382', 111, 500000],
      ['EPSG:2433', 108, 500000], ['EPSG:2412', 108, 36500000], ['EPSG:2432', 105, 500000], ['EPSG:2434', 111, 500000],
    ];
    for (const [code, meridian, falseEasting] of expectations) {
      const definition = getCrs(code);
      expect(definition.gaussKruger?.centralMeridian, code).toBe(meridian);
      expect(definition.gaussKruger?.falseEasting, code).toBe(falseEasting);
      expect(definition.proj4).toContain(`+lon_0=${meridian} `);
    }
    expect(getCrs('EPSG:2381').proj4).toContain('+ellps=IAU76');
    expect(getCrs('EPSG:2433').proj4).toContain('+ellps=krass');
    expect(getCrs('EPSG:4545').name.en).toBe('CGCS2000 / 3-degree Gauss-Kruger CM 108E');
    expect(getCrs('EPSG:2360').name.en).toBe('Xian 1980 / 3-degree Gauss-Kruger zone 36');
    expect(getCrs('EPSG:2412').name.en).toBe('Beijing 1954 / 3-degree Gauss-Kruger zone 36');
    expect(new Set(listCrs().map((definition) => definition.code)).size).toBe(listCrs().length);
  });

  it('finds systems by code, URN, ESRI name and alias; unknown codes throw a clear error', () => {
    expect(findCrs('4545')?.code).toBe('EPSG:4545');
    expect(findCrs('epsg:4524')?.code).toBe('EPSG:4524');
    expect(findCrs('urn:ogc:def:crs:EPSG::4490')?.code).toBe('EPSG:4490');
    expect(findCrs('CGCS2000_3_Degree_GK_CM_108E')?.code).toBe('EPSG:4545');
    expect(findCrs('Xian_1980_3_Degree_GK_Zone_36')?.code).toBe('EPSG:2360');
    expect(findCrs('gcj02')?.code).toBe('GCJ-02');
    expect(findCrs('BD09')?.code).toBe('BD-09');
    expect(() => getCrs('EPSG:32649')).toThrow(UnknownCrsError);
    expect(findCrs('WGS_1984_Web_Mercator_Auxiliary_Sphere')?.code).toBe('EPSG:3857');
    expect(() => getCrs('EPSG:9999')).toThrow(/Unknown coordinate system "EPSG:9999"/);
  });
});

describe('transforms', () => {
  it('meets the Gauss–Krüger check point 108.77°E 28.84°N → EPSG:4545 (575144.43, 3191779.38) to 1 cm', () => {
    const [x, y] = createTransform('EPSG:4326', 'EPSG:4545')(CHECK_POINT);
    expect(Math.abs(x! - 575144.43)).toBeLessThan(0.01);
    expect(Math.abs(y! - 3191779.38)).toBeLessThan(0.01);
  });

  it('writes the zone prefix in EPSG:4524 eastings and reads northing-first input', () => {
    const [x, y] = createTransform('EPSG:4490', 'EPSG:4524')(CHECK_POINT);
    expect(Math.abs(x! - 36575144.43)).toBeLessThan(0.01);
    expect(Math.abs(y! - 3191779.38)).toBeLessThan(0.01);
    const [lon, lat] = createTransform('EPSG:4524', 'EPSG:4326', { swapInput: true })([y!, x!]);
    expect(lon).toBeCloseTo(108.77, 9);
    expect(lat).toBeCloseTo(28.84, 9);
  });

  it('round-trips Xian 1980 and Beijing 1954 (ellipsoid-only, no datum shift) to 1 mm', () => {
    for (const code of ['EPSG:2381', 'EPSG:2360', 'EPSG:2433', 'EPSG:2412', 'EPSG:4610', 'EPSG:4214']) {
      const forward = createTransform('EPSG:4326', code)(CHECK_POINT);
      const back = createTransform(code, 'EPSG:4326')(forward);
      expect(distanceMetres(back, CHECK_POINT), code).toBeLessThan(0.001);
    }
    // Ellipsoid-only: geographic coordinates carry over unchanged between datums.
    expect(createTransform('EPSG:4326', 'EPSG:4610')(CHECK_POINT)).toEqual(CHECK_POINT);
    // The projected numbers differ from CGCS2000 only through the ellipsoid (≈ 1.5 m here).
    const cgcs = createTransform('EPSG:4326', 'EPSG:4545')(CHECK_POINT);
    const xian = createTransform('EPSG:4326', 'EPSG:2381')(CHECK_POINT);
    expect(Math.hypot(cgcs[0]! - xian[0]!, cgcs[1]! - xian[1]!)).toBeLessThan(5);
  });

  it('round-trips GCJ-02 and BD-09 to under 1 m, with the expected 50–800 m offsets', () => {
    for (const code of ['GCJ-02', 'BD-09']) {
      const shifted = createTransform('EPSG:4326', code)(CHECK_POINT);
      const offset = distanceMetres(shifted, CHECK_POINT);
      expect(offset).toBeGreaterThan(50);
      expect(offset).toBeLessThan(1500);
      expect(distanceMetres(createTransform(code, 'EPSG:4326')(shifted), CHECK_POINT)).toBeLessThan(1);
    }
  });

  it('reprojects whole GeoJSON objects of any geometry type, keeping properties and ids', () => {
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', id: 7, properties: { NAME: '测试' }, geometry: { type: 'Point', coordinates: [575144.43, 3191779.38, 812] } },
        { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: [[575144.43, 3191779.38], [576000, 3192000]] } },
        { type: 'Feature', properties: {}, bbox: [0, 0, 1, 1], geometry: { type: 'MultiPolygon', coordinates: [[[[575000, 3191000], [576000, 3191000], [576000, 3192000], [575000, 3191000]]]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'GeometryCollection', geometries: [{ type: 'MultiPoint', coordinates: [[575144.43, 3191779.38]] }] } },
      ],
    };
    const result = reprojectGeoJson(collection, 'EPSG:4545', 'EPSG:4326');
    const point = result.features[0]!;
    expect(point.id).toBe(7);
    expect(point.properties).toEqual({ NAME: '测试' });
    const [lon, lat, height] = (point.geometry as { coordinates: number[] }).coordinates;
    expect(lon).toBeCloseTo(108.77, 7);
    expect(lat).toBeCloseTo(28.84, 7);
    expect(height).toBe(812);
    expect(result.features[2]!.bbox).toBeUndefined();
    expect(JSON.stringify(result.features[3]!.geometry)).toContain('108.7');
    expect(collection.features[0]!.geometry).toEqual({ type: 'Point', coordinates: [575144.43, 3191779.38, 812] });
  });
});

describe('CRS detection from bare coordinates', () => {
  const around = (x: number, y: number, spread: number): Position[] => [[x, y], [x + spread, y + spread], [x - spread, y + spread / 2]];

  it('recognises longitude/latitude, and lat/lon given in the wrong order', () => {
    const lonLat = detectCrs(around(108.77, 28.84, 0.01));
    expect(lonLat[0]).toMatchObject({ code: 'EPSG:4326', swapped: false });
    expect(lonLat.map((candidate) => candidate.code)).toEqual(expect.arrayContaining(['EPSG:4490', 'GCJ-02', 'BD-09']));
    const latLon = detectCrs(around(28.84, 108.77, 0.01));
    expect(latLon[0]).toMatchObject({ code: 'EPSG:4326', swapped: true });
    expect(latLon[0]!.reason.en).toMatch(/swap/);
  });

  it('recognises 6-digit Gauss–Krüger eastings near 500000 as CGCS2000 CM 108°E, datum doubts stated', () => {
    const candidates = detectCrs(around(575144.43, 3191779.38, 500));
    expect(candidates[0]).toMatchObject({ code: 'EPSG:4545', swapped: false });
    expect(candidates[0]!.confidence).toBeGreaterThan(0.8);
    const xian = candidates.find((candidate) => candidate.code === 'EPSG:2381');
    expect(xian?.reason.en).toMatch(/cannot be told/);
    expect(xian!.confidence).toBeLessThan(candidates[0]!.confidence);
  });

  it('recognises zone-prefixed 8-digit eastings (3° zone 36, 6° zone 19) and swapped X/Y', () => {
    expect(detectCrs(around(36575144.43, 3191779.38, 500))[0]).toMatchObject({ code: 'EPSG:4524', swapped: false });
    expect(detectCrs(around(3191779.38, 36575144.43, 500))[0]).toMatchObject({ code: 'EPSG:4524', swapped: true });
    const sixDegree = createTransform('EPSG:4326', 'EPSG:4497')(CHECK_POINT);
    expect(detectCrs(around(sixDegree[0]!, sixDegree[1]!, 500))[0]).toMatchObject({ code: 'EPSG:4497' });
  });

  it('returns nothing for coordinates that fit no known system', () => {
    expect(detectCrs([[1234, 5678]])).toEqual([]);
    expect(detectCrs([])).toEqual([]);
  });
});

describe('.prj parsing', () => {
  const esri = (name: string, datum: string, spheroid: string, a: number, rf: number, falseEasting: number, meridian: number) =>
    `PROJCS["${name}",GEOGCS["GCS_${datum}",DATUM["D_${datum}",SPHEROID["${spheroid}",${a},${rf}]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${meridian}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;

  it('recognises ESRI CGCS2000, Xian 1980 and Beijing 1954 Gauss–Krüger .prj by name', () => {
    expect(parsePrj(esri('CGCS2000_3_Degree_GK_CM_108E', 'China_Geodetic_Coordinate_System_2000', 'CGCS2000', 6378137, 298.257222101, 500000, 108)).crs?.code).toBe('EPSG:4545');
    expect(parsePrj(esri('CGCS2000_3_Degree_GK_Zone_36', 'China_Geodetic_Coordinate_System_2000', 'CGCS2000', 6378137, 298.257222101, 36500000, 108)).crs?.code).toBe('EPSG:4524');
    expect(parsePrj(esri('Xian_1980_3_Degree_GK_CM_108E', 'Xian_1980', 'Xian_1980', 6378140, 298.257, 500000, 108)).crs?.code).toBe('EPSG:2381');
    expect(parsePrj(esri('Beijing_1954_3_Degree_GK_Zone_36', 'Beijing_1954', 'Krasovsky_1940', 6378245, 298.3, 36500000, 108)).crs?.code).toBe('EPSG:2412');
  });

  it('recognises renamed files by parameters (central meridian, false easting, spheroid)', () => {
    const result = parsePrj(esri('my_project_coords', 'Xian_1980', 'Xian_1980', 6378140, 298.257, 500000, 111));
    expect(result).toMatchObject({ matchedBy: 'parameters' });
    expect(result.crs?.code).toBe('EPSG:2382');
    // A name that contradicts the parameters loses to the parameters.
    expect(parsePrj(esri('CGCS2000_3_Degree_GK_CM_108E', 'China_2000', 'CGCS2000', 6378137, 298.257222101, 500000, 105)).crs?.code).toBe('EPSG:4544');
  });

  it('uses an OGC WKT1 EPSG authority, and reads geographic .prj', () => {
    const ogc =
      'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 36",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",108],PARAMETER["scale_factor",1],PARAMETER["false_easting",36500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4524"]]';
    expect(parsePrj(ogc)).toMatchObject({ matchedBy: 'authority' });
    expect(parsePrj(ogc).crs?.code).toBe('EPSG:4524');
    const geographic = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
    expect(parsePrj(geographic).crs?.code).toBe('EPSG:4490');
    expect(parsePrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]').crs?.code).toBe('EPSG:4326');
  });

  it('builds a proj4 definition for an unlisted Gauss–Krüger zone and rejects what it cannot read', () => {
    const result = parsePrj(esri('CGCS2000_3_Degree_GK_CM_117E', 'China_2000', 'CGCS2000', 6378137, 298.257222101, 500000, 117));
    expect(result.crs).toBeUndefined();
    expect(result.proj4).toContain('+lon_0=117');
    expect(() => parsePrj('PROJCS["Mystery",PROJECTION["Lambert_Conformal_Conic"]]')).toThrow(UnsupportedPrjError);
  });
});
