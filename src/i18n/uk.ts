/** Ukrainian messages; the type makes a missing key a compile error. */
import type { Message, MessageKey } from '../internal/i18n.js';

const messages = {
  'common.retry': 'Спробувати ще раз',
  'common.loading': 'Завантаження…',
  'common.close': 'Закрити',
  'common.cancel': 'Скасувати',
  'error.no_backend': 'Коментарі та оцінки недоступні: для цієї сторінки не налаштовано сервер Chime.',
  'error.network': 'Не вдалося зв’язатися із сервером коментарів. Перевірте з’єднання та спробуйте ще раз.',
  'error.timeout': 'Сервер коментарів надто довго не відповідав. Спробуйте ще раз.',
  'error.rate_limited': 'Ви робите це надто часто. Зачекайте трохи й спробуйте ще раз.',
  'error.closed': 'Нові дописи тут закрито.',
  'error.banned': 'Ви більше не можете брати участь у цьому обговоренні.',
  'error.forbidden': 'Вам не дозволено це робити.',
  'error.not_found': 'Цього більше не існує.',
  'error.too_large': 'Це задовго.',
  'error.validation': 'Перевірте позначені поля.',
  'error.internal': 'На сервері коментарів сталася помилка. Спробуйте ще раз.',
  'error.bad_response': 'Сервер коментарів надіслав незрозумілу відповідь. Спробуйте ще раз.',
} satisfies Record<MessageKey, Message>;

export default messages;
