/**
 * Why a plot could not be written, in words a planner can act on: the browser's storage is full,
 * the database connection was closed (another tab updated the app), another tab changed the plot,
 * or the browser's own message when none of these fits.
 */
import { ConflictError } from '../persistence/revisioned-store';
import { PlotGeometryError } from './plot-repository';
import type { LocalizedText } from '../../i18n/locale';

/** The DOMException name of an IndexedDB failure (also when wrapped as `cause`). */
function errorName(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.name;
  return '';
}

function errorText(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}

/** The reason a write failed, zh and en. */
export function describeSaveError(error: unknown): LocalizedText {
  if (error instanceof ConflictError) {
    return { zh: '另一个标签页或窗口已修改了这条记录（为免覆盖未写入）', en: 'another tab or window changed this record (not written, to avoid overwriting it)' };
  }
  if (error instanceof PlotGeometryError) {
    return { zh: '几何无效（少于三个不同节点）', en: 'the geometry is invalid (fewer than three distinct vertices)' };
  }
  const name = errorName(error);
  const detail = errorText(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) {
    return {
      zh: '浏览器存储空间不足（QuotaExceededError）：请在“数据”页删除不需要的导入图层，或清理浏览器存储后重试',
      en: 'the browser’s storage is full (QuotaExceededError): remove imported layers you no longer need (Data tab) or free browser storage, then retry',
    };
  }
  if (name === 'InvalidStateError' || /clos(ed|ing)/i.test(detail)) {
    return {
      zh: '浏览器数据库连接已关闭（可能另一个标签页更新了本应用）：请重试；仍失败时请导出地块后重新载入页面',
      en: 'the browser database connection was closed (another tab may have updated the app): retry; if it still fails, export the plots and reload the page',
    };
  }
  if (name === 'VersionError') {
    return { zh: '另一个标签页使用了更新版本的数据库：请重新载入页面', en: 'another tab uses a newer version of the database: reload the page' };
  }
  if (name === 'AbortError') {
    return { zh: `写入被中止（${detail}）`, en: `the write was aborted (${detail})` };
  }
  return { zh: `写入失败（${name ? `${name}：` : ''}${detail}）`, en: `the write failed (${name ? `${name}: ` : ''}${detail})` };
}
