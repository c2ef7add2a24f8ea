/**
 * Run alone by the engine bench: simulates the 64 TiB / 64-node machine under memblock-6.1
 * once and prints the process's peak resident memory in KiB.
 */
import { serverScenario, simulate } from '../src-core';

const r = simulate(serverScenario(65536, 64, 'memblock-6.1'), 'memblock-6.1');
if (!r.ok) throw new Error(r.error);
console.log(process.resourceUsage().maxRSS);
