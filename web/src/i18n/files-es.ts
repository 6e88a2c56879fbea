// Textos de los archivos que los deudores envían con sus respuestas (la foto de un comprobante, un PDF), en la línea de tiempo del caso.
export const filesEs = {
  'files.label': 'Archivos enviados con la respuesta',
  'files.photo': 'Foto enviada por el deudor', 'files.pdf': 'PDF enviado por el deudor',
  'files.open': 'Abrir {name}',
  'files.pending': 'Se está descargando un archivo del proveedor.',
  'files.refused': 'Un archivo no se guardó: es demasiado grande o no es una foto ni un PDF.',
  'files.failed': 'No se pudo descargar un archivo del proveedor.',
};
