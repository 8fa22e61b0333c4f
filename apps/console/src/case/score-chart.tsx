import { usePrefs } from '../i18n';
import type { Points } from '../types';

/** Points available and obtained per row, as horizontal bars (an SVG with a text alternative). */
export function ScoreChart({ rows, title }: { rows: readonly (Points & { id: string; label: string })[]; title: string }) {
  const { t } = usePrefs();
  const max = Math.max(1, ...rows.map((r) => r.available));
  const rowHeight = 26;
  const labelWidth = 220;
  const width = 640;
  const bar = (v: number) => ((width - labelWidth - 70) * v) / max;
  return (
    <figure className="chart">
      <svg role="img" aria-labelledby="chart-title chart-desc" viewBox={`0 0 ${width} ${rows.length * rowHeight + 24}`} width="100%">
        <title id="chart-title">{title}</title>
        <desc id="chart-desc">{rows.map((r) => t('chart.row', { label: r.label, obtained: r.obtained, available: r.available })).join('; ')}</desc>
        {rows.map((r, i) => (
          <g key={r.id} transform={`translate(0 ${i * rowHeight})`}>
            <text x={0} y={17} fontSize={12} fill="#1a1a1a">
              {r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label}
            </text>
            <rect x={labelWidth} y={4} width={bar(r.available)} height={18} fill="#d6dbe4" />
            <rect x={labelWidth} y={4} width={bar(r.obtained)} height={18} fill={r.lost > 0 ? '#b3261e' : '#1b6e3a'} />
            <text x={labelWidth + bar(r.available) + 6} y={17} fontSize={12} fill="#1a1a1a">
              {r.obtained}/{r.available}
            </text>
          </g>
        ))}
        <g transform={`translate(0 ${rows.length * rowHeight + 6})`}>
          <rect x={labelWidth} width={12} height={12} fill="#1b6e3a" />
          <text x={labelWidth + 16} y={11} fontSize={11} fill="#1a1a1a">
            {t('chart.obtained')}
          </text>
          <rect x={labelWidth + 110} width={12} height={12} fill="#d6dbe4" />
          <text x={labelWidth + 126} y={11} fontSize={11} fill="#1a1a1a">
            {t('chart.available')}
          </text>
        </g>
      </svg>
    </figure>
  );
}

/** The score on a 0–100 scale with the level thresholds marked (the scoring rules the service scores by). */
export function ThresholdScale({ score, thresholds }: { score: number; thresholds: readonly { label: string; minScore: number }[] }) {
  const { t } = usePrefs();
  const width = 640;
  const x = (v: number) => 10 + ((width - 20) * Math.min(100, Math.max(0, v))) / 100;
  return (
    <figure className="chart thresholds" data-testid="threshold-scale">
      <svg role="img" aria-label={t('score.scaleLabel', { score, thresholds: thresholds.map((th) => `${th.label} ≥ ${th.minScore}`).join(', ') })} viewBox={`0 0 ${width} 58`} width="100%">
        <rect x={x(0)} y={24} width={x(100) - x(0)} height={10} fill="#d6dbe4" />
        <rect x={x(0)} y={24} width={x(score) - x(0)} height={10} fill="#12355b" />
        {thresholds.map((th) => (
          <g key={th.minScore}>
            <line x1={x(th.minScore)} x2={x(th.minScore)} y1={18} y2={40} stroke="#8a1c14" strokeWidth={2} />
            <text x={x(th.minScore)} y={54} fontSize={11} textAnchor="middle" fill="#1a1a1a">
              {th.minScore}
            </text>
          </g>
        ))}
        <text x={x(score)} y={13} fontSize={12} fontWeight={700} textAnchor="middle" fill="#12355b">
          {score}
        </text>
      </svg>
    </figure>
  );
}
