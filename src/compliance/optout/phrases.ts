// The free-text phrases that revoke contact (US-12) in English, Spanish and Portuguese, anchored on contact verbs and objects.
//
// Read on folded clauses (see text.ts): lower case, no accents, "don't" spelled "do not". A bare stop word inside a sentence
// ("I had to quit my job", "quando chega o boleto?") is never enough: a stop verb needs a contact object after it, a
// negation needs a contact verb, a removal needs "me" or my number, address or data.
import {
  CONTACT, CONTACT_NOUN, EN_CONTACT_OBJECT, EN_CONTACT_VERB, EN_STOP, ES_CONTACT_VERB, ES_PLACE, ES_PLAIN_VERB, FILL, LEAD, LIST_ES, LIST_PT,
  ME_EN, ME_ES, ME_PT, PT_CONTACT_VERB, PT_PLACE, PT_PLAIN_VERB, STOP_VERB, alt, upTo,
} from './words.ts';

export interface Phrase {
  re: RegExp;
  /** Not read when a negation leads up to it ("I don't want to unsubscribe", "no dejen de llamar", "não parem de mandar"). */
  negatable: boolean;
  /** A bare "no" negates it only when it is Spanish or Portuguese ("no dejen de"); English "no stop texting me" is still a stop. */
  english?: boolean;
  /** Not read after a subject: "you never call me back" and "ele não me liga mais" are complaints, not requests. */
  imperative?: boolean;
}

const phrase = (source: string, options: Omit<Phrase, 're'>): Phrase => ({ re: new RegExp(source), ...options });

