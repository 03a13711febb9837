import type { TFunction } from 'i18next';
import { isPhrase, type Phrase, type PhraseParam } from '../../../shared/history/phrase';

/**
 * A phrase from shared code in the user's language: nested phrases translated first, lists
 * joined as the locale joins them ("A, B and C" / "A, B et C"), numbers written per locale.
 * `count` stays a number, so i18next picks the plural form.
 */
export function renderPhrase(t: TFunction, language: string, sentence: Phrase): string {
  const numbers = new Intl.NumberFormat(language);
  const list = new Intl.ListFormat(language, { type: 'conjunction' });
  const render = (param: PhraseParam): string => {
    if (typeof param === 'string') return param;
    if (typeof param === 'number') return numbers.format(param);
    if (isPhrase(param)) return renderPhrase(t, language, param);
    return list.format(param.map(render));
  };
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(sentence.params ?? {})) params[name] = name === 'count' && typeof value === 'number' ? value : render(value);
  return t(sentence.key, params);
}
