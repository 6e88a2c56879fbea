// Textos das configurações das ligações que o devedor faz (Configurações · Canais e credenciais) e dos motivos de uma transferência perdida.
export const callsPt = {
  'cs.title': 'Ligações que o devedor faz',
  'cs.intro': 'Como uma ligação para o seu número confirma quem liga antes de dizer o saldo, e quanto tempo o telefone de uma pessoa toca quando quem liga pede para falar com alguém.',
  'cs.code_attempts': 'Códigos errados antes de anular o código', 'cs.code_minutes': 'Minutos para digitar o código', 'cs.ring_seconds': 'Segundos que o telefone da pessoa toca',
  'cs.range': 'De {min} a {max} (padrão {default}).',
  'cs.screen_seconds': 'Segundos que a pessoa tem para digitar 1', 'cs.speech_threshold': 'Confiança necessária no que é dito numa ligação',
  'cs.screen': 'Quando o telefone da pessoa atende, ela deve digitar 1 (o pedido é feito duas vezes) antes de a ligação ser transferida: uma caixa postal não consegue, então conta como ligação perdida com uma tarefa de retorno. O que é dito em qualquer ligação e reconhecido com confiança menor que a definida não é usado: o devedor ouve a pergunta de novo e depois uma pessoa assume.',
  'cs.machine_detection': 'Distinguir uma pessoa que não digitou 1 de uma caixa postal (detecção de secretária eletrônica da Twilio)',
  'cs.machine_detection_hint': 'A Twilio escuta o telefone que atende e diz se foi uma pessoa ou uma máquina; a Twilio cobra por ligação. Uma pessoa que atendeu mas não digitou 1 aparece assim na tarefa de retorno.',
  'cs.save': 'Salvar as configurações de ligações', 'cs.refused': '{field} não foi salvo: {message}',
  'tl.missed.voicemail': 'Transferida para uma pessoa e a caixa postal atendeu: retorne a ligação',
  'tl.missed.no_outcome': 'Transferida para uma pessoa e o cobro nunca soube se ela atendeu: retorne a ligação',
  'tl.missed.not_accepted': 'Transferida para uma pessoa que atendeu mas não digitou 1: retorne a ligação',
};
