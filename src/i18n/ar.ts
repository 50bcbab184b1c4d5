/** Arabic messages; the type makes a missing key a compile error. */
import type { Message, MessageKey } from '../internal/i18n.js';

const messages = {
  'common.retry': 'أعد المحاولة',
  'common.loading': 'جارٍ التحميل…',
  'common.close': 'إغلاق',
  'common.cancel': 'إلغاء',
  'error.no_backend': 'التعليقات والتقييمات غير متاحة: لم يُضبط خادم Chime لهذه الصفحة.',
  'error.network': 'تعذّر الوصول إلى خادم التعليقات. تحقّق من اتصالك وأعد المحاولة.',
  'error.timeout': 'استغرق خادم التعليقات وقتًا طويلًا للرد. يُرجى إعادة المحاولة.',
  'error.rate_limited': 'أنت تكرّر ذلك كثيرًا. انتظر قليلًا ثم أعد المحاولة.',
  'error.closed': 'المشاركات الجديدة مغلقة هنا.',
  'error.banned': 'لم يعد بإمكانك المشاركة في هذا النقاش.',
  'error.forbidden': 'غير مسموح لك بذلك.',
  'error.not_found': 'لم يعد هذا موجودًا.',
  'error.too_large': 'هذا طويل جدًا.',
  'error.validation': 'يُرجى التحقق من الحقول المميّزة.',
  'error.internal': 'حدث خطأ في خادم التعليقات. يُرجى إعادة المحاولة.',
  'error.bad_response': 'أرسل خادم التعليقات ردًا غير مفهوم. يُرجى إعادة المحاولة.',
} satisfies Record<MessageKey, Message>;

export default messages;
