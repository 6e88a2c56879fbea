// Textos de los límites de los archivos que los deudores envían con sus respuestas (Ajustes · Canales y credenciales).
export const replyFilesEs = {
  'rf.title': 'Archivos enviados con las respuestas',
  'rf.intro': 'Fotos y PDF que los deudores envían como comprobante de pago, por WhatsApp, MMS o correo: el mayor que se guarda (uno más grande se rechaza y se indica en la respuesta), y cuánto puede tardar una descarga desde WhatsApp o Twilio antes de reintentarla más tarde.',
  'rf.max_file_mb': 'Archivo más grande que se guarda (MB)', 'rf.fetch_timeout_seconds': 'Segundos que puede tardar una descarga',
  'rf.save': 'Guardar los límites de archivos',
};
