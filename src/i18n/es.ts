/** Spanish messages; the type makes a missing key a compile error. */
import type { Message, MessageKey } from '../internal/i18n.js';

const messages = {
  'common.retry': 'Reintentar',
  'common.loading': 'Cargando…',
  'common.close': 'Cerrar',
  'common.cancel': 'Cancelar',
  'error.no_backend': 'Comentarios y valoraciones no disponibles: no hay ningún servidor Chime configurado para esta página.',
  'error.network': 'No se pudo contactar con el servidor de comentarios. Comprueba tu conexión e inténtalo de nuevo.',
  'error.timeout': 'El servidor de comentarios tardó demasiado en responder. Inténtalo de nuevo.',
  'error.rate_limited': 'Lo estás haciendo demasiado a menudo. Espera un momento e inténtalo de nuevo.',
  'error.closed': 'Está cerrado a nuevas aportaciones.',
  'error.banned': 'Ya no puedes participar en esta conversación.',
  'error.forbidden': 'No tienes permiso para hacer eso.',
  'error.not_found': 'Esto ya no existe.',
  'error.too_large': 'Es demasiado largo.',
  'error.validation': 'Revisa los campos marcados.',
  'error.internal': 'Algo falló en el servidor de comentarios. Inténtalo de nuevo.',
  'error.bad_response': 'El servidor de comentarios envió una respuesta incomprensible. Inténtalo de nuevo.',
} satisfies Record<MessageKey, Message>;

export default messages;
