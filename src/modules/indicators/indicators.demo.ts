/**
 * The demo agency's indicators (a provincial Department of Labour, Invalids and Social
 * Affairs): the plan results its 2021 report gives (jobs found for 6.518 people against
 * 5.700 planned, trained-labour rate 55,7%), a quarterly one, and one by district of
 * Kon Tum province. Written through the real service, so they are published, searchable
 * and counted in the site's content version like staff's own.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import type { IndicatorValueInput } from './indicator-values.js';
import { createIndicator, type IndicatorInput } from './indicators.service.js';

interface DemoIndicator extends IndicatorInput {
  values: IndicatorValueInput[];
}

/** Kon Tum's city and districts, with jobs planned and found in 2021 (together 5.700 and 6.518). */
const DISTRICT_JOBS: [string, number, number][] = [
  ['Thành phố Kon Tum', 1_500, 1_742],
  ['Huyện Đăk Hà', 600, 684],
  ['Huyện Đăk Tô', 480, 553],
  ['Huyện Ngọc Hồi', 560, 641],
  ['Huyện Đăk Glei', 420, 478],
  ['Huyện Sa Thầy', 470, 532],
  ['Huyện Kon Rẫy', 380, 431],
  ['Huyện Kon Plông', 450, 512],
  ['Huyện Tu Mơ Rông', 400, 445],
  ['Huyện Ia H\u2019Drai', 440, 500],
];

export const DEMO_INDICATORS: DemoIndicator[] = [
  {
    name: 'Giải quyết việc làm cho người lao động',
    slug: 'giai-quyet-viec-lam',
    unit: 'người',
    periodKind: 'year',
    description: 'Số người lao động được tạo việc làm mới trong năm trên địa bàn tỉnh, gồm việc làm trong nước, xuất khẩu lao động và vay vốn tạo việc làm; kế hoạch do Ủy ban nhân dân tỉnh giao.',
    values: [
      { period: '2019', target: '5.500', result: '5.812' },
      { period: '2020', target: '5.600', result: '5.236', note: 'Ảnh hưởng của dịch COVID-19' },
      { period: '2021', target: '5.700', result: '6.518' },
      { period: '2022', target: '5.800', result: null, note: 'Đang tổng hợp' },
    ],
  },
  {
    name: 'Tỷ lệ lao động qua đào tạo',
    slug: 'ty-le-lao-dong-qua-dao-tao',
    unit: '%',
    periodKind: 'year',
    description: 'Tỷ lệ lao động đang làm việc trong nền kinh tế đã qua đào tạo (có hoặc không có văn bằng, chứng chỉ) so với tổng số lao động đang làm việc.',
    values: [
      { period: '2019', target: '50', result: '51,2' },
      { period: '2020', target: '52', result: '53,1' },
      { period: '2021', target: '54', result: '55,7' },
    ],
  },
  {
    name: 'Mức giảm tỷ lệ hộ nghèo',
    slug: 'muc-giam-ty-le-ho-ngheo',
    unit: '%',
    periodKind: 'year',
    description: 'Số điểm phần trăm tỷ lệ hộ nghèo giảm được trong năm theo chuẩn nghèo đa chiều.',
    values: [
      { period: '2020', target: '4', result: '4,35' },
      { period: '2021', target: '4', result: '4,11' },
    ],
  },
  {
    name: 'Người tham gia bảo hiểm thất nghiệp',
    slug: 'nguoi-tham-gia-bao-hiem-that-nghiep',
    unit: 'người',
    periodKind: 'quarter',
    description: 'Số người lao động tham gia bảo hiểm thất nghiệp tại thời điểm cuối quý, theo số liệu của Bảo hiểm xã hội tỉnh.',
    values: [
      { period: 'Quý 1/2021', target: '30.000', result: '29.412' },
      { period: 'Quý 2/2021', target: '30.500', result: '30.126' },
      { period: 'Quý 3/2021', target: '31.000', result: '30.874' },
      { period: 'Quý 4/2021', target: '31.500', result: '31.960' },
      { period: 'Quý 1/2022', target: '32.000', result: null },
    ],
  },
  {
    name: 'Giải quyết việc làm theo huyện, thành phố',
    slug: 'giai-quyet-viec-lam-theo-huyen',
    unit: 'người',
    periodKind: 'year',
    description: 'Kế hoạch giao và kết quả tạo việc làm năm 2021 của từng huyện, thành phố trong tỉnh Kon Tum.',
    values: [{ period: '2021', district: '', target: '5.700', result: '6.518' }, ...DISTRICT_JOBS.map(([district, target, result]) => ({ period: '2021', district, target, result }))],
  },
];

/** Creates and publishes the demo indicators on the site; returns their ids. */
export async function seedDemoIndicators(db: Kysely<Database>, siteId: string, now: Date): Promise<string[]> {
  const scope = operatorScope(siteId, now);
  const ids: string[] = [];
  for (const indicator of DEMO_INDICATORS) ids.push((await createIndicator(db, scope, { ...indicator, isPublishing: true })).id);
  return ids;
}
