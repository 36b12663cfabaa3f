/**
 * Shared types and permissions of the Paved Road DORA/SLO plugins.
 *
 * @packageDocumentation
 */

export * from './events';
export * from './incidents';
export * from './metrics';
export * from './outcomes';
export * from './permissions';
export * from './slos';
export * from './tiers';
export * from './types';
