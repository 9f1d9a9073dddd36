/**
 * Strings of the workspace bar: mode, sign-in, sync status, conflicts and the local upload.
 */

const zh = {
  'workspace.localMode': '本地模式',
  'workspace.localModeTitle': '数据只保存在本浏览器中（未连接工作区服务器）',
  'workspace.workspace': '工作区',
  'workspace.signIn': '登录',
  'workspace.signOut': '退出',
  'workspace.signInTitle': '登录工作区',
  'workspace.name': '用户名',
  'workspace.password': '密码',
  'workspace.cancel': '取消',
  'workspace.signingIn': '正在登录…',
  'workspace.wrongPassword': '用户名或密码错误',
  'workspace.tooMany': '登录尝试过多或账户已锁定，请稍后再试',
  'workspace.unreachable': '无法连接服务器，请检查网络',
  'workspace.signInFailed': '登录失败：{detail}',
  'workspace.signedOutNotice': '登录已失效，请重新登录；未同步的修改保留在本机',
  'workspace.online': '在线',
  'workspace.offline': '离线',
  'workspace.connecting': '正在连接',
  'workspace.pending': '{count} 项待同步',
  'workspace.synced': '已同步',
  'workspace.conflicts': '{count} 项冲突',
  'workspace.refused': '{count} 项被拒绝',
  'workspace.conflictTitle': '同步冲突：该记录已被他人修改',
  'workspace.conflictHint': '请逐项比较后选择保留哪一版本；未选择前两版均保留。',
  'workspace.field': '字段',
  'workspace.mine': '我的修改',
  'workspace.theirs': '服务器上的版本',
  'workspace.keepMine': '保留我的修改',
  'workspace.keepTheirs': '采用服务器版本',
  'workspace.later': '稍后处理',
  'workspace.refusedTitle': '服务器拒绝了修改',
  'workspace.dismiss': '知道了',
  'workspace.upload': '上传本机记录',
  'workspace.uploadTitle': '把本地模式下的记录上传到工作区（每条只上传一次，重复的跳过）',
  'workspace.uploading': '正在上传…',
  'workspace.uploadReport': '已上传 {uploaded} 条，重复跳过 {duplicates} 条，失败 {failed} 条',
  'workspace.role_admin': '管理员',
  'workspace.role_planner': '规划人员',
  'workspace.role_fire_officer': '防火办',
  'workspace.role_station': '林业站',
  'workspace.role_viewer': '查看者',
  'workspace.readOnly': '只读：您的角色不能修改此类记录',
  'workspace.type_plots': '地块',
  'workspace.type_reviews': '审核记录',
  'workspace.type_facilities': '防火设施',
  'workspace.yes': '是',
  'workspace.no': '否',
  'workspace.field.name': '名称',
  'workspace.field.plotType': '类型',
  'workspace.field.targetYear': '计划年度',
  'workspace.field.notes': '备注',
  'workspace.field.geometry': '图形',
  'workspace.field.deleted': '已删除',
  'workspace.field.status': '状态',
  'workspace.field.reviewer': '审核人',
  'workspace.field.reviewDate': '审核日期',
  'workspace.field.actions': '整改措施',
  'workspace.field.deadline': '整改期限',
  'workspace.field.kind': '设施类型',
  'workspace.field.township': '乡镇',
  'workspace.field.radiusMetres': '监视半径（米）',
} as const;

/** The Chinese texts; the English ones are in ./en/workspace-messages.ts, loaded with the English UI. */
export const workspaceMessages = zh;

type WorkspaceKey = keyof typeof zh;

/** The label of a record field shown in the conflict dialog (the field's own name when unknown). */
export function workspaceFieldKey(field: string): WorkspaceKey | null {
  const key = `workspace.field.${field}`;
  return Object.hasOwn(zh, key) ? (key as WorkspaceKey) : null;
}
