// Text of the bank transfer settings card in English, Spanish and Portuguese (kept with the card, complete in each).
import type { Language } from '../../i18n/index.tsx';
import { transferSettingsEn, type TransferTexts } from './texts-en.ts';
import { transferSettingsEs } from './texts-es.ts';
import { transferSettingsPt } from './texts-pt.ts';

export type { TransferTexts };
export const TRANSFER_SETTINGS_TEXTS: Record<Language, TransferTexts> = { en: transferSettingsEn, es: transferSettingsEs, pt: transferSettingsPt };
