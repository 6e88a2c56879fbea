// English text of which forecast the dashboard sets this week's and month's collections beside (spread into en.ts).
export const forecastEn = {
  'dash.forecastStored': '{period}: the forecast stored as of {date}, made {made} ({method}).',
  'dash.forecastComputed': '{period}: no forecast stored as of {date}; one computed now as of that day ({method}).',
};
