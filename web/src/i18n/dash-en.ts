// English text of the home dashboard and the customers list's drill-down filters (spread into en.ts; es and pt have the same keys).
export const dashEn = {
  'dash.trend': 'Overdue in {currency}, last {weeks} weeks', 'dash.trendUp': 'up {amount} since {date}', 'dash.trendDown': 'down {amount} since {date}',
  'dash.trendPoint': '{date}: {amount} overdue on {n} invoices', 'dash.noTrend': 'Nothing overdue in {currency} in the last weeks.',
  'dash.ofForecast': 'forecast {amount}', 'dash.forecast': 'Forecast', 'dash.forecastNote': 'Forecast expected for the same days ({method}).',
  'dash.method.scores': 'from risk scores', 'dash.method.heuristic': 'by due dates and age, no risk scores yet', 'dash.method.mixed': 'risk scores where there are any',
  'dash.recovery': 'Recovery and cost by channel, last 30 days', 'dash.channel': 'Channel', 'dash.messages': 'Messages', 'dash.recovered': 'Recovered',
  'dash.cost': 'Cost', 'dash.noMessages': 'No messages in the last 30 days.', 'dash.noChannel': 'No message',
  'dash.attribution': 'A payment is credited to the last message sent to its customer in the {days} days before it.',
  'dash.strategies': 'Strategy performance', 'dash.between': '{from} – {to}', 'dash.strategy': 'Strategy', 'dash.cases': 'Cases',
  'dash.openCases': 'Open', 'dash.contacts': 'Contacts', 'dash.noStrategies': 'No case is on a strategy yet.', 'dash.version': '{name} v{version}',
  'dash.active': 'active', 'dash.contactsOf': '{n} to {customers} customers',
  'dash.filtered': 'Showing the customers behind a figure:', 'dash.filter.overdue': 'overdue', 'dash.filter.currency': 'in {value}',
  'dash.filter.dpd_min': 'at least {value} days past due', 'dash.filter.dpd_max': 'at most {value} days past due',
  'dash.filter.strategy_id': 'on strategy {value}', 'dash.filter.strategy_version': 'version {value}', 'dash.filter.messaged': 'messaged',
  'dash.filter.channel': 'by {value}', 'dash.filter.promised': 'with a promise due', 'dash.filter.from': 'from {value}', 'dash.filter.to': 'to {value}',
  'dash.filter.as_of': 'as of {value}',
  'dash.filter.overdue_on': 'overdue at the end of {value}', 'customers.overdueOn': 'Overdue at the end of {date}',
};
