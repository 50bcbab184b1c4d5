/** German messages; the type makes a missing key a compile error. */
import type { Message, MessageKey } from '../internal/i18n.js';

const messages = {
  'common.retry': 'Erneut versuchen',
  'common.loading': 'Wird geladen …',
  'common.close': 'Schließen',
  'common.cancel': 'Abbrechen',
  'error.no_backend': 'Kommentare und Bewertungen sind nicht verfügbar: Für diese Seite ist kein Chime-Server eingerichtet.',
  'error.network': 'Der Kommentarserver ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  'error.timeout': 'Der Kommentarserver hat zu lange nicht geantwortet. Bitte versuchen Sie es erneut.',
  'error.rate_limited': 'Sie tun das zu oft. Bitte warten Sie einen Moment und versuchen Sie es erneut.',
  'error.closed': 'Hier sind keine neuen Beiträge mehr möglich.',
  'error.banned': 'Sie können an dieser Diskussion nicht mehr teilnehmen.',
  'error.forbidden': 'Das ist Ihnen nicht erlaubt.',
  'error.not_found': 'Das gibt es nicht mehr.',
  'error.too_large': 'Das ist zu lang.',
  'error.validation': 'Bitte prüfen Sie die markierten Felder.',
  'error.internal': 'Auf dem Kommentarserver ist ein Fehler aufgetreten. Bitte versuchen Sie es erneut.',
  'error.bad_response': 'Der Kommentarserver hat eine unverständliche Antwort gesendet. Bitte versuchen Sie es erneut.',
} satisfies Record<MessageKey, Message>;

export default messages;
