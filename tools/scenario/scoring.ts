import { send, type Platform } from './http';
import { eventually } from './wait';

export interface ScorecardView {
  readonly scorecardId: string;
  readonly current: boolean;
  readonly scorecard: { score: number; level: string | null; passed: boolean; specialDeductions: number; categories: unknown[] };
  readonly [more: string]: unknown;
}

/** The scoring service issues a scorecard when the review's results reach it through Kafka. */
export const waitForScorecard = (platform: Platform, user: string, caseId: string, count = 1) =>
  eventually(`scorecard ${count} of ${caseId}`, async (note) => {
    const reply = await send<{ scorecards: ScorecardView[] }>(platform, 'scoring', 'GET', `/cases/${caseId}/scorecards`, { as: user, expect: [200, 404] });
    const cards = reply.status === 200 ? reply.body.scorecards : [];
    note(`${cards.length} scorecard(s)`);
    return cards.length >= count ? cards.find((c) => c.current) ?? cards.at(-1) : undefined;
  });
