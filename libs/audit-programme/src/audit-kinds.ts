/**
 * The audits of a three-year certification programme (ISO/IEC 17065 7.9, GB/T 27922 practice):
 * the initial audit, a surveillance in each of the two following years, and the recertification
 * before the certificate expires.
 */
export const AUDIT_KINDS = ['initial', 'surveillance-1', 'surveillance-2', 'recertification'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** The column of the man-day table and the sampling factor an audit uses: both surveillances alike. */
export const AUDIT_STAGES = ['initial', 'surveillance', 'recertification'] as const;
export type AuditStage = (typeof AUDIT_STAGES)[number];

export const stageOf = (kind: AuditKind): AuditStage => (kind === 'surveillance-1' || kind === 'surveillance-2' ? 'surveillance' : kind);

/** How the audit is carried out. */
export const AUDIT_MODES = ['on-site', 'remote', 'combined'] as const;
export type AuditMode = (typeof AUDIT_MODES)[number];

/**
 * The audit mode codes of the CNCA monthly report (notice 市监认证(司)函〔2021〕102号): FS01 on-site,
 * FS02 remote, FS03 combined. Stored plans keep the readable mode; reports map it here.
 */
export const CNCA_AUDIT_MODE_CODES = { 'on-site': 'FS01', remote: 'FS02', combined: 'FS03' } as const satisfies Record<AuditMode, string>;

/**
 * Roles in an audit team. Auditors (the lead and members) carry the on-site effort; technical
 * experts and observers accompany them and are not counted towards it.
 */
export const TEAM_ROLES = ['lead-auditor', 'auditor', 'technical-expert', 'observer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const AUDITOR_ROLES: readonly TeamRole[] = ['lead-auditor', 'auditor'];
