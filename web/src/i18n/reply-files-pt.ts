// Textos dos limites dos arquivos que os devedores enviam com as respostas (Configurações · Canais e credenciais).
export const replyFilesPt = {
  'rf.title': 'Arquivos enviados com as respostas',
  'rf.intro': 'Fotos e PDFs que os devedores enviam como comprovante de pagamento, por WhatsApp, MMS ou e-mail: o maior que é guardado (um maior é recusado e isso aparece na resposta), e quanto tempo um download do WhatsApp ou do Twilio pode levar antes de ser tentado de novo mais tarde.',
  'rf.max_file_mb': 'Maior arquivo guardado (MB)', 'rf.fetch_timeout_seconds': 'Segundos que um download pode levar',
  'rf.save': 'Salvar os limites de arquivos',
};
