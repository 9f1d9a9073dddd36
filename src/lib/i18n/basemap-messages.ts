/** Strings of the basemap choice, zh and en. */
import { registerChinese } from './index';

const zh = {
  'basemap.title': '底图',
  'basemap.hint': '有网络时可叠加在线底图。天地图使用本单位申请的密钥（tk），只保存在本机浏览器中。高德、腾讯、百度地图采用加密偏移坐标（GCJ-02/BD-09），与本图数据错位数百米，故不提供。',
  'basemap.choice': '在用底图',
  'basemap.none': '无（纸色底，离线可用）',
  'basemap.tianditu-img': '天地图 影像+注记',
  'basemap.tianditu-vec': '天地图 矢量+注记',
  'basemap.tianditu-ter': '天地图 地形+注记',
  'basemap.osm': 'OpenStreetMap',
  'basemap.key': '天地图密钥（tk）',
  'basemap.keyPlaceholder': '32位密钥，在 console.tianditu.gov.cn 申请',
  'basemap.server': '天地图服务地址',
  'basemap.serverHint': '默认公网 t0–t7；内网镜像可填其地址，{s} 代表 0–7',
  'basemap.save': '保存',
  'basemap.status.off': '未使用在线底图',
  'basemap.status.loading': '正在加载底图…',
  'basemap.status.shown': '底图已显示：{name}',
  'basemap.status.unreachable': '底图无法加载（无网络、密钥无效或服务不可达），地图其余部分照常使用',
  'basemap.problem.needs-key': '天地图需要32位密钥（tk），请在下方填写',
  'basemap.problem.bad-server': '天地图服务地址无效：应为 http(s) 地址，不含查询参数',
  'basemap.saveFailed': '底图设置未能保存在本机（{detail}），本次仍然有效',
};

/** The Chinese texts; the English ones are in ./en/basemap-messages.ts, loaded with the English UI. */
export const basemapMessages = zh;

// Loads with the tools that use it, not with the page (see OnUseCatalogue in ./index.ts).
registerChinese(basemapMessages);
