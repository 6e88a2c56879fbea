// Textos das configurações das ligações que o devedor faz (Configurações · Canais e credenciais) e dos motivos de uma transferência perdida.
export const callsPt = {
  'cs.title': 'Ligações que o devedor faz',
  'cs.intro': 'Como uma ligação para o seu número confirma quem liga antes de dizer o saldo, e quanto tempo o telefone de uma pessoa toca quando quem liga pede para falar com alguém.',
  'cs.code_attempts': 'Códigos errados antes de anular o código', 'cs.code_minutes': 'Minutos para digitar o código', 'cs.ring_seconds': 'Segundos que o telefone da pessoa toca',
  'cs.range': 'De {min} a {max} (padrão {default}).',
  'cs.screen': 'Quando o telefone da pessoa atende, ela deve digitar 1 antes de a ligação ser transferida: uma caixa postal não consegue, então conta como ligação perdida com uma tarefa de retorno.',
  'cs.save': 'Salvar as configurações de ligações', 'cs.refused': '{field} não foi salvo: {message}',
  'tl.missed.voicemail': 'Transferida para uma pessoa e a caixa postal atendeu: retorne a ligação',
  'tl.missed.no_outcome': 'Transferida para uma pessoa e o cobro nunca soube se ela atendeu: retorne a ligação',
};
