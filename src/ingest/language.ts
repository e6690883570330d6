// Language detection for events that do not state a language: the `eld` n-gram detector (large model),
// trusted only when it calls its own answer reliable. Short or ambiguous text stays undetected.
import { eld } from 'eld';

export interface LanguageDetector {
  /** ISO 639-1 code (e.g. en, ar, es, zh), or undefined when the text does not tell reliably. */
  detect(text: string): string | undefined;
}

let loaded: Promise<void> | undefined;

export async function createLanguageDetector(): Promise<LanguageDetector> {
  loaded ??= Promise.resolve((eld as unknown as { load(size: string): Promise<unknown> }).load('large')).then(() => undefined);
  await loaded;
  return {
    detect(text: string) {
      const sample = text.length > 2000 ? text.slice(0, 2000) : text;
      if (sample.trim().length < 3) return undefined;
      const result = eld.detect(sample);
      return result.language && result.isReliable() ? result.language : undefined;
    },
  };
}
