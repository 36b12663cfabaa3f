/**
 * Shared types and permissions of the Paved Road scorecard plugins.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './exemptions';
export * from './campaigns';
export * from './outcomes';
