/**
 * Attribute names of plots in exported files (bureau-style pinyin, within a .dbf's 10 bytes),
 * recognised again when plots are imported.
 */
export const PLOT_FIELDS = {
  id: 'PLOT_ID',
  name: 'MING_CHENG',
  type: 'LEI_XING',
  year: 'NIAN_DU',
  notes: 'BEI_ZHU',
  townships: 'XIANG',
  areaMu: 'MIAN_JI_MU',
  areaHectares: 'MIAN_JI_HA',
  perimeter: 'ZHOU_CHANG',
} as const;
