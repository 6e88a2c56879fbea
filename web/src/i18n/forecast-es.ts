// Spanish text of which forecast the dashboard sets this week's and month's collections beside (spread into es.ts).
export const forecastEs = {
  'dash.forecastStored': '{period}: el pronóstico guardado al {date}, hecho el {made} ({method}).',
  'dash.forecastComputed': '{period}: no hay pronóstico guardado al {date}; uno calculado ahora a ese día ({method}).',
};
