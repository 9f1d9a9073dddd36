/** Notes and errors of the command-line statistics (npm run stats). */
import { defineCatalogue } from './catalogue';

const zh = {
  'cli.severalLayers': '{label}：“{path}”含{count}个图层：{list}；使用“{layer}”',
  'cli.severalFolders': '{label}：使用全部{count}个要素，来自{folders}个文件夹：{list}',
  'cli.noFeatures': '{label}：“{path}”中没有任何要素，无法统计',
  'cli.beyondRepair': '{count}个要素的几何无法修复，统计不完整',
};

const en: Record<keyof typeof zh, string> = {
  'cli.severalLayers': '{label}: "{path}" holds {count} layers: {list}; using "{layer}"',
  'cli.severalFolders': '{label}: all {count} features used, from {folders} folders: {list}',
  'cli.noFeatures': '{label}: "{path}" holds no features to measure',
  'cli.beyondRepair': '{count} features have geometry beyond repair: the statistics would be incomplete',
};

export const cliMessages = defineCatalogue(zh, en);
