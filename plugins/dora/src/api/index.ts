export * from './DoraApi';
export * from './DoraClient';
