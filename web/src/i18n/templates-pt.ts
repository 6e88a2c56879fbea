// Textos da página onde uma organização escreve sua própria redação dos modelos incluídos.
import type { templatesEn } from './templates-en.ts';

export const templatesPt: Record<keyof typeof templatesEn, string> = {
  'set.nav.templates': 'Modelos',
  'set.tpl.title': 'Seus próprios textos de modelo', 'set.tpl.intro': 'Substitua o texto de um modelo incluído para um canal, tom e idioma. O cobro mantém em volta a saudação, o encerramento, o rodapé com o link de descadastro, a saída por SMS e os avisos que a lei exige. Um texto só é salvo se passar nas verificações de modelos.',
  'set.tpl.template': 'Modelo', 'set.tpl.channel': 'Canal', 'set.tpl.tone': 'Tom', 'set.tpl.ownId': 'Ou um modelo próprio (id org-...)', 'set.tpl.anyTone': 'qualquer (todo tom sem texto próprio)', 'set.tpl.language': 'Idioma',
  'set.tpl.subject': 'Assunto', 'set.tpl.body': 'Texto', 'set.tpl.whatsappName': 'Nome do modelo aprovado do WhatsApp', 'set.tpl.save': 'Salvar texto',
  'set.tpl.saved': 'Salvo, versão {version}.', 'set.tpl.refused': 'Não salvo ({field}): {message}', 'set.tpl.warning': 'Aviso: {warning}',
  'set.tpl.list': 'Seus textos', 'set.tpl.version': 'Versão', 'set.tpl.remove': 'Remover', 'set.tpl.edit': 'Editar',
  'set.tpl.removeConfirm': 'Remover seu texto de {template} ({channel}, {tone}, {language})? O texto incluído volta a ser usado.',
  'set.tpl.pv.title': 'Pré-visualização', 'set.tpl.pv.for': 'Pré-visualizar para', 'set.tpl.pv.sample': 'Devedor de exemplo', 'set.tpl.pv.empty': 'Digite um texto para vê-lo aqui.',
  'set.tpl.pv.refused': 'Não seria salvo ({field}):', 'set.tpl.pv.cannot': 'Este texto ainda não pode ser exibido.', 'set.tpl.pv.emailFrame': 'Pré-visualização do e-mail',
  'set.tpl.pv.segments': '{segments} segmento(s), {encoding}, {units} unidades', 'set.tpl.pv.waTemplate': 'Modelo aprovado {name} ({language}), parâmetros:',
  'set.tpl.pv.problems': 'Bloqueado no envio para este cliente: {list}',
  'sf.title': 'Acentos nos SMS',
  'sf.intro': 'Uma única letra que o GSM-7 não tem (á, í, ó, ú, ã, ç ...) faz o SMS inteiro ir em UCS-2, 67 caracteres por segmento em vez de 153, e cada segmento é cobrado. Todos os SMS que o cobro envia (lembretes, seus próprios textos, confirmações, respostas do assistente) seguem esta opção; WhatsApp e e-mail mantêm sempre os acentos.',
  'sf.auto': 'Tirar os acentos quando isso economiza segmentos', 'sf.auto.hint': '"não" é enviado como "nao", também nos nomes do devedor e da sua empresa; ñ e é ficam (o GSM-7 os tem). Um texto com emoji mantém tudo.',
  'sf.never': 'Manter sempre os acentos', 'sf.never.hint': 'SMS em espanhol e português vão em UCS-2 e podem ocupar mais segmentos (e custar mais); a linha de transferência bancária fica de fora quando passaria um SMS de três segmentos.',
  'sf.default': '(padrão)', 'sf.save': 'Salvar opção de SMS', 'sf.refused': 'Não foi salvo: {message}',
};
