export * from './scoring-model';
export * from './score';
export { scoringInputProblems } from './check-scoring-input';
