// Texto de las prioridades de la lista de trabajo (Configuración · Prioridades).
import type { prioritiesSettingsEn } from './priorities-settings-en.ts';

export const prioritiesSettingsEs: Record<keyof typeof prioritiesSettingsEn, string> = {
  'set.nav.priorities': 'Prioridades',
  'pri.title': 'Qué ordena la lista de trabajo',
  'pri.intro': 'El efecto de cada acción es la parte de lo que no se cobraría sin actuar que la acción trae (de 0 a 1); sus minutos y el costo del minuto de un gestor se restan de lo que vale actuar. Junto a cada efecto, lo que muestra la historia de la organización: observacional, no aleatorizado (las personas eligieron con quién actuar).',
  'pri.action': 'Acción', 'pri.lift': 'Efecto', 'pri.learned': 'Aprendido de su historia', 'pri.minutes': 'Minutos',
  'pri.liftOf': 'Efecto: {action}', 'pri.minutesOf': 'Minutos: {action}', 'pri.costOf': 'Costo de un minuto en {currency}',
  'pri.costs': 'El minuto de un gestor', 'pri.currency': 'Moneda', 'pri.cost': 'Costo de un minuto',
  'pri.learnedLift': '{lift} (95 %: de {low} a {high}), {n} acciones',
  'pri.notEnough': 'datos insuficientes ({n} acciones)', 'pri.noBaseline': 'no hay días comparables sin acción',
  'pri.save': 'Guardar prioridades', 'pri.apply': 'Aplicar los efectos aprendidos',
  'pri.applied': 'Efectos fijados a partir de su historia: {list}.', 'pri.appliedNone': 'Ninguna acción tenía datos suficientes; no cambió nada.',
  'pri.action.call': 'Llamada', 'pri.action.callback': 'Devolución de llamada', 'pri.action.promise_follow_up': 'Seguimiento de promesa', 'pri.action.negotiate': 'Negociación',
  'pri.action.review': 'Revisión', 'pri.action.dispute_review': 'Revisión de disputa', 'pri.action.handover': 'Derivación',
};
