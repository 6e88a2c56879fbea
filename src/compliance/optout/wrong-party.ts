// A reply from someone who is not the debtor: "wrong number", "remove this number", "no soy Ana", "número errado". What it
// stops is that address, for the person who answered, not the debtor's consent on their other channels.
import { sentences, type Sentence } from './text.ts';
import { alt } from './words.ts';

const LEAD = `(?:${alt('hi', 'hello', 'hey', 'sorry', 'no', 'nope', 'hola', 'oi', 'ola', 'perdon', 'disculpe', 'desculpa', 'desculpe', 'oiga', 'opa', 'ok',
  'please', 'por favor', 'but', 'pero', 'mas', 'um', 'uh', 'who', 'quien', 'quem', 'sir', 'senor', 'senhor', 'lol', 'ummm')} )*`;

/** Phrases that say the message reached the wrong person, anywhere in a sentence. */
const PHRASES: readonly RegExp[] = [
  new RegExp(`\\b${alt('wrong number', 'wrong person', 'wrong guy', 'wrong girl', 'wrong people', 'numero equivocado', 'numero incorrecto',
    'persona equivocada', 'numero errado', 'pessoa errada', 'titular errado', 'titular equivocado')}\\b`),
  new RegExp(`\\b${alt('remove', 'delete', 'erase', 'take', 'drop', 'borren', 'borre', 'eliminen', 'elimine', 'quiten', 'quite', 'saquen', 'apaguem', 'apague',
    'removam', 'remova', 'tirem', 'tire', 'excluam', 'exclua')} ${alt('this', 'that', 'the', 'este', 'ese', 'esse', 'este', 'o')} (?:phone |cell )?${alt('number', 'numero', 'email', 'correo', 'e mail')}\\b`),
  new RegExp(`\\bse ${alt('equivoco', 'equivocaron', 'equivocan')} de ${alt('numero', 'persona')}\\b|\\b${alt('errou', 'erraram', 'errando')} (?:o numero|a pessoa|de pessoa|de numero)\\b`),
  new RegExp(`\\b(?:i|we) (?:do not|never) know (?:${alt('him', 'her', 'them', 'this person', 'that person', 'who that is', 'who this is', 'anyone')})\\b`
    + `|\\bno one (?:by|with|named|called) (?:that|this) name\\b|\\bnever heard of\\b|\\b(?:does not|do not|no longer) (?:live|lives) here\\b`
    + `|\\bnot (?:his|her|their) (?:number|phone|email)\\b|\\bthis is not (?:his|her|their|the) (?:number|phone|email)\\b`),
  new RegExp(`\\bno conozco a (?:${alt('nadie', 'esa persona', 'ese senor', 'esa senora', 'ningun', 'ninguna')})\\b|\\bno (?:vive|viven) aqui\\b`
    + `|\\bno es (?:el|su) (?:numero|correo|telefono) de\\b|\\bno soy (?:esa persona|la persona|el titular|la titular|quien|a quien|yo)\\b`
    + `|\\bme confunden con otra persona\\b|\\bnadie (?:se llama asi|con ese nombre)\\b|\\bya no (?:usa|es su) (?:este |ese )?numero\\b`),
  new RegExp(`\\bnao conheco (?:${alt('ninguem', 'essa pessoa', 'esse senhor', 'essa senhora', 'nenhum', 'nenhuma')})\\b|\\bnao mora (?:mais )?aqui\\b`
    + `|\\bnao e (?:o|do|da) (?:numero|email|telefone) d|\\bnao sou (?:essa pessoa|a pessoa|o titular|a titular|quem|eu)\\b`
    + `|\\bme confundindo com outra pessoa\\b|\\bninguem com esse nome\\b|\\b(?:e|foi) engano\\b|\\bnao usa mais (?:esse |este )?numero\\b`),
  new RegExp(`^${LEAD}(?:engano|equivocado|equivocada|wrong)$`),
];

/** Said before "wrong number" of a payment: "I sent it to the wrong number", "transferi pro número errado". */
const PAID_BEFORE = new RegExp(`\\b${alt('pa(?:y|id|ying)', 'payment', 'money', 'transferr?ed', 'transfer', 'typed', 'entered', 'deposited',
  'pague', 'pago', 'pagar', 'dinero', 'dinheiro', 'pagamento', 'transferi', 'deposite', 'digite', 'puse', 'paguei', 'depositei', 'digitei', 'coloquei',
  'cuenta', 'conta', 'account', 'pix', 'clabe', 'referencia', 'reference')}\\b`);

