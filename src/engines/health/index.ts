import type { Config } from '../../config';
import { NonRetriableError } from '../../errors';
import { createAzureHealthEngine } from './azure-ta4h';
import type { HealthEngine } from './engine';
import { createLocalHealthEngine } from './local/engine';

export { assertContext } from './assertContext';
export type { HealthEngine } from './engine';
export { mergeAnalyses } from './mergeAnalyses';
export { planChunks } from './planChunks';

/** The health engine the settings select (`config.engines.language`). */
export function createHealthEngine(config: Config): HealthEngine {
  if (config.engines.language === 'azure') {
    const endpoint = config.settings.LANGUAGE_ENDPOINT;
    if (!endpoint)
      throw new NonRetriableError('InvalidSettings', 'LANGUAGE_ENDPOINT is required for the azure health engine');
    return createAzureHealthEngine({ endpoint, key: config.settings.LANGUAGE_KEY });
  }
  return createLocalHealthEngine();
}
