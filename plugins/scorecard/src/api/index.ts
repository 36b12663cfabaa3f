export * from './ScorecardApi';
export * from './ScorecardClient';
