// Portuguese text of which forecast the dashboard sets this week's and month's collections beside (spread into pt.ts).
export const forecastPt = {
  'dash.forecastStored': '{period}: a previsão guardada em {date}, feita em {made} ({method}).',
  'dash.forecastComputed': '{period}: nenhuma previsão guardada em {date}; uma calculada agora para esse dia ({method}).',
};
