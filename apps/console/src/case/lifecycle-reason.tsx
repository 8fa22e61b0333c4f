import { lifecycleReason } from '@gbt/reason-codes';
import { useReasonText } from '../certificate-text';
import { usePrefs } from '../i18n';

/** Why, as the case page and the timeline show it. */
export interface ReasonWords {
  readonly text: string;
  /** A person's reason, shown as written (it is not translated), and labelled so. */
  readonly ownWords: boolean;
}

type Reasoned = { readonly reason?: unknown; readonly reasonCode?: unknown; readonly reasonParams?: unknown };

/**
 * A lifecycle reason (of a fact, or of the case) in the reader's language: the lifecycle's code in
 * words, a person's words inside it (`detail`) quoted as written; without a code, what a person
 * wrote, as written. Facts stored before the lifecycle wrote codes show their sentence as written.
 */
export function useLifecycleReason(): (data: Reasoned) => ReasonWords {
  const { t } = usePrefs();
  const reasonText = useReasonText();
  return (data) => {
    const coded = lifecycleReason(data);
    if (!coded) return { text: typeof data.reason === 'string' ? data.reason : '', ownWords: true };
    const { detail, ...params } = coded.params;
    return { text: reasonText(coded.code, detail === undefined ? params : { ...params, detail: t('case.ownWords', { text: detail }) }), ownWords: false };
  };
}
