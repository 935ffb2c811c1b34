import type { Config } from '../../config';
import { isAudioType } from '../../engines/documents/sniffType';
import { hasPocketsphinx } from '../../engines/speech/local/hasPocketsphinx';

/** Why an upload cannot be processed here, decided at intake from its sniffed type and the settings. */
export interface IntakeRefusal {
  code: 'SpeechUnavailable';
  message: string;
}

/**
 * Refuses a recording when no speech engine can transcribe it: the offline engine is selected (no Azure Speech
 * settings) but pocketsphinx is not installed, as on an Azure deployment without Speech. Documents still pass.
 * Decided before the pipeline starts, so the user learns it at once instead of after a full download and decode.
 */
export function intakeRefusal(
  type: string,
  config: Config,
  offlineSpeech: () => boolean = () => hasPocketsphinx(),
): IntakeRefusal | undefined {
  if (!isAudioType(type) || config.engines.speech !== 'local' || offlineSpeech()) return undefined;
  return {
    code: 'SpeechUnavailable',
    message:
      'Audio needs a speech engine: configure Azure AI Speech (SPEECH_ENDPOINT or SPEECH_REGION), or install ' +
      'pocketsphinx for the offline engine. Text, VTT and PDF transcripts are accepted.',
  };
}
