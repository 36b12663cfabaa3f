/**
 * The Paved Road DORA/SLO backend plugin.
 *
 * @packageDocumentation
 */

export { doraPlugin as default } from './plugin';
