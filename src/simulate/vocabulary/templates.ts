// Sentences that carry a violating term: `{t}` is the term (possibly disguised), `{u}` a handle and
// `{url}` a link. They contain no demo term themselves, so which list a violation can be caught by
// depends only on the term chosen.
import type { SimLanguage, SimPolicy } from './languages.js';

export const VIOLATION_TEMPLATES: Readonly<Record<SimPolicy, Readonly<Record<SimLanguage, readonly string[]>>>> = {
  hate: {
    en: ['{t}. They should all leave.', 'Honestly {t}, every single one of them.', 'Watch this and tell me they are not {t}'],
    ar: ['{t}، يجب أن يرحلوا جميعاً', 'بصراحة {t} كلهم بلا استثناء', 'شاهدوا هذا وقولوا لي إنهم ليسوا {t}'],
    es: ['{t}. Deberían irse todos.', 'Sinceramente {t}, todos ellos.', 'Mira esto y dime que no son {t}'],
    zh: ['{t}，全都应该离开', '说实话{t}，一个都不例外', '看看这个，还说他们不是{t}'],
  },
  harassment: {
    en: ['@{u} {t}', '{t}, just delete your account already', 'lol look at this one, {t}'],
    ar: ['@{u} {t}', '{t}، احذف حسابك وارتاح', 'انظروا لهذا الشخص {t}'],
    es: ['@{u} {t}', '{t}, mejor borra tu cuenta', 'jaja miren a este, {t}'],
    zh: ['@{u} {t}', '{t}，赶紧注销账号吧', '大家看看这个人，{t}'],
  },
  scam: {
    en: ['{t}! Limited spots, DM me now 💰', 'I made $4,000 this week: {t}. Ask me how', '{t} — only today, link below {url}'],
    ar: ['{t}! الأماكن محدودة راسلني الآن 💰', 'ربحت ٤٠٠٠ دولار هذا الأسبوع: {t}', '{t} اليوم فقط {url}'],
    es: ['¡{t}! Cupos limitados, escríbeme ya 💰', 'Gané $4,000 esta semana: {t}. Pregúntame cómo', '{t} — solo hoy {url}'],
    zh: ['{t}！名额有限，马上私信💰', '我这周赚了4000块：{t}，问我怎么做', '{t}，仅限今天 {url}'],
  },
  adult: {
    en: ['{t} 🔥 check my profile', 'new {t} every night, message me', 'bored? {t} 😉'],
    ar: ['{t} 🔥 شوف حسابي', '{t} كل ليلة راسلني', 'زهقان؟ {t} 😉'],
    es: ['{t} 🔥 revisa mi perfil', '{t} cada noche, mándame mensaje', '¿aburrido? {t} 😉'],
    zh: ['{t}🔥 看我主页', '每晚{t}，私信我', '无聊吗？{t}😉'],
  },
  violence: {
    en: ['{t}. You have been warned.', 'next time I see you {t}', 'they deserve it, {t}'],
    ar: ['{t}. هذا تحذير أخير', 'المرة الجاية لما أشوفك {t}', 'يستاهلون، {t}'],
    es: ['{t}. Estás advertido.', 'la próxima vez que te vea {t}', 'se lo merecen, {t}'],
    zh: ['{t}。这是最后警告', '下次见到你{t}', '他们活该，{t}'],
  },
  self_harm: {
    en: ['{t}. nobody would notice anyway', 'day 12 {t}', 'can someone share {t}'],
    ar: ['{t}. لن يلاحظ أحد', 'اليوم الثاني عشر {t}', 'أحد يشاركني {t}'],
    es: ['{t}. nadie lo notaría', 'día 12 {t}', 'alguien que comparta {t}'],
    zh: ['{t}。反正没人会注意', '第12天 {t}', '谁能分享一下{t}'],
  },
  drugs: {
    en: ['{t}, fast delivery, DM 📦', '{t} hit me up on telegram', 'weekend special: {t}'],
    ar: ['{t} توصيل سريع راسلني 📦', '{t} تواصل تيليجرام', 'عرض نهاية الأسبوع: {t}'],
    es: ['{t}, entrega rápida, DM 📦', '{t} escríbeme por telegram', 'especial de fin de semana: {t}'],
    zh: ['{t}，快速送货，私信📦', '{t}，加电报联系', '周末特价：{t}'],
  },
  counterfeit: {
    en: ['Designer bag {t}, looks exactly like the real one', '{t} sneakers, best price, ships worldwide', 'Luxury watch {t} with box and papers'],
    ar: ['شنطة ماركة {t} نفس الأصلية', 'أحذية رياضية {t} أفضل سعر شحن لكل الدول', 'ساعة فاخرة {t} مع العلبة'],
    es: ['Bolso de diseñador {t}, idéntico al original', 'Tenis {t}, mejor precio, envíos a todo el mundo', 'Reloj de lujo {t} con caja'],
    zh: ['名牌包{t}，和正品一模一样', '{t}球鞋，最低价，全球发货', '奢侈手表{t}，带盒子'],
  },
  spam: {
    en: ['{t}!!! {url}', '{t} 🚀🚀 {url}', 'want more views? {t}'],
    ar: ['{t}!!! {url}', '{t} 🚀🚀 {url}', 'تبي مشاهدات أكثر؟ {t}'],
    es: ['¡¡{t}!! {url}', '{t} 🚀🚀 {url}', '¿quieres más vistas? {t}'],
    zh: ['{t}！！！{url}', '{t}🚀🚀 {url}', '想要更多播放量？{t}'],
  },
  minor_safety: {
    en: ['hey cutie {t}?', '{t}, you can trust me', 'you are so special, {t}'],
    ar: ['هلا يا حلوة {t}؟', '{t}، تقدرين تثقين فيني', 'أنتِ مميزة جداً، {t}'],
    es: ['hola linda, ¿{t}?', '{t}, puedes confiar en mí', 'eres muy especial, {t}'],
    zh: ['小可爱，{t}？', '{t}，你可以相信我', '你真特别，{t}'],
  },
};

/** Links violators paste: look-alike and throwaway domains under the reserved .example TLD. */
export const SUSPICIOUS_URLS: readonly string[] = [
  'https://free-followers-now.example/go',
  'https://wallet-verify-bonus.example/claim',
  'https://bit-promo.example/x9',
  'https://paypa1-secure.example/login',
  'https://luxury-outlet-sale.example/shop',
  'https://t-me-deals.example/join',
];
