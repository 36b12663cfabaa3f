/**
 * Paved Road DORA backend module (work in progress).
 *
 * @packageDocumentation
 */

export {};
