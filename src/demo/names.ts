// Word lists for the demo portfolio: company names, people and places per country, written here.
export interface CountryProfile {
  country: string;
  currency: string;
  timezone: string;
  language: string;
  phonePrefix: string;
  regions: string[];
  words: string[];
  kinds: string[];
}

export const PROFILES: CountryProfile[] = [
  { country: 'MX', currency: 'MXN', timezone: 'America/Mexico_City', language: 'es', phonePrefix: '+5255', regions: ['CDMX', 'JAL', 'NLE', 'PUE'],
    words: ['Luna', 'Sierra', 'Azteca', 'Maguey', 'Colibrí', 'Jacaranda', 'Obsidiana', 'Cenote', 'Nopal', 'Tule'], kinds: ['Ferretería', 'Abarrotes', 'Distribuidora', 'Taller', 'Farmacia'] },
  { country: 'CO', currency: 'COP', timezone: 'America/Bogota', language: 'es', phonePrefix: '+57310', regions: ['ANT', 'CUN', 'VAC', 'ATL'],
    words: ['Cafetal', 'Guadua', 'Orquídea', 'Cóndor', 'Esmeralda', 'Palma', 'Frailejón', 'Ceiba'], kinds: ['Almacén', 'Comercializadora', 'Panadería', 'Droguería'] },
  { country: 'BR', currency: 'BRL', timezone: 'America/Sao_Paulo', language: 'pt-BR', phonePrefix: '+551199', regions: ['SP', 'RJ', 'MG', 'PR'],
    words: ['Ipê', 'Jabuticaba', 'Cerrado', 'Araucária', 'Tucano', 'Caju', 'Maracujá', 'Sabiá'], kinds: ['Mercearia', 'Oficina', 'Distribuidora', 'Padaria', 'Papelaria'] },
  { country: 'CL', currency: 'CLP', timezone: 'America/Santiago', language: 'es', phonePrefix: '+5699', regions: ['RM', 'VS', 'BI'],
    words: ['Copihue', 'Andes', 'Araucaria', 'Quillay', 'Litre', 'Huemul'], kinds: ['Ferretería', 'Botillería', 'Imprenta', 'Minimarket'] },
  { country: 'US', currency: 'USD', timezone: 'America/Chicago', language: 'en', phonePrefix: '+1312', regions: ['IL', 'TX', 'CA', 'NY'],
    words: ['Prairie', 'Harbor', 'Redwood', 'Summit', 'Lakeside', 'Granite', 'Maple', 'Bluebird'], kinds: ['Supply', 'Hardware', 'Logistics', 'Bakery', 'Print Shop'] },
  { country: 'ES', currency: 'EUR', timezone: 'Europe/Madrid', language: 'es', phonePrefix: '+34611', regions: ['MD', 'CT', 'AN', 'VC'],
    words: ['Olivo', 'Albero', 'Alcornoque', 'Azahar', 'Brezo', 'Romero'], kinds: ['Suministros', 'Talleres', 'Librería', 'Hostal'] },
];
