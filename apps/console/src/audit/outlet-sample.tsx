import { usePrefs, type MessageKey } from '../i18n';
import { stageOf, type AuditProgrammeView, type OutletSample } from './audit-types';

/** The outlets an audit visits, why each was picked, the rule's numbers and the seed to redraw it. */
export function OutletSampleView({ sample, outlets }: { sample: OutletSample | null; outlets: AuditProgrammeView['outlets'] }) {
  const { t } = usePrefs();
  if (!sample) return <p className="muted">{t('audit.noOutlets')}</p>;
  const named = new Map(outlets.map((o) => [o.id, o]));
  return (
    <div data-testid="outlet-sample">
      <p>
        {t('audit.sampleRule', {
          size: sample.outlets.length,
          population: sample.population,
          ruleSize: sample.ruleSize,
          factor: sample.rule.factorPercent[stageOf(sample.kind)],
          randomCount: sample.randomCount,
        })}
      </p>
      {sample.requestedSize !== null && <p>{t('audit.sampleRequested', { requestedSize: sample.requestedSize })}</p>}
      {sample.capped && <p>{t('audit.sampleCapped')}</p>}
      <ol>
        {sample.outlets.map((o) => (
          <li key={o.id} data-testid="sampled-outlet">
            <strong>{named.get(o.id)?.name ?? o.id}</strong> <span className="muted">{named.get(o.id)?.address}</span> · {t(`audit.reason.${o.reason}` as MessageKey)}
          </li>
        ))}
      </ol>
      <p>
        {t('audit.seed')}: <code className="wrap-anywhere" data-testid="sample-seed">{sample.seed}</code>
        <br />
        <small className="muted">{t('audit.seedHint')}</small>
      </p>
    </div>
  );
}
