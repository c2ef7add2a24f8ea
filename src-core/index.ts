/**
 * bootmap's engine: the public entry. The web app and the CLI import only from here.
 */
export * from './addr';
export * from './range';
export * from './e820';
export * from './cmdline';
export * from './crashkernel';
export * from './numa';
export * from './zones';
export * from './events';
export * from './scenario';
export * from './simulation';
export * from './simulate';
export * from './presets';
export * from './document';
export { MODELS, MODEL_IDS, modelById } from './models';
export { bitmapBitsAt, bitmapsAt, BitmapReplay, type BitmapState } from './state';
export { stressScenario, STRESS_PREFIX } from './stress';
