/** Notes and errors of the command-line statistics (npm run stats). */
import { registerChinese } from './index';

const zh = {
  'cli.severalLayers': '{label}：“{path}”含{count}个图层：{list}；使用“{layer}”',
  'cli.severalFolders': '{label}：使用全部{count}个要素，来自{folders}个文件夹：{list}',
  'cli.noFeatures': '{label}：“{path}”中没有任何要素，无法统计',
  'cli.beyondRepair': '{count}个要素的几何无法修复，统计不完整',
};

/** The Chinese texts; the English ones are in ./en/cli-messages.ts, loaded with the English UI. */
export const cliMessages = zh;

// Loads with the tools that use it, not with the page (see OnUseCatalogue in ./index.ts).
registerChinese(cliMessages);
