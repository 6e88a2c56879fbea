// The words free-text opt-outs are made of, in English, Spanish and Portuguese, folded (no accents, "don't" as "do not").

/** One regular-expression alternative of the words given. */
export const alt = (...words: readonly string[]): string => `(?:${words.join('|')})`;

/**
 * Up to n repetitions of a piece, greedy, as `(?:piece){0,n}` would be. It is a capturing group on purpose: irregexp
 * unrolls a non-capturing group repeated at most three times into as many copies of its alternation (with FILL's hundred
 * words, some 10 to 40 ms of CPU to compile each phrase, in every process), but keeps a capturing one a loop. The match
 * is the same (nobody reads the group).
 */
export const upTo = (n: number, piece: string): string => `(${piece}){0,${n}}`;

/** Contact itself: calling, texting, writing, bothering, and the messages, calls and reminders it is made of. */
export const CONTACT = alt(
  'calls?', 'calling', 'phone calls', 'phoning', 'ringing', 'texts?', 'texting', 'text messages', 'messages?', 'messaging', 'msgs?', 'emails?',
  'emailing', 'e mails?', 'mails?', 'mailing', 'contact', 'contacting', 'communications?', 'communicating', 'writing', 'bothering', 'harassing',
  'harassment', 'pestering', 'spamming', 'spam', 'reminders?', 'notifications?', 'alerts?', 'robocalls?', 'voicemails?', 'letters?', 'whatsapps?',
  'sms', 'stuff',
  'llamar(?:me|nos)?', 'llamando(?:me)?', 'llamadas?', 'marcar(?:me)?', 'marcando(?:me)?', 'escribir(?:me|nos)?', 'escribiendo(?:me)?',
  'enviar(?:me|nos)?', 'enviando(?:me)?', 'mandar(?:me|nos)?', 'mandando(?:me)?', 'molestar(?:me|nos)?', 'molestando(?:me)?',
  'contactar(?:me|nos)?', 'contactando(?:me)?', 'contacto', 'buscar(?:me)?', 'acosar(?:me)?', 'acoso', 'hostigar(?:me)?', 'fastidiar(?:me)?',
  'mensajes?', 'mensajitos?', 'msjs?', 'correos?', 'notificaciones', 'notificacion', 'avisos?', 'recordatorios?', 'wsp', 'wasaps?', 'cartas?', 'visitas?',
  'ligar', 'ligando', 'ligacoes', 'ligacao', 'telefonar', 'telefonemas?', 'mensagens', 'mensagem', 'torpedos?', 'contatar', 'contato', 'contatos',
  'procurar', 'incomodar', 'perturbar', 'importunar', 'notificacoes', 'notificacao', 'lembretes?', 'zap', 'zapzap',
);

/** The nouns that make "No texts" or "no más llamadas" an opt-out on their own. */
export const CONTACT_NOUN = alt(
  'calls', 'phone calls', 'texts', 'text messages', 'messages', 'msgs', 'emails?', 'e mails?', 'mails', 'sms', 'correos?', 'llamadas?', 'whatsapps?',
  'contact', 'reminders', 'notifications', 'robocalls', 'mensajes', 'msjs', 'contacto', 'notificaciones', 'recordatorios', 'wsp', 'mensagens',
  'mensagem', 'ligacoes', 'contato', 'notificacoes', 'lembretes', 'zap', 'torpedos',
);

/** Words that may stand between a stop verb and what it stops ("stop sending me these messages", "parem com as mensagens"). */
export const FILL = alt(
  'me', 'us', 'my', 'the', 'these', 'those', 'this', 'that', 'your', 'all', 'any', 'of', 'with', 'to', 'you', 'guys', 'sending', 'send', 'receiving',
  'getting', 'from', 'so', 'many', 'constant', 'constantly', 'annoying', 'damn', 'fucking', 'freaking', 'stupid', 'automated', 'daily', 'endless',
  'and', 'de', 'con', 'nos', 'los', 'las', 'el', 'la', 'sus', 'tus', 'estos', 'estas', 'esos', 'esas', 'mas', 'todos', 'todas', 'todo', 'a', 'mi',
  'mis', 'ya', 'tanto', 'tantos', 'tantas', 'recibir', 'les', 'ustedes', 'y', 'com', 'as', 'os', 'o', 'essa', 'esse', 'essas', 'esses', 'este',
  'esta', 'suas', 'seus', 'mais', 'tudo', 'ficar', 'receber', 'dessas', 'desses', 'voces', 'e', 'tanta',
);

export const EN_STOP = alt('stop', 'quit', 'cease', 'halt', 'end', 'cancel', 'discontinue');

/** Spanish and Portuguese verbs of stopping, with the "de" they need ("dejar de", "parar de"). */
export const STOP_VERB = alt(
  'dejen de', 'deja de', 'dejes de', 'deje de', 'dejar de', 'dejo de', 'paren(?: de)?', 'pare(?: de)?', 'parar de', 'para de', 'paro de',
  'detengan', 'detenga', 'deten', 'detener', 'cesen', 'cese', 'suspendan', 'suspenda', 'suspender', 'cancelen', 'cancele', 'cancelar', 'cancela',
  'corten', 'basta de', 'basta con',
  'parem(?: de)?', 'deixem de', 'deixe de', 'deixa de', 'deixar de', 'deixo de', 'cancelem', 'suspendam', 'interrompam', 'cortem', 'chega de', 'basta com',
);

