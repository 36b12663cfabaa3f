/**
 * Extension points and service refs for Paved Road DORA backend modules.
 *
 * @packageDocumentation
 */

export * from './doraServiceRef';
export * from './extensions';
export * from './createDoraProviderModule';
export * from './incidentAttributes';
export * from './isRevertMessage';
export * from './providers';
