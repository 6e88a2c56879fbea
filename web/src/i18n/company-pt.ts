// Texto do cartão de identidade da empresa (endereço, CNPJ/CPF e logotipo no extrato).
export const companyPt = {
  'co.title': 'Empresa nos extratos',
  'co.intro': 'O extrato de conta do devedor (PDF e página para impressão) identifica sua empresa com este endereço e CNPJ/CPF, com o logotipo no cabeçalho; os rodapés dos e-mails também mostram o endereço e o CNPJ/CPF.',
  'co.address': 'Endereço da empresa', 'co.taxId': 'CNPJ/CPF', 'co.saved': 'Os dados da empresa foram salvos.',
  'co.logo': 'Logotipo', 'co.logoAlt': 'O logotipo da organização', 'co.noLogo': 'Ainda sem logotipo: os extratos mostram apenas o nome da empresa.',
  'co.logoIs': '{type}, {width}×{height} pixels, {kb} KB', 'co.upload': 'Enviar um logotipo (PNG ou JPEG, até 512 KB)',
  'co.replace': 'Substituir o logotipo (PNG ou JPEG, até 512 KB)', 'co.remove': 'Remover o logotipo', 'co.logoSet': 'O logotipo foi salvo.', 'co.logoRemoved': 'O logotipo foi removido.',
};
