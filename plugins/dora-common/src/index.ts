/**
 * Shared types and permissions of the Paved Road DORA/SLO plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
