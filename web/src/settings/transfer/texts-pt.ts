// O cartão de dados para transferência bancária em português.
import type { TransferTexts } from './texts-en.ts';

export const transferSettingsPt: TransferTexts = {
  title: 'Dados para transferência bancária', intro: 'Como os devedores pagam por transferência: mostrados no portal para a moeda devida, no extrato em PDF e nas mensagens que incluem {{bank_transfer}}. Os dígitos verificadores são conferidos ao salvar.',
  none: 'Ainda não há contas: os devedores não veem como pagar por transferência.', adminsOnly: 'Só administradores alteram as contas em que o dinheiro é recebido.',
  currency: 'Moeda', kind: 'Tipo', details: 'Dados', remove: 'Remover', add: 'Adicionar uma conta', save: 'Salvar contas', saved: 'Salvo.',
  reference: 'Referência que o devedor informa', 'reference.invoice_numbers': 'Os números das faturas (os que melhor se conciliam nos extratos)', 'reference.customer_reference': 'A referência do cliente',
  'kind.sepa': 'SEPA (IBAN e BIC)', 'kind.us_ach': 'ACH dos EUA (routing e conta)', 'kind.mx_clabe': 'México (CLABE)', 'kind.br_pix': 'Brasil (chave PIX)',
  'kind.ar_cbu': 'Argentina (CBU/CVU)', 'kind.other': 'Outra (número da conta e banco)',
  beneficiary_name: 'Favorecido', bank_name: 'Banco', label: 'Rótulo (opcional)', iban: 'IBAN', bic: 'BIC', routing_number: 'Routing number (ABA)',
  account_number: 'Número da conta', account_type: 'Tipo de conta', clabe: 'CLABE', pix_key_type: 'Tipo de chave PIX', pix_key: 'Chave PIX', cbu: 'CBU ou CVU',
  alias: 'Alias', city: 'Cidade (para o QR Code Pix)', swift: 'SWIFT/BIC', routing_code: 'Código do banco ou agência',
};
