/**
 * The Paved Road scorecard backend plugin.
 *
 * @packageDocumentation
 */

export { scorecardPlugin as default } from './plugin';
