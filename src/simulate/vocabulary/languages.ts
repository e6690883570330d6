// The languages and markets of the simulated platform, and the ten policies its violations cover
// (the ids of Vigil's default catalogue).

export const SIM_LANGUAGES = ['en', 'ar', 'es', 'zh'] as const;
export type SimLanguage = (typeof SIM_LANGUAGES)[number];

/** How the population splits by language. */
export const LANGUAGE_WEIGHTS: readonly (readonly [SimLanguage, number])[] = [
  ['en', 0.45],
  ['es', 0.22],
  ['zh', 0.18],
  ['ar', 0.15],
];

export const MARKETS: Readonly<Record<SimLanguage, readonly string[]>> = {
  en: ['US', 'GB', 'CA', 'AU', 'NG', 'IN'],
  ar: ['EG', 'SA', 'AE', 'MA', 'JO'],
  es: ['MX', 'ES', 'AR', 'CO', 'CL'],
  zh: ['CN', 'TW', 'SG', 'HK', 'MY'],
};

const CURRENCIES: Readonly<Record<string, string>> = {
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NG: 'NGN', IN: 'INR',
  EG: 'EGP', SA: 'SAR', AE: 'AED', MA: 'MAD', JO: 'JOD',
  MX: 'MXN', ES: 'EUR', AR: 'ARS', CO: 'COP', CL: 'CLP',
  CN: 'CNY', TW: 'TWD', SG: 'SGD', HK: 'HKD', MY: 'MYR',
};

export function currencyOf(market: string): string {
  return CURRENCIES[market] ?? 'USD';
}

export const SIM_POLICIES = ['hate', 'harassment', 'scam', 'adult', 'violence', 'self_harm', 'drugs', 'counterfeit', 'spam', 'minor_safety'] as const;
export type SimPolicy = (typeof SIM_POLICIES)[number];

/** One term or phrase per policy and language. */
export type TermTable = Readonly<Record<SimPolicy, Readonly<Record<SimLanguage, readonly string[]>>>>;
