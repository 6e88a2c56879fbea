// Text of the company identity card (address, tax id and logo on the debtor's statement).
export const companyEn = {
  'co.title': 'Company on statements',
  'co.intro': 'The debtor\'s statement of account (PDF and printable page) names your company with this address and tax id, with the logo at its heading; email footers show the address and tax id too.',
  'co.address': 'Company address', 'co.taxId': 'Tax ID', 'co.saved': 'The company details are saved.',
  'co.logo': 'Logo', 'co.logoAlt': 'The org\'s logo', 'co.noLogo': 'No logo yet: statements show the company name alone.',
  'co.logoIs': '{type}, {width}×{height} pixels, {kb} KB', 'co.upload': 'Upload a logo (PNG or JPEG, at most 512 KB)',
  'co.replace': 'Replace the logo (PNG or JPEG, at most 512 KB)', 'co.remove': 'Remove the logo', 'co.logoSet': 'The logo is saved.', 'co.logoRemoved': 'The logo is removed.',
};
