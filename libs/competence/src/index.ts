export * from './rules';
export * from './staff-competence';
export * from './staff-projection';
