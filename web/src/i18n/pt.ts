// Textos em português.
import { workPt } from './work-pt.ts';
import { priorityPt } from './priority-pt.ts';
import { agentPt } from './agent-pt.ts';
import { settingsPt } from './settings-pt.ts';
import { whsecPt } from './whsec-pt.ts';
import { whurlPt } from './whurl-pt.ts';
import { regwhPt } from './regwh-pt.ts';
import { callsPt } from './calls-pt.ts';
import { replyFilesPt } from './reply-files-pt.ts';
import { prioritiesSettingsPt } from './priorities-settings-pt.ts';
import { companyPt } from './company-pt.ts';
import { portalSettingsPt } from './portal-settings-pt.ts';
import { strategyPt } from './strategy-pt.ts';
import { strategyEditPt } from './strategy-edit-pt.ts';
import { dashPt } from './dash-pt.ts';
import { forecastPt } from './forecast-pt.ts';
import { reconPt } from './recon-pt.ts';
import { payoutsPt } from './payouts-pt.ts';
import { importsPt } from './imports-pt.ts';
import { ssoPt } from './sso-pt.ts';
import { templatesPt } from './templates-pt.ts';
import { enginePt } from './engine-pt.ts';
import { disputePt } from './dispute-pt.ts';
import { evidencePt } from './evidence-pt.ts';
import { privacyPt } from './privacy-pt.ts';
import { filesPt } from './files-pt.ts';
import type { Messages } from './en.ts';

