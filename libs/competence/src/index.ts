export * from './directory-people';
export * from './rules';
export { IMPARTIALITY_POLICY, StaffCompetence } from './staff-competence';
export * from './staff-projection';
