// Texto de la tarjeta de identidad de la empresa (dirección, identificación fiscal y logotipo en el estado de cuenta).
export const companyEs = {
  'co.title': 'Empresa en los estados de cuenta',
  'co.intro': 'El estado de cuenta del deudor (PDF y página imprimible) nombra a su empresa con esta dirección e identificación fiscal, con el logotipo en el encabezado; los pies de los correos muestran también la dirección y la identificación fiscal.',
  'co.address': 'Dirección de la empresa', 'co.taxId': 'ID fiscal', 'co.saved': 'Los datos de la empresa se guardaron.',
  'co.logo': 'Logotipo', 'co.logoAlt': 'El logotipo de la organización', 'co.noLogo': 'Aún sin logotipo: los estados de cuenta muestran solo el nombre de la empresa.',
  'co.logoIs': '{type}, {width}×{height} píxeles, {kb} KB', 'co.upload': 'Subir un logotipo (PNG o JPEG, hasta 512 KB)',
  'co.replace': 'Reemplazar el logotipo (PNG o JPEG, hasta 512 KB)', 'co.remove': 'Quitar el logotipo', 'co.logoSet': 'El logotipo se guardó.', 'co.logoRemoved': 'El logotipo se quitó.',
};
