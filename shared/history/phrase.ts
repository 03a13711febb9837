/**
 * A sentence as a translation key and its parameters, so shared code can say things in words
 * without knowing the language: the renderer translates it with i18next. A parameter may itself
 * be a phrase (a level label, "the rating of 2.3") or a list of them (joined per locale).
 */
export type PhraseParam = string | number | Phrase | readonly PhraseParam[];

export interface Phrase {
  key: string;
  params?: Readonly<Record<string, PhraseParam>>;
}

export function phrase(key: string, params?: Readonly<Record<string, PhraseParam>>): Phrase {
  return params ? { key, params } : { key };
}

export function isPhrase(param: PhraseParam): param is Phrase {
  return typeof param === 'object' && !Array.isArray(param);
}
