// La tarjeta de datos para transferencia bancaria en español.
import type { TransferTexts } from './texts-en.ts';

export const transferSettingsEs: TransferTexts = {
  title: 'Datos para transferencia bancaria', intro: 'Cómo pagan los deudores por transferencia: se muestran en el portal para la moneda que deben, en el estado de cuenta en PDF y en los mensajes que incluyen {{bank_transfer}}. Los dígitos de control se verifican al guardar.',
  none: 'Aún no hay cuentas: a los deudores no se les muestra cómo pagar por transferencia.', adminsOnly: 'Solo los administradores cambian las cuentas donde se recibe el dinero.',
  currency: 'Moneda', kind: 'Tipo', details: 'Datos', remove: 'Quitar', add: 'Agregar una cuenta', save: 'Guardar cuentas', saved: 'Guardado.',
  reference: 'Referencia que indica el deudor', 'reference.invoice_numbers': 'Los números de factura (los que mejor se concilian en los extractos)', 'reference.customer_reference': 'La referencia del cliente',
  'kind.sepa': 'SEPA (IBAN y BIC)', 'kind.us_ach': 'ACH de EE. UU. (ruta y cuenta)', 'kind.mx_clabe': 'México (CLABE)', 'kind.br_pix': 'Brasil (clave PIX)',
  'kind.ar_cbu': 'Argentina (CBU/CVU)', 'kind.other': 'Otra (número de cuenta y banco)',
  beneficiary_name: 'Beneficiario', bank_name: 'Banco', label: 'Etiqueta (opcional)', iban: 'IBAN', bic: 'BIC', routing_number: 'Número de ruta (ABA)',
  account_number: 'Número de cuenta', account_type: 'Tipo de cuenta', clabe: 'CLABE', pix_key_type: 'Tipo de clave PIX', pix_key: 'Clave PIX', cbu: 'CBU o CVU',
  alias: 'Alias', city: 'Ciudad (para el código QR de PIX)', swift: 'SWIFT/BIC', routing_code: 'Código de banco o sucursal',
};
