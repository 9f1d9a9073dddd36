/** Strings of the basemap choice, zh and en. */
import { defineCatalogue } from './catalogue';

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

const en: Record<keyof typeof zh, string> = {
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

export const basemapMessages = defineCatalogue(zh, en);
