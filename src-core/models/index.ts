/** The model registry: ids are part of the CLI contract. */
import type { Model } from '../simulation';
import { bootmem2623 } from './bootmem-2.6.23';
import { memblock61 } from './memblock-6.1';

export const MODELS: Model[] = [bootmem2623, memblock61];

export const MODEL_IDS = MODELS.map((m) => m.id);

export function modelById(id: string): Model | undefined {
  return MODELS.find((m) => m.id === id);
}
