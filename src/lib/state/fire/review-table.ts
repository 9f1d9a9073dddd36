/**
 * The review table of all high-risk zones, as exported to CSV and XLSX.
 */
import type { ZoneCoverage } from '../../geo/coverage/viewing-coverage';
import { squareMetresToMu } from '../../geo/units';
import type { OutputTable } from '../../io/table-write';
import type { StoredZoneReview } from '../persistence/database';
import { draftOf, REVIEW_STATUS_LABELS } from './review-model';
import type { FireZoneEntry } from './fire-state.svelte';
import type { Locale } from '../../i18n/locale';

export function reviewTable(
  zones: readonly FireZoneEntry[],
  reviews: ReadonlyMap<string, StoredZoneReview>,
  coverage: ReadonlyMap<string, ZoneCoverage>,
  locale: Locale,
): OutputTable {
  const zh = locale === 'zh';
  const columns = [
    { key: 'zoneId', header: zh ? '风险区编号' : 'Zone ID' },
    { key: 'name', header: zh ? '名称' : 'Name' },
    { key: 'level', header: zh ? '火险等级' : 'Danger level', numberFormat: '0' },
    { key: 'township', header: zh ? '乡镇' : 'Township' },
    { key: 'area', header: zh ? '面积(亩)' : 'Area (mu)', numberFormat: '#,##0.00' },
    { key: 'species', header: zh ? '优势树种' : 'Dominant species' },
    { key: 'coverage', header: zh ? '监控覆盖率(%)' : 'Within sight (%)', numberFormat: '0.0' },
    { key: 'status', header: zh ? '审核状态' : 'Status' },
    { key: 'reviewer', header: zh ? '审核人' : 'Reviewer' },
    { key: 'reviewDate', header: zh ? '审核日期' : 'Review date' },
    { key: 'actions', header: zh ? '整改措施' : 'Required actions' },
    { key: 'notes', header: zh ? '备注' : 'Notes' },
    { key: 'updatedAt', header: zh ? '最后修改' : 'Last changed' },
  ];
  const rows = [...zones]
    .sort((a, b) => a.zoneId.localeCompare(b.zoneId))
    .map((zone) => {
      const review = reviews.get(zone.zoneId);
      const draft = draftOf(review);
      const share = coverage.get(zone.zoneId)?.share;
      return {
        zoneId: zone.zoneId,
        name: zone.name,
        level: zone.level,
        township: zone.township,
        area: Number(squareMetresToMu(zone.areaSquareMetres).toFixed(2)),
        species: zone.species,
        coverage: share === undefined ? null : Number((share * 100).toFixed(1)),
        status: REVIEW_STATUS_LABELS[draft.status][locale],
        reviewer: draft.reviewer,
        reviewDate: draft.reviewDate,
        actions: draft.actions.join(zh ? '、' : ', '),
        notes: draft.notes,
        updatedAt: review?.updatedAt ?? '',
      };
    });
  return { columns, rows };
}