/** What may follow "I am not" or "no soy" and is no name: "I am not paying", "no soy responsable", "não sou obrigado". */
const NOT_A_NAME: ReadonlySet<string> = new Set([
  'paying', 'going', 'sure', 'able', 'interested', 'happy', 'ok', 'okay', 'working', 'ready', 'rich', 'responsible', 'the', 'a', 'an', 'liable',
  'aware', 'afraid', 'home', 'here', 'there', 'available', 'employed', 'well', 'good', 'fine', 'done', 'kidding', 'joking', 'lying', 'it', 'that',
  'your', 'a', 'in', 'at', 'from', 'obligated', 'refusing', 'trying', 'scared', 'stupid', 'dumb', 'crazy', 'allowed', 'authorized', 'agreeing',
  'responsable', 'culpable', 'capaz', 'rico', 'rica', 'tonto', 'tonta', 'idiota', 'de', 'un', 'una', 'el', 'la', 'tu', 'su', 'cliente', 'deudor',
  'deudora', 'moroso', 'morosa', 'millonario', 'mentiroso', 'mentirosa', 'ladron', 'ladrona', 'tan', 'muy', 'asi', 'nadie', 'ese', 'esa',
  'responsavel', 'obrigado', 'obrigada', 'culpado', 'culpada', 'rico', 'burro', 'burra', 'o', 'um', 'uma', 'seu', 'sua', 'caloteiro', 'caloteira',
  'devedor', 'devedora', 'tao', 'muito', 'assim', 'ninguem', 'daqui', 'aqui', 'mais', 'more', 'anymore', 'yet', 'even',
]);

/**
 * "I am not Ana", "no soy María Pérez", "eu não sou o João": one or two names and nothing else. Said in the first person only:
 * "this is not correct", "this is not my debt" dispute the debt.
 */
const NOT_NAMED = /^(?:(?:hi|hello|hey|sorry|hola|oi|ola|perdon|desculpa|desculpe|no|nope) )*(?:i am not|i m not|im not|yo no soy|no soy|eu nao sou|nao sou) (?:(?:el|la|o|a|senor|senora|senhor|senhora|sr|sra|mr|mrs|ms) )?([a-z]{2,})(?: ([a-z]{2,}))?$/;

function notNamed(clause: string): WrongParty | undefined {
  const m = NOT_NAMED.exec(clause);
  if (!m) return undefined;
  const names = [m[1]!, ...(m[2] ? [m[2]] : [])];
  return names.some((n) => NOT_A_NAME.has(n) || /ing$/.test(n)) ? undefined : { matched: m[0], name: names };
}

/** What says the message reached the wrong person, folded, and the name it says is not the sender's ("no soy Ana"), if that is how. */
export interface WrongParty { matched: string; name?: readonly string[] }

/** A cheap first look: a message with none of these (accents aside) says nothing of the kind. */
const MAY_SAY_WRONG = /wrong|n[uú]mero|number|equivoc|errad|err(?:ou|aram|ando)|engano|cono[zc]|conhe[cç]|know|heard|name|nombre|vive|mora|soy|sou|am not|i'?m not|his|her|their|confund|titular|email|correo|e-mail/;

/** What in a message says it reached the wrong person, or undefined. Questions count too ("wrong number?"). */
export function findWrongParty(message: string, split: () => readonly Sentence[] = () => sentences(message)): WrongParty | undefined {
  if (!MAY_SAY_WRONG.test(message.toLowerCase())) return undefined;
  // a phrase anywhere ("no soy Pedro. Número equivocado") says more than a name, which the caller may check against the debtor's
  let named: WrongParty | undefined;
  for (const s of split()) {
    for (const re of PHRASES) {
      const m = re.exec(s.text);
      if (m && !PAID_BEFORE.test(s.text.slice(0, m.index))) return { matched: m[0] };
    }
    for (const clause of s.clauses) named ??= notNamed(clause);
  }
  return named;
}
