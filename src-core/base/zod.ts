/**
 * zod for the engine: the tree-shakable `zod/mini` API (the classic one carries every method of
 * every schema into the app's first download), with the English messages that the classic API
 * loads by itself. Scenario validation reports these messages, so they are set here, once,
 * before any schema parses.
 */
import { z } from 'zod/mini';

z.config(z.locales.en());

export { z };