export const pt: Messages = {
  'nav.main': 'Principal', 'nav.skip': 'Ir para o conteúdo', 'nav.dashboard': 'Painel', 'nav.customers': 'Clientes', 'nav.invoices': 'Faturas',
  'nav.payments': 'Pagamentos', 'nav.aging': 'Vencimentos', 'nav.imports': 'Importações', 'nav.settings': 'Configurações', 'nav.language': 'Idioma',
  'nav.signOut': 'Sair',
  'common.loading': 'Carregando…', 'common.error': 'Algo deu errado', 'common.exportCsv': 'Exportar CSV', 'common.exporting': 'Exportando…',
  'common.loadMore': 'Carregar mais', 'common.all': 'Todos', 'common.balance': 'Saldo', 'common.clear': 'remover', 'common.clearFilters': 'Limpar filtros',
  'common.created': 'Criado', 'common.currency': 'Moeda', 'common.customer': 'Cliente', 'common.notFound': 'Página não encontrada',
  'common.openList': 'ver todas', 'common.optional': 'opcional', 'common.shown': '{n} exibidas',
  'table.empty': 'Nada aqui.', 'table.sortBy': 'Ordenar por {column}',
  'signIn.title': 'Entre no seu espaço de trabalho', 'signIn.email': 'E-mail', 'signIn.password': 'Senha', 'signIn.submit': 'Entrar',
  'signIn.wrong': 'O e-mail ou a senha estão incorretos.', 'signIn.hint': 'Usando a demo? A senha de admin@demo.cobro é impressa quando o cobro inicia.',
  'role.admin': 'Administrador', 'role.manager': 'Gestor', 'role.collector': 'Cobrador', 'role.viewer': 'Somente leitura',
  'status.open': 'Aberta', 'status.partially_paid': 'Paga em parte', 'status.paid': 'Paga', 'status.disputed': 'Contestada',
  'status.written_off': 'Baixada', 'status.cancelled': 'Cancelada', 'status.reversed': 'Estornado',
  'bucket.current': 'A vencer', 'bucket.d1_30': '1–30 dias', 'bucket.d31_60': '31–60', 'bucket.d61_90': '61–90', 'bucket.d91_120': '91–120',
  'bucket.over_120': '120+',
  'channel.email': 'E-mail', 'channel.sms': 'SMS', 'channel.whatsapp': 'WhatsApp', 'channel.voice': 'Voz',
  'consent.channel': 'consentimento de contato', 'consent.automated_calls': 'chamadas automáticas', 'consent.whatsapp_opt_in': 'opt-in no WhatsApp',
  'consent.employer_email': 'e-mail do empregador',
  'consent.everyChannel': 'Todos os canais', 'consent.onEveryChannel': 'todos os canais', 'consent.kindEveryChannel': '{kind} (todos os canais)',
  'decision.allow': 'Permitido', 'decision.defer': 'Adiado', 'decision.block': 'Bloqueado',
  'dashboard.title': 'Painel', 'dashboard.overdue': 'Total vencido', 'dashboard.asOf': 'em {date}', 'dashboard.overdueIn': 'Vencido em {currency}',
  'dashboard.ofBalance': 'de {total} em aberto em {n} faturas', 'dashboard.aging': 'Vencimentos', 'dashboard.agingChart': 'Faixas de atraso em {currency}',
  'dashboard.fullAging': 'Relatório completo por cliente', 'dashboard.collected': 'Recebido', 'dashboard.thisWeek': 'Esta semana',
  'dashboard.thisMonth': 'Este mês', 'dashboard.noPayments': 'Nenhum pagamento neste mês ainda.', 'dashboard.topBalances': 'Maiores saldos em {currency}',
  'dashboard.overdueShort': 'Vencido', 'dashboard.nothing': 'Ainda não há faturas em aberto: importe algumas para ver onde está o dinheiro.',
  'dashboard.kpi': 'Últimos 30 dias em {currency}', 'dashboard.dso': 'DSO (dias)', 'dashboard.countBack': 'DSO por meses (dias)',
  'dashboard.bestDso': 'Melhor DSO possível (dias)', 'dashboard.delinquent': 'Média de dias em atraso', 'dashboard.cei': 'Efetividade de cobrança',
  'dashboard.keptRate': 'Promessas cumpridas', 'dashboard.contactRate': 'Taxa de contato',
  'customers.title': 'Clientes', 'customers.search': 'Buscar', 'customers.searchHint': 'Nome, ou id externo exato', 'customers.name': 'Nome',
  'customers.externalId': 'Id externo', 'customers.country': 'País', 'customers.email': 'E-mail', 'customers.phone': 'Telefone',
  'customers.preferredChannel': 'Canal preferido', 'customers.language': 'Idioma', 'customers.timezone': 'Fuso horário',
  'customer.balances': 'Saldos', 'customer.noBalance': 'Nada em aberto.', 'customer.openIn': 'Em aberto em {currency}',
  'customer.openInvoices': '{n} faturas em aberto', 'customer.credit': 'crédito {amount}', 'customer.contact': 'Dados de contato', 'customer.tags': 'Etiquetas',
  'customer.contactLaw': 'Consentimentos e descadastros', 'customer.consents': 'Consentimentos', 'customer.noConsents': 'Nenhum consentimento registrado.',
  'customer.optOuts': 'Descadastros (não contatar)', 'customer.noOptOuts': 'Nenhum descadastro.', 'customer.optOutAll': 'Todos os canais', 'customer.revoked': 'revogado em {date}',
  'customer.lifted': 'retirado em {date}', 'customer.decisions': 'Verificações de contato', 'customer.noDecisions': 'O filtro de contato ainda não foi consultado para este cliente.',
  'customer.until': 'até {date}',
  'customer.statedTimes': 'Horários para não contatar, ditos pelo devedor', 'customer.noStatedTimes': 'Nenhum horário indicado.',
  'customer.everyDay': 'todos os dias', 'customer.allDay': 'o dia todo', 'customer.replacedBy': 'substituído em {date}, {why}',
  'invoices.title': 'Faturas', 'invoices.filters': 'Filtros de faturas', 'invoices.number': 'Número', 'invoices.status': 'Situação',
  'invoices.issueDate': 'Emitida', 'invoices.dueDate': 'Vencimento', 'invoices.dpd': 'Dias de atraso', 'invoices.amount': 'Valor',
  'invoices.dpdMin': 'Dias de atraso, no mínimo', 'invoices.dpdMax': 'Dias de atraso, no máximo', 'invoices.dueFrom': 'Vence a partir de', 'invoices.dueTo': 'Vence até',
  'invoices.openCustomer': 'Ver cliente',
  'payments.title': 'Pagamentos', 'payments.date': 'Data', 'payments.method': 'Meio', 'payments.reference': 'Referência', 'payments.from': 'De',
  'payments.to': 'Até', 'payments.unapplied': 'Crédito restante',
  'aging.title': 'Vencimentos', 'aging.asOf': 'Na data', 'aging.totals': 'Totais por moeda', 'aging.byCustomer': 'Por cliente', 'aging.total': 'Total',
  'imports.title': 'Importações', 'imports.upload': 'Enviar um arquivo CSV', 'imports.explain': 'Um arquivo é uma transação: uma linha com erro rejeita o arquivo inteiro e o relatório indica cada linha com erro. Importar o mesmo arquivo de novo não muda nada.',
  'imports.kind': 'O que o arquivo contém', 'imports.kind.customers': 'Clientes', 'imports.kind.invoices': 'Faturas', 'imports.kind.payments': 'Pagamentos',
  'imports.file': 'Arquivo CSV', 'imports.mapping': 'Mapeamento (JSON) para outro layout', 'imports.mappingNotJson': 'O mapeamento não é um JSON válido.',
  'imports.submit': 'Importar', 'imports.uploading': 'Importando…', 'imports.needsManager': 'Importar exige o papel de gestor ou administrador.',
  'imports.report': 'Relatório', 'imports.completed': 'Importado.', 'imports.rejected': 'Rejeitado: {n} linhas com erro. Nada foi importado; corrija-as e envie o arquivo de novo.',
  'imports.rows': 'Linhas', 'imports.inserted': 'Inseridas', 'imports.updated': 'Atualizadas', 'imports.unchanged': 'Sem alteração',
  'imports.customersCreated': 'Clientes criados', 'imports.badLines': 'Linhas com erro', 'imports.line': 'Linha', 'imports.column': 'Coluna',
  'imports.reason': 'Motivo', 'imports.moreErrors': 'As primeiras {n} estão listadas.',
  'settings.title': 'Configurações', 'settings.adminsOnly': 'Usuários e chaves de API são geridos por administradores.', 'settings.apiKeys': 'Chaves de API',
  'settings.keyName': 'Nome', 'settings.role': 'Papel', 'settings.createKey': 'Criar chave', 'settings.newKey': 'A nova chave de API:',
  'settings.shownOnce': 'Copie agora: ela não é guardada e não pode ser exibida de novo.', 'settings.copy': 'Copiar', 'settings.copied': 'Copiada',
  'settings.done': 'Pronto', 'settings.prefix': 'Começa com', 'settings.lastUsed': 'Último uso', 'settings.revoke': 'Revogar',
  'settings.revokeNamed': 'Revogar a chave {name}', 'settings.revokeConfirm': 'Revogar a chave "{name}" ({prefix}…)? O que a usa deixará de funcionar.',
  'settings.revokedAt': 'revogada em {date}', 'settings.users': 'Usuários', 'settings.invite': 'Convidar', 'settings.name': 'Nome',
  'settings.oneTimePassword': 'Senha de uso único para {email}:', 'settings.lastSignIn': 'Último acesso', 'settings.never': 'nunca',
  'settings.password': 'Sua senha', 'settings.mustChange': 'Você entrou com uma senha de uso único: escolha a sua agora.',
  'settings.currentPassword': 'Senha atual', 'settings.newPassword': 'Nova senha (10 caracteres ou mais)', 'settings.changePassword': 'Alterar senha',
  'settings.passwordChanged': 'Senha alterada; suas outras sessões foram encerradas.',
  ...workPt,
  ...priorityPt,
  ...agentPt,
  ...settingsPt,
  ...whsecPt,
  ...whurlPt,
  ...regwhPt,
  ...callsPt,
  ...replyFilesPt,
  ...prioritiesSettingsPt,
  ...companyPt,
  ...portalSettingsPt,
  ...strategyPt,
  ...strategyEditPt,
  ...dashPt,
  ...forecastPt,
  ...reconPt,
  ...payoutsPt,
  ...importsPt,
  ...ssoPt,
  ...templatesPt,
  ...enginePt,
  ...disputePt,
  ...evidencePt,
  ...privacyPt,
  ...filesPt,
};
