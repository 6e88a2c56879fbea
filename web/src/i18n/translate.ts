// Looking up UI text: a language's words with `{name}` filled in; a key the language lacks falls back to English, then to itself.
import { en, type Messages } from './en.ts';

type Vars = Record<string, string | number>;
export type Translate = (key: keyof Messages | (string & {}), vars?: Vars) => string;

export function translator(words: Messages): Translate {
  const messages: Record<string, string> = words;
  const fallback: Record<string, string> = en;
  return (key, vars) => {
    const text = messages[key] ?? fallback[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
