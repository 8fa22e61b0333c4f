/** The certificates service's complaint answers (libs/contracts views.ts), under the names the console's complaint pages use. */
export type {
  ComplaintInformationRequestView as InformationRequest,
  ComplaintHistoryEntryView as ComplaintHistoryEntry,
  ComplaintView as ComplaintCommon,
  StaffComplaintView as StaffComplaint,
  OpenComplaintView as OpenComplaintItem,
  ComplaintReceiptView as ComplaintReceipt,
  ComplaintTallyView as ComplaintTally,
} from '@gbt/contracts/views';

export const REJECTION_CODES = ['out-of-scope', 'not-after-sales-service', 'duplicate', 'no-certificate', 'insufficient-information'] as const;
export const OUTCOMES = ['unfounded', 'founded-corrective-action', 'founded-suspension'] as const;
