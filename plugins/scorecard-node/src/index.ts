/**
 * Extension points and service refs for Paved Road scorecard backend modules.
 *
 * @packageDocumentation
 */

export * from './extensions';
