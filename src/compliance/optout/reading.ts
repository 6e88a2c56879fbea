// How a found phrase is judged: a stop word alone with courtesy, what may follow it, negations, subjects and questions.
import { LEAD, alt } from './words.ts';

/** A message, or a clause of one, that is nothing but a stop word and courtesy: "Stop!", "STOP ALL", "no más por favor", "Chega!". */
export const BARE_STOPS: ReadonlySet<string> = new Set([
  'stop', 'stop it', 'stop this', 'stop that', 'stop all', 'stop everything', 'stopall', 'quit', 'quit it', 'cease', 'cancel', 'end', 'unsubscribe',
  'unsub', 'optout', 'opt out', 'revoke', 'enough', 'baja', 'alto', 'parar', 'pare', 'parem', 'paren', 'parenle', 'detener', 'detengan',
  'detenganse', 'cancelar', 'basta', 'no mas', 'sair', 'descadastrar', 'chega', 'chega disso', 'pare com isso', 'parem com isso', 'para com isso',
]);
/** Words a bare stop may carry around it. */
export const COURTESY: ReadonlySet<string> = new Set([
  'please', 'por', 'favor', 'now', 'already', 'ok', 'okay', 'thanks', 'thank', 'you', 'gracias', 'obrigado', 'obrigada', 'ya', 'ja', 'agora',
  'ahora', 'right', 'just', 'immediately', 'inmediatamente', 'seriously', 'hey', 'hi', 'hello', 'hola', 'oi', 'ola', 'de', 'una', 'uma', 'vez',
]);

/** What follows a match and makes it about paying, not about contact: "don't text me the link", "stop the reminder fee". */
export const PAYMENT_AFTER = new RegExp(`^(?:${alt('me', 'us', 'nos', 'mi', 'meu', 'the', 'el', 'la', 'o', 'a', 'los', 'las', 'os', 'as', 'your', 'su', 'sus',
  'seu', 'sua', 'this', 'ese', 'esse', 'este', 'new', 'nuevo', 'novo', 'otro', 'outro', 'another', 'again', 'de nuevo', 'reminder', 'late')} )*${alt(
  'links?', 'liga', 'enlace', 'boletos?', 'pix', 'referencia', 'facturas?', 'faturas?', 'recibos?', 'comprobantes?', 'comprovantes?', 'codigo', 'invoices?',
  'receipts?', 'statements?', 'bill', 'cuenta', 'conta', 'qr', 'chave', 'clabe', 'fees?', 'charges?', 'cargos?', 'cobros?', 'taxas?', 'tarifas?', 'juros',
  'interest', 'intereses', 'multas?', 'payments?', 'pagos?', 'pagamentos?',
)}\\b`);

/** What follows a removal and makes it about a credit bureau, not contact: "remove me from the credit bureau", "tirem meu nome do SPC". */
export const BUREAU_AFTER = new RegExp(`^(?:${alt('from', 'of', 'de', 'del', 'da', 'do', 'dos', 'das', 'on', 'en', 'no', 'na', 'the', 'la', 'el', 'o', 'a', 'my',
  'mi', 'meu', 'los', 'las', 'os', 'as')} )*${alt('credit', 'buro', 'bureau', 'serasa', 'spc', 'infocorp', 'datacredito', 'veraz', 'equifax', 'experian',
  'transunion', 'cadastro', 'negativ[a-z]*', 'inadimplentes', 'morosos', 'boletin')}\\b`);

/** Words that turn what follows into its opposite; the words that may stand between ("don't want you guys to", "no quiero que"). */
export const NEGATORS: ReadonlySet<string> = new Set(['not', 'never', 'cannot', 'nunca', 'jamas', 'jamais', 'nem', 'ni', 'no', 'nao']);
export const LINKING: ReadonlySet<string> = new Set([
  'want', 'need', 'mean', 'plan', 'going', 'have', 'like', 'wish', 'ask', 'asking', 'asked', 'tell', 'telling', 'told', 'expect', 'trying', 'try',
  'you', 'guys', 'them', 'to', 'ever', 'really', 'please', 'que', 'quiero', 'quero', 'voy', 'vou', 'a', 'necesito', 'preciso', 'deseo', 'desejo',
  'me', 'se', 'pueden', 'podem', 'van', 'vao', 'vayan', 'ustedes', 'voces', 'do', 'does', 'did', 'will', 'would', 'should', 'could', 'pienso', 'penso',
]);
/** Subjects that make a negated contact verb a statement about someone ("you never call me back", "ele não me liga mais"). */
export const SUBJECTS: ReadonlySet<string> = new Set(['you', 'they', 'he', 'she', 'i', 'we', 'why', 'who', 'it', 'that', 'people', 'voce', 'ele', 'ela',
  'eles', 'elas']);

/** How a question asks us to do something ("can you stop texting me?", "¿cómo me doy de baja?", "podem parar de me ligar?"). */
export const REQUEST_OPENER = new RegExp(`^(?:${LEAD} )*${alt('can you', 'could you', 'would you', 'will you', 'can ya', 'please', 'por favor', 'me pueden',
  'me puede', 'me podrian', 'pueden', 'puede', 'podrian', 'podria', 'podrias', 'puedes', 'podem', 'pode', 'poderiam', 'poderia', 'da para', 'da pra',
  'how do i', 'how can i', 'how do we', 'how to', 'what do i do to', 'can i', 'could i', 'may i', 'como', 'puedo', 'posso',
  'why (?:will not|cannot|do not) you')}\\b`);
/** A question that asks what happens if: "will the calls stop if I pay?", "si pago, dejan de llamar?", "se eu pagar para de ligar?". */
export const CONDITIONAL = /\b(?:if|si|se eu|by paying|pagando|once i|when i|after i|despues de|depois de)\b/;
