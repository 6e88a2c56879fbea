// English UI text; the other languages have the same keys (the type checks it).
import { workEn } from './work-en.ts';
import { priorityEn } from './priority-en.ts';
import { agentEn } from './agent-en.ts';
import { settingsEn } from './settings-en.ts';
import { whsecEn } from './whsec-en.ts';
import { whurlEn } from './whurl-en.ts';
import { regwhEn } from './regwh-en.ts';
import { callsEn } from './calls-en.ts';
import { replyFilesEn } from './reply-files-en.ts';
import { prioritiesSettingsEn } from './priorities-settings-en.ts';
import { companyEn } from './company-en.ts';
import { portalSettingsEn } from './portal-settings-en.ts';
import { strategyEn } from './strategy-en.ts';
import { strategyEditEn } from './strategy-edit-en.ts';
import { dashEn } from './dash-en.ts';
import { forecastEn } from './forecast-en.ts';
import { reconEn } from './recon-en.ts';
import { payoutsEn } from './payouts-en.ts';
import { importsEn } from './imports-en.ts';
import { ssoEn } from './sso-en.ts';
import { templatesEn } from './templates-en.ts';
import { engineEn } from './engine-en.ts';
import { disputeEn } from './dispute-en.ts';
import { evidenceEn } from './evidence-en.ts';
import { privacyEn } from './privacy-en.ts';
import { filesEn } from './files-en.ts';
export const en = {
  'nav.main': 'Main', 'nav.skip': 'Skip to content', 'nav.dashboard': 'Dashboard', 'nav.customers': 'Customers', 'nav.invoices': 'Invoices',
  'nav.payments': 'Payments', 'nav.aging': 'Aging', 'nav.imports': 'Imports', 'nav.settings': 'Settings', 'nav.language': 'Language',
  'nav.signOut': 'Sign out',
  'common.loading': 'Loading…', 'common.error': 'Something went wrong', 'common.exportCsv': 'Export CSV', 'common.exporting': 'Exporting…',
  'common.loadMore': 'Load more', 'common.all': 'All', 'common.balance': 'Balance', 'common.clear': 'clear', 'common.clearFilters': 'Clear filters',
  'common.created': 'Created', 'common.currency': 'Currency', 'common.customer': 'Customer', 'common.notFound': 'Page not found',
  'common.openList': 'see all', 'common.optional': 'optional', 'common.shown': '{n} shown',
  'table.empty': 'Nothing here.', 'table.sortBy': 'Sort by {column}',
  'signIn.title': 'Sign in to your workspace', 'signIn.email': 'Email', 'signIn.password': 'Password', 'signIn.submit': 'Sign in',
  'signIn.wrong': 'The email or the password is wrong.', 'signIn.hint': 'Running the demo? The password of admin@demo.cobro is printed when cobro starts.',
  'role.admin': 'Admin', 'role.manager': 'Manager', 'role.collector': 'Collector', 'role.viewer': 'Viewer',
  'status.open': 'Open', 'status.partially_paid': 'Partially paid', 'status.paid': 'Paid', 'status.disputed': 'Disputed',
  'status.written_off': 'Written off', 'status.cancelled': 'Cancelled', 'status.reversed': 'Reversed',
  'bucket.current': 'Not due', 'bucket.d1_30': '1–30 days', 'bucket.d31_60': '31–60', 'bucket.d61_90': '61–90', 'bucket.d91_120': '91–120',
  'bucket.over_120': '120+',
  'channel.email': 'Email', 'channel.sms': 'SMS', 'channel.whatsapp': 'WhatsApp', 'channel.voice': 'Voice',
  'consent.channel': 'consent to contact', 'consent.automated_calls': 'automated calls', 'consent.whatsapp_opt_in': 'WhatsApp opt-in',
  'consent.employer_email': 'employer email',
  'consent.everyChannel': 'Every channel', 'consent.onEveryChannel': 'every channel', 'consent.kindEveryChannel': '{kind} (every channel)',
  'decision.allow': 'Allow', 'decision.defer': 'Defer', 'decision.block': 'Block',
  'dashboard.title': 'Dashboard', 'dashboard.overdue': 'Total overdue', 'dashboard.asOf': 'as of {date}', 'dashboard.overdueIn': 'Overdue in {currency}',
  'dashboard.ofBalance': 'of {total} open in {n} invoices', 'dashboard.aging': 'Aging', 'dashboard.agingChart': 'Aging buckets in {currency}',
  'dashboard.fullAging': 'Full aging report by customer', 'dashboard.collected': 'Collected', 'dashboard.thisWeek': 'This week',
  'dashboard.thisMonth': 'This month', 'dashboard.noPayments': 'No payments this month yet.', 'dashboard.topBalances': 'Top balances in {currency}',
  'dashboard.overdueShort': 'Overdue', 'dashboard.nothing': 'No open invoices yet: import some to see where the money is.',
  'dashboard.kpi': 'Last 30 days in {currency}', 'dashboard.dso': 'DSO (days)', 'dashboard.countBack': 'Count-back DSO (days)',
  'dashboard.bestDso': 'Best possible DSO (days)', 'dashboard.delinquent': 'Average days delinquent', 'dashboard.cei': 'Collection effectiveness',
  'dashboard.keptRate': 'Promises kept', 'dashboard.contactRate': 'Contact rate',
  'customers.title': 'Customers', 'customers.search': 'Search', 'customers.searchHint': 'Name, or exact external id', 'customers.name': 'Name',
  'customers.externalId': 'External id', 'customers.country': 'Country', 'customers.email': 'Email', 'customers.phone': 'Phone',
  'customers.preferredChannel': 'Preferred channel', 'customers.language': 'Language', 'customers.timezone': 'Time zone',
  'customer.balances': 'Balances', 'customer.noBalance': 'Nothing open.', 'customer.openIn': 'Open in {currency}',
  'customer.openInvoices': '{n} open invoices', 'customer.credit': 'credit {amount}', 'customer.contact': 'Contact details', 'customer.tags': 'Tags',
  'customer.contactLaw': 'Consents and opt-outs', 'customer.consents': 'Consents', 'customer.noConsents': 'No consents recorded.',
  'customer.optOuts': 'Opt-outs', 'customer.noOptOuts': 'No opt-outs.', 'customer.optOutAll': 'Every channel', 'customer.revoked': 'revoked {date}',
  'customer.lifted': 'lifted {date}', 'customer.decisions': 'Contact checks', 'customer.noDecisions': 'The gate has not been asked about this customer yet.',
  'customer.until': 'until {date}',
  'customer.statedTimes': 'Times not to contact, as the debtor said them', 'customer.noStatedTimes': 'No times stated.',
  'customer.everyDay': 'every day', 'customer.allDay': 'all day', 'customer.replacedBy': 'replaced {date}, {why}',
  'invoices.title': 'Invoices', 'invoices.filters': 'Invoice filters', 'invoices.number': 'Number', 'invoices.status': 'Status',
  'invoices.issueDate': 'Issued', 'invoices.dueDate': 'Due', 'invoices.dpd': 'Days past due', 'invoices.amount': 'Amount',
  'invoices.dpdMin': 'Days past due, at least', 'invoices.dpdMax': 'Days past due, at most', 'invoices.dueFrom': 'Due from', 'invoices.dueTo': 'Due to',
  'invoices.openCustomer': 'Open customer',
  'payments.title': 'Payments', 'payments.date': 'Date', 'payments.method': 'Method', 'payments.reference': 'Reference', 'payments.from': 'From',
  'payments.to': 'To', 'payments.unapplied': 'Credit left',
  'aging.title': 'Aging', 'aging.asOf': 'As of', 'aging.totals': 'Totals per currency', 'aging.byCustomer': 'By customer', 'aging.total': 'Total',
  'imports.title': 'Imports', 'imports.upload': 'Upload a CSV file', 'imports.explain': 'One file is one transaction: a bad line rejects the whole file and the report names every bad line. Importing the same file again changes nothing.',
  'imports.kind': 'What the file holds', 'imports.kind.customers': 'Customers', 'imports.kind.invoices': 'Invoices', 'imports.kind.payments': 'Payments',
  'imports.file': 'CSV file', 'imports.mapping': 'Mapping (JSON) for another layout', 'imports.mappingNotJson': 'The mapping is not valid JSON.',
  'imports.submit': 'Import', 'imports.uploading': 'Importing…', 'imports.needsManager': 'Imports need the manager or admin role.',
  'imports.report': 'Report', 'imports.completed': 'Imported.', 'imports.rejected': 'Rejected: {n} bad lines. Nothing was imported; fix them and upload the file again.',
  'imports.rows': 'Rows', 'imports.inserted': 'Inserted', 'imports.updated': 'Updated', 'imports.unchanged': 'Unchanged',
  'imports.customersCreated': 'Customers created', 'imports.badLines': 'Bad lines', 'imports.line': 'Line', 'imports.column': 'Column',
  'imports.reason': 'Reason', 'imports.moreErrors': 'The first {n} are listed.',
  'settings.title': 'Settings', 'settings.adminsOnly': 'Users and API keys are managed by admins.', 'settings.apiKeys': 'API keys',
  'settings.keyName': 'Name', 'settings.role': 'Role', 'settings.createKey': 'Create key', 'settings.newKey': 'The new API key:',
  'settings.shownOnce': 'Copy it now: it is not stored and cannot be shown again.', 'settings.copy': 'Copy', 'settings.copied': 'Copied',
  'settings.done': 'Done', 'settings.prefix': 'Starts with', 'settings.lastUsed': 'Last used', 'settings.revoke': 'Revoke',
  'settings.revokeNamed': 'Revoke the key {name}', 'settings.revokeConfirm': 'Revoke the key "{name}" ({prefix}…)? Whatever uses it stops working.',
  'settings.revokedAt': 'revoked {date}', 'settings.users': 'Users', 'settings.invite': 'Invite', 'settings.name': 'Name',
  'settings.oneTimePassword': 'One-time password for {email}:', 'settings.lastSignIn': 'Last sign-in', 'settings.never': 'never',
  'settings.password': 'Your password', 'settings.mustChange': 'You signed in with a one-time password: choose your own now.',
  'settings.currentPassword': 'Current password', 'settings.newPassword': 'New password (10 characters or more)', 'settings.changePassword': 'Change password',
  'settings.passwordChanged': 'Password changed; your other sessions were signed out.',
  ...workEn,
  ...priorityEn,
  ...agentEn,
  ...settingsEn,
  ...whsecEn,
  ...whurlEn,
  ...regwhEn,
  ...callsEn,
  ...replyFilesEn,
  ...prioritiesSettingsEn,
  ...companyEn,
  ...portalSettingsEn,
  ...strategyEn,
  ...strategyEditEn,
  ...dashEn,
  ...forecastEn,
  ...reconEn,
  ...payoutsEn,
  ...importsEn,
  ...ssoEn,
  ...templatesEn,
  ...engineEn,
  ...disputeEn,
  ...evidenceEn,
  ...privacyEn,
  ...filesEn,
};

export type Messages = { [K in keyof typeof en]: string };