/** English contact verbs a negation forbids ("don't call me", "never text me again"), and what may follow them. */
export const EN_CONTACT_VERB = alt('call', 'text', 'email', 'e mail', 'message', 'contact', 'phone', 'ring', 'whatsapp', 'write to', 'write', 'bother',
  'harass', 'sms');
export const EN_CONTACT_OBJECT = `(?: (?:me|us|this number|my ${alt('phone', 'number', 'cell', 'mobile', 'work', 'job', 'house', 'home', 'family')})| again| anymore| any more|$)`;

/** Spanish contact verbs after "no me" ("no me escriban", "no me vuelvan a llamar"). */
export const ES_CONTACT_VERB = alt(
  'llamen', 'llames', 'llame', 'marquen', 'marques', 'marque', 'escriban', 'escribas', 'escriba', 'manden', 'mandes', 'mande', 'envien', 'envies',
  'envie', 'contacten', 'contactes', 'contacte', 'molesten', 'molestes', 'moleste', 'busquen', 'busques', 'busque', 'hablen', 'acosen', 'hostiguen',
  'llamar', 'marcar', 'escribir', 'mandar', 'enviar', 'contactar', 'molestar', 'buscar', 'llamando', 'escribiendo', 'mandando', 'enviando',
  'molestando', 'buscando',
);
/** The same without "me", which then needs "más" or a place after it ("no vuelvan a marcar a este número"). */
export const ES_PLAIN_VERB = alt('llamen', 'marquen', 'escriban', 'envien', 'manden', 'contacten', 'llamar', 'marcar', 'escribir', 'enviar', 'mandar', 'contactar');
export const ES_PLACE = alt('mas', 'nunca mas', 'a este numero', 'aqui', `a mi ${alt('celular', 'telefono', 'numero', 'trabajo', 'casa')}`);

/** Portuguese contact verbs after "não me" ("não me liguem", "não me mandem mais"). */
export const PT_CONTACT_VERB = alt(
  'ligue', 'liguem', 'ligar', 'ligando', 'mande', 'mandem', 'mandar', 'mandando', 'envie', 'enviem', 'enviar', 'enviando', 'contate', 'contatem',
  'contatar', 'contacte', 'contactem', 'procure', 'procurem', 'procurar', 'incomode', 'incomodem', 'incomodar', 'chame', 'chamem', 'perturbe',
  'perturbem', 'escreva', 'escrevam', 'escrever', 'liga mais', 'manda mais', 'envia mais',
);
export const PT_PLAIN_VERB = alt('liguem', 'ligue', 'mandem', 'mande', 'enviem', 'envie', 'escrevam', 'contatem', 'procurem', 'ligar', 'mandar', 'enviar', 'contatar');
export const PT_PLACE = alt('mais', 'nunca mais', 'nesse numero', 'neste numero', 'pra mim', 'para mim');

/**
 * What a removal removes: the person, or their own number, address or data. "Remove this number" is how a wrong person
 * answers (the agent's wrong_person), not the debtor revoking.
 */
export const ME_EN = `(?:me|us|my (?:phone |cell |mobile )?${alt('number', 'email', 'email address', 'e mail', 'contact info', 'contact information',
  'contact details', 'details', 'info', 'information', 'data', 'phone', 'cell')})`;
export const ME_ES = `(?:mi ${alt('numero', 'telefono', 'celular', 'cel', 'correo', 'email', 'mail', 'contacto', 'whatsapp', 'dato', 'datos')}|mis ${alt('datos', 'numeros', 'contactos')})`;
export const ME_PT = `(?:meu ${alt('numero', 'telefone', 'celular', 'cel', 'email', 'e mail', 'contato', 'whatsapp', 'zap', 'cadastro')}|meus ${alt('dados', 'contatos', 'numeros')})`;
export const LIST_ES = `de (?:la |su |sus |esta |esa |tu |vuestra )?${alt('lista', 'listas', 'base', 'base de datos', 'sistema', 'registros?', 'contactos', 'directorio',
  'mensajes', 'envios', 'notificaciones')}`;
export const LIST_PT = `${alt('da', 'de', 'dessa', 'desta', 'do', 'dos')} (?:sua |tua |vossa )?${alt('lista', 'base', 'sistema', 'contatos', 'mailing', 'mensagens', 'envios')}`;

/** Courtesy and filler words a clause may open or close with ("please no more emails", "no más mensajes x favor"). */
export const LEAD = alt('please', 'por favor', 'favor', 'ya', 'and', 'but', 'so', 'just', 'ok', 'okay', 'y', 'e', 'pero', 'hey', 'oi', 'hola', 'ola', 'now',
  'ahora', 'agora', 'seriously', 'already', 'again', 'thanks', 'gracias', 'obrigado', 'obrigada');
