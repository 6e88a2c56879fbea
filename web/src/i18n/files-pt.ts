// Textos dos arquivos que os devedores enviam com as respostas (a foto de um comprovante, um PDF), na linha do tempo do caso.
export const filesPt = {
  'files.label': 'Arquivos enviados com a resposta',
  'files.photo': 'Foto enviada pelo devedor', 'files.pdf': 'PDF enviado pelo devedor',
  'files.open': 'Abrir {name}',
  'files.pending': 'Um arquivo está sendo baixado do provedor.',
  'files.refused': 'Um arquivo não foi guardado: grande demais, ou não é uma foto nem um PDF.',
  'files.failed': 'Não foi possível baixar um arquivo do provedor.',
};
