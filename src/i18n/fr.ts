/** French messages; the type makes a missing key a compile error. */
import type { Message, MessageKey } from '../internal/i18n.js';

const messages = {
  'common.retry': 'Réessayer',
  'common.loading': 'Chargement…',
  'common.close': 'Fermer',
  'common.cancel': 'Annuler',
  'error.no_backend': 'Commentaires et notes indisponibles : aucun serveur Chime n’est configuré pour cette page.',
  'error.network': 'Le serveur de commentaires est injoignable. Vérifiez votre connexion et réessayez.',
  'error.timeout': 'Le serveur de commentaires a mis trop de temps à répondre. Veuillez réessayer.',
  'error.rate_limited': 'Vous faites cela trop souvent. Patientez un instant puis réessayez.',
  'error.closed': 'Les nouvelles contributions sont fermées.',
  'error.banned': 'Vous ne pouvez plus participer à cette discussion.',
  'error.forbidden': 'Vous n’êtes pas autorisé à faire cela.',
  'error.not_found': 'Cet élément n’existe plus.',
  'error.too_large': 'C’est trop long.',
  'error.validation': 'Veuillez vérifier les champs signalés.',
  'error.internal': 'Une erreur s’est produite sur le serveur de commentaires. Veuillez réessayer.',
  'error.bad_response': 'Le serveur de commentaires a envoyé une réponse incompréhensible. Veuillez réessayer.',
} satisfies Record<MessageKey, Message>;

export default messages;
