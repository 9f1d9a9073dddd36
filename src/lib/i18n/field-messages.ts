/** Strings for field use on phones, zh and en: "where am I", the bottom sheet, the installed app's updates. */

const zh = {
  'location.button': '我的位置',
  'location.start': '显示我的位置（GPS）',
  'location.follow': '跟随我的位置',
  'location.stop': '关闭定位',
  'location.locating': '正在定位…',
  'location.accuracy': '定位精度 {accuracy}',
  'location.following': '跟随中',
  'location.denied': '无法定位：浏览器或系统未允许本页面使用位置。请在浏览器的网站设置中允许“位置”后重试。',
  'location.unavailable': '暂时无法获得位置（无GPS信号）。请到开阔处，定位仍在继续。',
  'location.timeout': '定位超时，仍在继续尝试。',
  'location.unsupported': '此浏览器不支持定位。',
  'location.insecure': '定位需要安全连接（https 或本机地址）。',
  'location.dismiss': '知道了',
  'location.addVertex': '在我的位置加点',
  'location.addVertexTitle': '在当前GPS位置添加一个界址点（沿地块边界行走时使用）',
  'location.addVertexWaiting': '等待GPS位置…',
  'location.vertexSame': '位置未变，未添加新点',
  'location.finishDrawing': '完成',
  'location.finishDrawingTitle': '闭合地块（或结束量测线）',
  'sheet.expand': '展开面板',
  'sheet.collapse': '收起面板',
  'pwa.updateReady': '新版本可用，刷新',
  'pwa.reload': '刷新',
  'pwa.later': '稍后',
  'pwa.offlineReady': '已可离线使用',
} as const;

/** The Chinese texts; the English ones are in ./en/field-messages.ts, loaded with the English UI. */
export const fieldMessages = zh;
