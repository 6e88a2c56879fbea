// The words of the task that asks the merchant to act in PayPal on a payment PayPal holds for it (pure): what to do there
// for PayPal's reason (accept the payment, set up or verify the account), the amount and the wait's end; and the outcome
// that completes it. In the org's language (en, es, pt-BR), numbers in its locale, as a gateway dispute's task.
import { amountText, type NoteLanguage, type Wording } from './gateway-dispute-text.ts';

/** What the merchant must do in PayPal: accept the payment, accept or deny a withdrawal, set up or verify its account. */
export type MerchantAction = 'accept' | 'withdrawal' | 'unilateral' | 'verify' | 'account';

const BY_REASON: Readonly<Record<string, MerchantAction>> = {
  RECEIVING_PREFERENCE_MANDATES_MANUAL_ACTION: 'accept', INTERNATIONAL_WITHDRAWAL: 'withdrawal', UNILATERAL: 'unilateral', VERIFICATION_REQUIRED: 'verify',
};
const BY_METHOD: Readonly<Record<string, MerchantAction>> = { paypal_merchant_accept: 'accept', paypal_merchant_account: 'account' };

/** The merchant's action a pending hold waits on (by PayPal's reason, else by the hold's method), or null when it waits on none. */
export function merchantAction(method: string, reason: string | undefined): MerchantAction | null {
  if (!BY_METHOD[method]) return null;
  return (reason ? BY_REASON[reason] : undefined) ?? BY_METHOD[method]!;
}

/** What the note says: the capture, the link, the amount (minor units), PayPal's reason and the hold's last day. */
export interface AcceptParts { capture: string; link: string; amount: number; currency: string; reason: string | null; until: string }
export type AcceptEnd = 'paid' | 'failed' | 'ran_out';

interface Words {
  head: (amount: string, capture: string, link: string, reason: string) => string;
  todo: Record<MerchantAction, string>;
  tail: (until: string) => string;
  end: Record<AcceptEnd, (capture: string, until: string) => string>;
}

const WORDS: Record<NoteLanguage, Words> = {
  en: {
    head: (a, c, l, r) => `PayPal holds a payment of ${a} from this customer (capture ${c}, payment link ${l}) until you act in PayPal${r}.`,
    todo: {
      accept: 'Accept the payment in PayPal: your receiving preferences (such as payments in a currency your account does not hold) ask you to accept it by hand (Activity, the payment, Accept).',
      withdrawal: 'Accept or deny the payment in PayPal: it is an international payment your account must accept by hand (Activity, the payment).',
      unilateral: 'Set up PayPal to receive it: the payment went to an email address not yet confirmed on your PayPal account; add and confirm that address there, then accept the payment.',
      verify: 'Verify your PayPal account: PayPal releases the payment once the account is verified.',
      account: 'Set up or verify your PayPal account so it can receive the payment, then accept it.',
    },
    tail: (u) => `PayPal cancels a payment not accepted within 30 days and returns it to the payer; reminders are held until PayPal completes or cancels it, at most until ${u}.`,
    end: {
      paid: (c) => `PayPal completed the payment (capture ${c}): it is recorded`,
      failed: (c) => `PayPal did not complete the payment (capture ${c}): it declined or denied it; reminders resume`,
      ran_out: (c, u) => `PayPal had not completed the payment (capture ${c}) by ${u}: the wait ended and reminders resume`,
    },
  },
  es: {
    head: (a, c, l, r) => `PayPal retiene un pago de ${a} de este cliente (captura ${c}, enlace de pago ${l}) hasta que usted actúe en PayPal${r}.`,
    todo: {
      accept: 'Acepte el pago en PayPal: sus preferencias de recepción (como los pagos en una moneda que su cuenta no tiene) piden aceptarlo a mano (Actividad, el pago, Aceptar).',
      withdrawal: 'Acepte o rechace el pago en PayPal: es un pago internacional que su cuenta debe aceptar a mano (Actividad, el pago).',
      unilateral: 'Prepare PayPal para recibirlo: el pago se envió a un correo aún no confirmado en su cuenta de PayPal; agréguelo y confírmelo allí, y luego acepte el pago.',
      verify: 'Verifique su cuenta de PayPal: PayPal libera el pago una vez verificada la cuenta.',
      account: 'Configure o verifique su cuenta de PayPal para que pueda recibir el pago, y luego acéptelo.',
    },
    tail: (u) => `PayPal cancela un pago no aceptado en 30 días y lo devuelve al pagador; los recordatorios quedan en pausa hasta que PayPal lo complete o lo cancele, como mucho hasta el ${u}.`,
    end: {
      paid: (c) => `PayPal completó el pago (captura ${c}): queda registrado`,
      failed: (c) => `PayPal no completó el pago (captura ${c}): lo rechazó o lo denegó; los recordatorios se reanudan`,
      ran_out: (c, u) => `PayPal no había completado el pago (captura ${c}) al ${u}: la espera terminó y los recordatorios se reanudan`,
    },
  },
  'pt-BR': {
    head: (a, c, l, r) => `O PayPal retém um pagamento de ${a} deste cliente (captura ${c}, link de pagamento ${l}) até que você aja no PayPal${r}.`,
    todo: {
      accept: 'Aceite o pagamento no PayPal: suas preferências de recebimento (como pagamentos em uma moeda que sua conta não tem) pedem que ele seja aceito manualmente (Atividade, o pagamento, Aceitar).',
      withdrawal: 'Aceite ou recuse o pagamento no PayPal: é um pagamento internacional que sua conta deve aceitar manualmente (Atividade, o pagamento).',
      unilateral: 'Prepare o PayPal para recebê-lo: o pagamento foi enviado a um e-mail ainda não confirmado na sua conta PayPal; adicione e confirme esse e-mail lá e depois aceite o pagamento.',
      verify: 'Verifique sua conta PayPal: o PayPal libera o pagamento assim que a conta for verificada.',
      account: 'Configure ou verifique sua conta PayPal para que ela possa receber o pagamento e depois aceite-o.',
    },
    tail: (u) => `O PayPal cancela um pagamento não aceito em 30 dias e o devolve ao pagador; os lembretes ficam suspensos até o PayPal concluí-lo ou cancelá-lo, no máximo até ${u}.`,
    end: {
      paid: (c) => `O PayPal concluiu o pagamento (captura ${c}): ele está registrado`,
      failed: (c) => `O PayPal não concluiu o pagamento (captura ${c}): recusou-o ou negou-o; os lembretes são retomados`,
      ran_out: (c, u) => `O PayPal não havia concluído o pagamento (captura ${c}) até ${u}: a espera terminou e os lembretes são retomados`,
    },
  },
};

/** A calendar date as the note says it: English keeps the ISO date; Spanish and Portuguese the long date in their locale. */
function dayText(w: Wording, day: string): string {
  if (w.language === 'en') return day;
  return new Intl.DateTimeFormat(w.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
}

/** The task's note: what PayPal holds, what to do there, and until when reminders wait. */
export function acceptNote(w: Wording, action: MerchantAction, p: AcceptParts): string {
  const words = WORDS[w.language];
  const head = words.head(amountText(p.amount, p.currency, w.locale), p.capture, p.link, p.reason ? ` (${p.reason})` : '');
  return `${head} ${words.todo[action]} ${words.tail(dayText(w, p.until))}`;
}

/** The outcome the task is completed with: the payment completed, declined or denied, or the wait run out. */
export function acceptOutcome(w: Wording, end: AcceptEnd, capture: string, until: string): string {
  return WORDS[w.language].end[end](capture, dayText(w, until));
}
