import type { Catalogue } from '../model';
import { customerService } from './customer-service';
import { defaultRequirementNotes, withNotes } from './notes';
import { productAftercare } from './product-aftercare';
import { productSupply } from './product-supply';
import { serviceManagement } from './service-management';
import { serviceStructure } from './service-structure';

/**
 * The platform's default catalogue. Category totals are the standard's; the points per requirement
 * are this platform's allocation (see libs/catalogue/README.md), except where `pointsSource` says
 * 'standard'. Plain data: it is validated by loadCatalogue like any body's own catalogue.
 * The guidance and evaluator notes (data/notes) belong to v1 itself: they change no points or
 * scores, and the cases pinned to v1 need them.
 */
export const gbt27922v1Data: Catalogue = withNotes(
  {
    version: 'gbt27922-2011.v1',
    title: { zh: 'GB/T 27922-2011 商品售后服务评价指标（默认分值）', en: 'GB/T 27922-2011 after-sales service criteria (default points)' },
    publisher: 'platform default',
    categories: [
      {
        id: '5.1',
        name: { zh: '售后服务体系', en: 'After-sales service system' },
        totalPoints: 40,
        indicators: [...serviceStructure, ...serviceManagement],
      },
      {
        id: '5.2',
        name: { zh: '商品服务', en: 'Product service' },
        totalPoints: 35,
        indicators: [...productSupply, ...productAftercare],
      },
      {
        id: '5.3',
        name: { zh: '顾客服务', en: 'Customer service' },
        totalPoints: 25,
        indicators: customerService,
      },
    ],
  },
  defaultRequirementNotes,
);
