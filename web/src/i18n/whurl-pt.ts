// Textos das URLs de webhook a registrar num provedor (Configurações · Canais e credenciais) e das contagens de chaves do SendGrid.
import type { whurlEn } from './whurl-en.ts';

export const whurlPt: Record<keyof typeof whurlEn, string> = {
  'whu.title': 'URLs de webhook de {provider}',
  'whu.intro': 'Registre estes endereços em {provider} para que o que ele informa (entregas, respostas, pagamentos) volte ao cobro. Cada um é próprio desta organização.',
  'whu.none': '{provider} não envia nada de volta ao cobro: não há URL de webhook a registrar.',
  'whu.noPublicUrl': 'O endereço público do servidor (COBRO_PUBLIC_URL) não está configurado, então o cobro não pode dizer quais URLs registrar. Peça a quem administra o cobro que o configure com o endereço https público e reinicie.',
  'whu.url': 'URL', 'whu.for': 'O que traz', 'whu.setBy': 'Quem configura', 'whu.you': 'você, em {provider}', 'whu.cobro': 'o cobro, em cada solicitação',
  'whu.copyUrl': 'Copiar a URL de {purpose}',
  'whu.twilio.messages': 'Status de mensagens e SMS/WhatsApp recebidos: "A message comes in" do número (o cobro também a define como StatusCallback)',
  'whu.twilio.incoming': 'Chamadas que o devedor faz: "A call comes in" do número (HTTP POST)',
  'whu.twilio.voice': 'Status das chamadas', 'whu.twilio.gather': 'Teclas e fala do menu da chamada', 'whu.twilio.dialed': 'Como terminou uma chamada transferida a um agente',
  'whu.meta.whatsapp': 'A URL de callback do app (com o verify_token): status de mensagens e mensagens recebidas',
  'whu.mailgun.events': 'Eventos de entrega: entregue, aberto, falhas permanentes, reclamações, descadastros',
  'whu.mailgun.inbound': 'Respostas: o forward() de uma rota',
  'whu.sendgrid.events': 'Eventos de entrega: o Event Webhook assinado (Settings > Mail Settings)',
  'whu.sendgrid.inbound': 'Respostas: o webhook do Inbound Parse, assinado por uma política de segurança (sua chave como parse_public_key)',
  'whu.smtp.events': 'Eventos do seu próprio sistema de e-mail (entregue, devolvido, resposta), assinados com webhook_secret',
  'whu.stripe.events': 'Eventos de pagamentos, reembolsos, contestações e repasses: o endpoint cujo segredo de assinatura é webhook_secret',
  'whu.mercadopago.events': 'Notificações de pagamentos', 'whu.adyen.events': 'Um Standard webhook (JSON) cuja chave HMAC é hmac_key',
  'whu.paypal.events': 'O listener de webhooks cujo id é webhook_id',
  'whs.keysIntro': 'As chaves de verificação do SendGrid são suas configurações webhook_public_key e previous_webhook_public_key (altere-as no formulário acima). A lista mostra quando cada chave verificou uma entrega pela última vez e quantas verificou.',
};
