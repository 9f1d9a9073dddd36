/**
 * Why a file could not be imported, one message per ImportErrorCode of src/lib/io/errors.ts
 * (which picks the key and passes the parameters). `import.error.inFile` puts the file name first.
 */

const zh = {
  'import.error.inFile': '{file}：{text}',
  'import.error.noExtension': '无扩展名',
  'import.error.empty-file': '文件为空（0字节）',
  'import.error.unsupported-format': '无法识别的文件格式（{extension}）；支持：GeoJSON、FlatGeobuf、Shapefile（.zip，或.shp与.dbf一起）、KML/KMZ、GPX、CSV、XLSX',
  'import.error.legacy-xls': '旧版Excel格式（.xls）不受支持，请在Excel中另存为.xlsx',
  'import.error.truncated-zip': '压缩包已损坏或不完整（可能下载中断）',
  'import.error.archive-without-data': '压缩包中没有可读取的数据（支持：GeoJSON、FlatGeobuf、Shapefile（.zip，或.shp与.dbf一起）、KML/KMZ、GPX、CSV、XLSX）',
  'import.error.shapefile-missing-dbf': '缺少.dbf属性文件：请将.shp与同名的.dbf（以及.shx、.prj、.cpg）一起选择',
  'import.error.shapefile-missing-shp': '缺少.shp几何文件：请将同名的.shp一起选择',
  'import.error.shapefile-damaged': 'Shapefile已损坏：{detail}',
  'import.error.invalid-json': '不是有效的JSON（文件意外结束）',
  'import.error.invalid-json-at': '不是有效的JSON：第{line}行第{column}列有误',
  'import.error.not-geojson': '是JSON但不是GeoJSON（缺少"type": "FeatureCollection"、"Feature"或几何类型）',
  'import.error.invalid-xml': '不是有效的XML：{detail}',
  'import.error.invalid-xml-at': '不是有效的XML：第{line}行第{column}列：{detail}',
  'import.error.no-features': '{format}中没有包含几何的要素',
  'import.error.no-usable-features': '{count}个要素的几何都无法使用，例如：{first}',
  'import.error.no-coordinate-columns': '未找到坐标列（查找了经度/纬度、lon/lat、X/Y、东坐标/北坐标、WKT）；现有列：{columns}',
  'import.error.invalid-workbook': '无法读取Excel工作簿：{detail}',
  'import.error.unknown-encoding': '不支持的文字编码“{encoding}”',
  'import.error.unknown-crs': '未知坐标系“{crs}”',
  'import.error.unsupported-prj': '.prj中的坐标系不受支持：{detail}',
  'import.error.crs-undetected': '无法根据坐标范围（X {x}，Y {y}）判断坐标系，请指定坐标系',
  'import.error.flatgeobuf-damaged': 'FlatGeobuf文件已损坏：{detail}',
  'import.error.damaged-file': '{format}文件已损坏：{detail}',
  'import.error.archive-too-large': '压缩包解压后过大（{what}超过上限{limit}），已停止解压；请解压后只选择需要的文件',
  'import.error.table-too-large': '表格过大：{what}超过上限{limit}，请拆分后导入',
  'import.error.worker-stopped': '导入进程意外停止：{detail}',
  'import.error.worker-unresponsive': '导入在{seconds}秒内没有任何进展，已终止（文件可能已损坏或过于复杂）',
  'import.error.cancelled': '导入已取消',
  'import.error.read-failed': '无法读取：{detail}',
};

/** The Chinese texts; the English ones are in ./en/import-error-messages.ts, loaded with the English UI. */
export const importErrorMessages = zh;
