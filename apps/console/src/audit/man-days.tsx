import { usePrefs, type MessageKey } from '../i18n';
import type { AuditPlan, ManDayLine } from './audit-types';

/** One step of the computation in words: the library's line code with its parameters. */
function useLineWords() {
  const { t } = usePrefs();
  return (line: ManDayLine): string => {
    const p = line.params;
    switch (line.code) {
      case 'band': {
        const stage = t(`audit.stage.${String(p.stage)}` as MessageKey);
        const vars = { stage, employees: Number(p.employees), min: Number(p.minEmployees), max: Number(p.maxEmployees) };
        return p.maxEmployees === null ? t('audit.line.bandOpen', vars) : t('audit.line.band', vars);
      }
      case 'adjustment':
        return t('audit.line.adjustment', { adjustment: t(`audit.adjustment.${String(p.adjustment)}` as MessageKey), percent: Number(p.percent) });
      case 'outlets':
      case 'outlet-minimum':
        return t(`audit.line.${line.code}`, { outlets: Number(p.outlets), perOutletOnSite: Number(p.perOutletOnSite) });
      case 'rounding':
        return t('audit.line.rounding');
    }
  };
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The man-day computation line by line, adding up to the result, as the plan recorded it. */
export function ManDays({ manDays }: { manDays: AuditPlan['manDays'] }) {
  const { t } = usePrefs();
  const words = useLineWords();
  return (
    <div className="scroll-x" data-testid="man-days">
      <table>
        <caption>{t('audit.manDaysResult', { total: manDays.total, onSite: manDays.onSite, version: manDays.tableVersion })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.step')}</th>
            <th scope="col">{t('audit.total')}</th>
            <th scope="col">{t('audit.onSite')}</th>
          </tr>
        </thead>
        <tbody>
          {manDays.lines.map((line, i) => (
            <tr key={i}>
              <td>{words(line)}</td>
              <td>{signed(line.total)}</td>
              <td>{signed(line.onSite)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('audit.total')}</th>
            <td>{manDays.total}</td>
            <td>{manDays.onSite}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
