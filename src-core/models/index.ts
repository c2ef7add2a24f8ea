/** The model registry, oldest first: ids are part of the CLI contract. */
import type { Model } from '../output/simulation';
import { bootmem2623 } from './bootmem-2.6.23';
import { bootmem2624 } from './bootmem-2.6.24';
import { bootmemExclusive2627 } from './bootmem-exclusive-2.6.27';
import { earlyRes2633 } from './early-res-2.6.33';
import { nobootmem2634 } from './nobootmem-2.6.34';
import { memblock61 } from './memblock-6.1/model';

export const MODELS: Model[] = [
  bootmem2623,
  bootmem2624,
  bootmemExclusive2627,
  earlyRes2633,
  nobootmem2634,
  memblock61,
];

export const MODEL_IDS = MODELS.map((m) => m.id);

export function modelById(id: string): Model | undefined {
  return MODELS.find((m) => m.id === id);
}