export const PHRASES: readonly Phrase[] = [
  // "stop calling me", "stop sending me these messages", "dejen de mandarme whatsapp", "detengan los mensajes", "parem as mensagens"
  phrase(`\\b${EN_STOP} ${upTo(4, `${FILL} `)}${CONTACT}\\b`, { negatable: true, english: true }),
  phrase(`\\b${STOP_VERB} ${upTo(4, `${FILL} `)}${CONTACT}\\b`, { negatable: true }),
  // "stop sending these", "I want these messages to stop", "quiero que paren los mensajes" (above), "quero que as mensagens parem"
  phrase(`\\bstop sending(?: (?:me|us|these|this|those|that|stuff|things|them|it))*$`, { negatable: true, english: true }),
  phrase(`\\b(?:want|need) ${upTo(3, `${FILL} `)}${CONTACT} to (?:stop|end|cease)\\b`, { negatable: true, english: true }),
  phrase(`\\b(?:quiero|queremos|quero|queremos) que ${upTo(3, `${FILL} `)}${CONTACT} ${alt('paren', 'se detengan', 'terminen', 'dejen de llegar', 'parem', 'acabem',
    'deixem de chegar')}\\b`, { negatable: true }),
  // "don't ever text me again", "never contact me again", "do not send me any more messages" (the capturing "( ever)?" is
  // for the compiler, as upTo's in words.ts: an optional non-capturing group ahead of CONTACT made it several times dearer)
  phrase(`\\b(?:do not|never)(?: ever)?(?: again)? ${EN_CONTACT_VERB}${EN_CONTACT_OBJECT}`, { negatable: false, imperative: true }),
  phrase(`\\b(?:do not|never)( ever)? send (?:me|us) (?:any ?more|more|any|anything|${CONTACT})\\b`, { negatable: false, imperative: true }),
  // "no me escriban más", "no me vuelvan a llamar", "no vuelvan a marcar a este número", "favor de no enviar más correos"
  phrase(`\\bno me (?:vuelvan a |vuelvas a |vuelva a |sigan |sigas |siga )?${ES_CONTACT_VERB}\\b`, { negatable: false, imperative: true }),
  phrase(`\\bno (?:vuelvan a |sigan )?${ES_PLAIN_VERB} ${ES_PLACE}\\b`, { negatable: false, imperative: true }),
  phrase(`\\b(?:favor de|por favor|favor) no ${alt('llamar', 'marcar', 'escribir', 'enviar', 'mandar', 'contactar', 'llamen', 'marquen', 'escriban', 'envien',
    'manden', 'contacten')}\\b`, { negatable: false }),
  // "não me mandem mais mensagens", "não me liguem mais", "não liguem mais nesse número", "favor não enviar mais emails"
  phrase(`\\bnao me ${PT_CONTACT_VERB}\\b`, { negatable: false, imperative: true }),
  phrase(`\\bnao ${PT_PLAIN_VERB} ${PT_PLACE}\\b`, { negatable: false, imperative: true }),
  phrase(`\\b(?:favor|por favor) nao ${alt('enviar', 'mandar', 'ligar', 'contatar', 'escrever', 'liguem', 'mandem', 'enviem', 'escrevam')}\\b`, { negatable: false }),
  // "no more calls please", "Please no more emails", "no más mensajes", "chega de mensagem", "No texts"
  phrase(`^(?:${LEAD} )*${alt('no more', 'no mas', 'ya no mas', 'nada mas de', 'nunca mas', 'nao mais', 'sem mais', 'enough with', 'enough of', 'enough')} `
    + `${upTo(3, `${FILL} `)}${CONTACT}\\b`, { negatable: false }),
  phrase(`^(?:${LEAD} )*(?:no|nada de|sem) (?:more )?${CONTACT_NOUN}(?: (?:${LEAD}|at all))*$`, { negatable: false }),
  // "I do not want to receive any more messages", "no quiero recibir llamadas", "não quero mais receber mensagens"
  phrase(`\\b(?:do not|no longer|never) (?:want|wish|need|like)(?: to (?:receive|get|be getting|have))?`
    + `(?: ${alt('any', 'anymore', 'any more', 'more', 'these', 'those', 'your', 'the', 'all', 'of', 'further', 'additional', 'such', 'from you')})* ${CONTACT}\\b`,
  { negatable: false }),
  phrase(`\\b(?:do not|no longer) (?:want|wish) to be (?:contacted|called|texted|emailed|messaged|bothered)\\b`, { negatable: false }),
  phrase(`\\bno (?:quiero|queremos|deseo|necesito)(?: (?:mas|recibir|seguir recibiendo))*${upTo(2, ` ${FILL}`)} ${CONTACT}\\b`, { negatable: false }),
  phrase(`\\bno (?:quiero|deseo) que me (?:vuelvan a |sigan )?${alt('llamen', 'escriban', 'manden', 'envien', 'contacten', 'busquen', 'molesten', 'marquen',
    'llamar', 'escribir', 'contactar', 'molestar', 'buscar', 'marcar', 'llamando', 'escribiendo', 'mandando', 'enviando')}\\b`, { negatable: false }),
  phrase(`\\bno (?:quiero|deseo) ser (?:contactad|llamad|molestad)[oa]s?\\b`, { negatable: false }),
  phrase(`\\bnao (?:quero|queremos|desejo|preciso)(?: (?:mais|receber))*${upTo(2, ` ${FILL}`)} ${CONTACT}\\b`, { negatable: false }),
  phrase(`\\bnao (?:quero|desejo) que (?:me )?(?:voces )?${alt('entrem', 'entre', 'liguem', 'mandem', 'enviem', 'contatem', 'procurem', 'incomodem')}\\b`,
    { negatable: false }),
  phrase(`\\b${alt('leave (?:me|us) alone', '(?:dejenme|dejame|dejeme|me dejen|me dejes|me deje) en paz',
    '(?:me deixem|me deixe|me deixa|deixem me|deixa me|deixe me) em paz', 'cease and desist', 'do not call list', 'dnc list')}\\b`, { negatable: false }),
  // "unsubscribe me", "opt me out", "remove me", "take my number off your list", "revoke my consent"
  phrase(`\\b${alt('unsubscribe', 'unsub', 'opt (?:me |us )?out', 'optout', `(?:remove|delete|erase) ${ME_EN}`, `take ${ME_EN} off`,
    '(?:revoke|withdraw|revoking|withdrawing) (?:my |all )?(?:consent|permission|authorization|authorisation)')}\\b`, { negatable: true, english: true }),
  // "quiten mi número de su lista", "sáquenme de su lista", "me doy de baja", "quiero la baja"
  phrase(`\\b${alt('quiten', 'quite', 'quitar', 'saquen', 'saque', 'sacar', 'borren', 'borre', 'borrar', 'eliminen', 'elimine', 'eliminar', 'remuevan',
    'retiren', 'retire', 'den de baja', 'dar de baja', 'de de baja')} ${ME_ES}`, { negatable: true }),
  phrase(`\\b${alt('quitenme', 'quitame', 'quiteme', 'saquenme', 'sacame', 'saqueme', 'borrenme', 'borrame', 'eliminenme', 'eliminame', 'quitarme',
    'sacarme', 'borrarme', 'eliminarme', 'me quiten', 'me saquen', 'me borren', 'me eliminen')} ${LIST_ES}\\b`, { negatable: true }),
  phrase(`\\b${alt('(?:darme|me doy|denme|me den|me quiero dar|dame|me das|me dan|darnos|nos damos) de baja', '(?:quiero|solicito|pido|deseo) (?:la|mi|su) baja',
    'baja de (?:la lista|los mensajes|estos mensajes|sus mensajes|las notificaciones|su lista)')}\\b`, { negatable: true }),
  phrase(`\\b(?:revoco|retiro) (?:mi |el )?(?:consentimiento|autorizacion|permiso)\\b`, { negatable: true }),
  // "me tirem da lista", "tirem meu número da lista", "apaguem meus dados", "quero me descadastrar", "sair da lista"
  phrase(`\\b${alt('tira', 'tire', 'tirem', 'tirar', 'remove', 'remova', 'removam', 'remover', 'exclua', 'excluam', 'excluir', 'apague', 'apaguem', 'apagar',
    'delete', 'deletem', 'deletar', 'retire', 'retirem', 'retirar')}(?: me)?(?: ${ME_PT})? ${LIST_PT}\\b`, { negatable: true }),
  phrase(`\\b${alt('tira', 'tire', 'tirem', 'remova', 'removam', 'exclua', 'excluam', 'apague', 'apaguem', 'delete', 'deletem', 'apagar', 'excluir',
    'remover', 'tirar', 'deletar')} ${ME_PT}`, { negatable: true }),
  phrase(`\\b${alt('descadastr[a-z]*', 'sair (?:da|dessa|desta|de sua|da sua) lista',
    'quero sair (?:da|dessa|desta|dos|das|desses|dessas) (?:lista|mensagens|envios|notificacoes|contatos)', 'cancelar (?:minha |a )?inscricao',
    'revog[oa] (?:meu |o )?(?:consentimento|autorizacao)')}\\b`, { negatable: true }),
];

