// Everyday platform text in four languages, built from parts so a run has thousands of distinct
// posts, comments, titles, listings and ads. None of it contains a demo term, except the explicit
// BAIT sentences: innocent uses of listed words that test a material package's precision.
import type { Random } from '../random.js';
import type { SimLanguage } from './languages.js';

type PerLanguage<T> = Readonly<Record<SimLanguage, T>>;

const POST_OPENERS: PerLanguage<readonly string[]> = {
  en: ['Just finished', 'Finally tried', 'Can’t stop thinking about', 'Sunday plans:', 'Loving', 'Day 3 of', 'Quick update on', 'Throwback to'],
  ar: ['أخيراً جربت', 'خلصت للتو', 'ما زلت أفكر في', 'خطة يوم الجمعة:', 'أحب', 'اليوم الثالث من', 'تحديث سريع عن', 'ذكريات'],
  es: ['Acabo de terminar', 'Por fin probé', 'No dejo de pensar en', 'Planes del domingo:', 'Me encanta', 'Día 3 de', 'Actualización rápida sobre', 'Recordando'],
  zh: ['终于试了', '刚刚完成了', '一直在想', '周末计划：', '超喜欢', '第三天：', '简单更新一下', '回忆一下'],
};
const POST_TOPICS: PerLanguage<readonly string[]> = {
  en: ['my morning run', 'this pasta recipe', 'the new coffee place downtown', 'learning guitar', 'our road trip', 'my balcony garden', 'the sunset at the beach', 'a 1000-piece puzzle', 'my cat’s new trick', 'the book club pick'],
  ar: ['الجري الصباحي', 'وصفة الكبسة', 'المقهى الجديد في وسط البلد', 'تعلم العود', 'رحلتنا بالسيارة', 'حديقة البلكونة', 'غروب الشمس على البحر', 'لغز من ألف قطعة', 'حيلة قطتي الجديدة', 'كتاب نادي القراءة'],
  es: ['mi carrera de la mañana', 'esta receta de pasta', 'la nueva cafetería del centro', 'aprender guitarra', 'nuestro viaje en carretera', 'mi huerto en el balcón', 'el atardecer en la playa', 'un rompecabezas de mil piezas', 'el nuevo truco de mi gato', 'el libro del club de lectura'],
  zh: ['晨跑', '这个意面做法', '市中心新开的咖啡馆', '学吉他', '我们的自驾游', '阳台小菜园', '海边的日落', '一千片的拼图', '我家猫的新技能', '读书会的新书'],
};
const POST_CLOSERS: PerLanguage<readonly string[]> = {
  en: ['🔥', 'what do you think?', '#weekend', 'so worth it', '10/10 would recommend', '😂', 'more soon!', '#dailyvlog'],
  ar: ['🔥', 'شو رأيكم؟', '#نهاية_الأسبوع', 'يستاهل', 'أنصح فيه', '😂', 'المزيد قريباً', '#يومياتي'],
  es: ['🔥', '¿qué opinan?', '#findesemana', 'valió la pena', 'lo recomiendo', '😂', '¡pronto más!', '#vlogdiario'],
  zh: ['🔥', '大家觉得呢？', '#周末', '太值了', '强烈推荐', '😂', '敬请期待！', '#日常vlog'],
};
const COMMENTS: PerLanguage<readonly string[]> = {
  en: ['so cute!', 'where did you buy this?', 'this made my day 😂', 'need the recipe', 'great video', 'first!', 'how long did this take?', 'love the colours', 'haha same', 'saving this for later', 'that view 😍', 'can you do a part 2?'],
  ar: ['يجنن!', 'من وين اشتريته؟', 'ضحكتني 😂', 'أبي الوصفة', 'فيديو رائع', 'أول تعليق!', 'كم أخذ منك وقت؟', 'الألوان حلوة', 'نفس الشي', 'بحفظه', 'المنظر 😍', 'نبي جزء ثاني'],
  es: ['¡qué lindo!', '¿dónde lo compraste?', 'me alegraste el día 😂', 'pásame la receta', 'gran video', '¡primero!', '¿cuánto tardaste?', 'me encantan los colores', 'jaja igual', 'lo guardo', 'qué vista 😍', '¿parte 2?'],
  zh: ['好可爱！', '在哪里买的？', '笑死我了😂', '求食谱', '视频太棒了', '沙发！', '花了多长时间？', '颜色好好看', '哈哈我也是', '先收藏了', '这风景😍', '求第二集'],
};
const PRODUCTS: PerLanguage<readonly string[]> = {
  en: ['Wireless earbuds', 'Ceramic coffee mug', 'Yoga mat', 'Phone case', 'Scented candle', 'Running shoes', 'Desk lamp', 'Canvas tote bag', 'Water bottle', 'Knitted scarf'],
  ar: ['سماعات لاسلكية', 'كوب قهوة سيراميك', 'سجادة يوغا', 'جراب جوال', 'شمعة معطرة', 'حذاء جري', 'مصباح مكتب', 'حقيبة قماش', 'زجاجة ماء', 'وشاح صوف'],
  es: ['Audífonos inalámbricos', 'Taza de cerámica', 'Tapete de yoga', 'Funda de teléfono', 'Vela aromática', 'Tenis para correr', 'Lámpara de escritorio', 'Bolsa de lona', 'Botella de agua', 'Bufanda tejida'],
  zh: ['无线耳机', '陶瓷咖啡杯', '瑜伽垫', '手机壳', '香薰蜡烛', '跑步鞋', '台灯', '帆布包', '水杯', '针织围巾'],
};
const PRODUCT_PITCHES: PerLanguage<readonly string[]> = {
  en: ['free shipping', 'handmade', 'new arrival', 'limited colours', 'gift ready'],
  ar: ['شحن مجاني', 'صناعة يدوية', 'وصل حديثاً', 'ألوان محدودة', 'جاهز للإهداء'],
  es: ['envío gratis', 'hecho a mano', 'novedad', 'colores limitados', 'listo para regalo'],
  zh: ['包邮', '手工制作', '新品上架', '颜色有限', '适合送礼'],
};
const ADS: PerLanguage<readonly string[]> = {
  en: ['Spring sale: 20% off everything this week', 'Learn a language in 10 minutes a day', 'Meal kits delivered fresh to your door', 'Try our new running shoes risk-free'],
  ar: ['تخفيضات الربيع: خصم ٢٠٪ على كل شيء', 'تعلم لغة في ١٠ دقائق يومياً', 'وجبات طازجة توصل لباب بيتك', 'جرب حذاء الجري الجديد'],
  es: ['Rebajas de primavera: 20% en todo', 'Aprende un idioma en 10 minutos al día', 'Kits de comida frescos a tu puerta', 'Prueba nuestros nuevos tenis sin riesgo'],
  zh: ['春季大促：全场八折', '每天10分钟学外语', '新鲜餐包送货上门', '新款跑鞋免费试穿'],
};
const STREAM_TITLES: PerLanguage<readonly string[]> = {
  en: ['Late night chat & chill', 'Cooking dinner live', 'Ranked games, come hang', 'Q&A with you all', 'Painting session'],
  ar: ['سهرة دردشة', 'نطبخ العشاء مباشر', 'نلعب رانكد تعالوا', 'أسئلة وأجوبة معكم', 'جلسة رسم'],
  es: ['Charla nocturna', 'Cocinando la cena en vivo', 'Partidas ranked, vengan', 'Preguntas y respuestas', 'Sesión de pintura'],
  zh: ['深夜聊天', '直播做晚饭', '排位赛一起玩', '和大家问答', '画画时间'],
};
const BIOS: PerLanguage<readonly string[]> = {
  en: ['coffee, cats and code', 'runner | foodie', 'living my best life', 'small business owner', 'travel & photos'],
  ar: ['قهوة وكتب', 'رياضي | محب للأكل', 'أعيش حياتي', 'صاحب مشروع صغير', 'سفر وتصوير'],
  es: ['café, gatos y código', 'corredora | foodie', 'viviendo la vida', 'emprendedor', 'viajes y fotos'],
  zh: ['咖啡、猫和代码', '跑步 | 吃货', '好好生活', '小店店主', '旅行与摄影'],
};
const NAME_PARTS: PerLanguage<readonly string[]> = {
  en: ['sam', 'alex', 'jo', 'max', 'lee', 'kay', 'rio', 'sky', 'ben', 'mia'],
  ar: ['نور', 'سارة', 'أحمد', 'ليلى', 'عمر', 'ريم', 'يوسف', 'هند', 'خالد', 'مريم'],
  es: ['lucia', 'mateo', 'sofia', 'diego', 'vale', 'pablo', 'ana', 'leo', 'caro', 'juan'],
  zh: ['小明', '晓雨', '阿杰', '佳佳', '子涵', '大伟', '欣怡', '浩然', '婷婷', '小龙'],
};

/**
 * Innocent sentences that happen to contain a demo term, each with that term: a material package
 * flags them, the ground truth says they are fine, and the per-term precision shows it.
 */
export const BAIT: PerLanguage<readonly { text: string; term: string }[]> = {
  en: [
    { text: 'Built a lego replica of the Eiffel Tower this weekend', term: 'replica' },
    { text: 'Pest control finally cleared the vermin out of the barn', term: 'vermin' },
    { text: 'Grandpa asked the kids how old are you now and laughed', term: 'how old are you' },
  ],
  ar: [{ text: 'تقليد صوت المذيع في الحفلة كان مضحك جداً', term: 'تقليد' }],
  es: [
    { text: 'Tengo una plaga de pulgones en mis tomates, ¿consejos?', term: 'plaga' },
    { text: 'Mi imitación de la profe en la fiesta jaja', term: 'imitación' },
  ],
  zh: [{ text: '今天复刻了奶奶的红烧肉，味道一模一样', term: '复刻' }],
};

export function benignPost(random: Random, language: SimLanguage): string {
  return `${random.pick(POST_OPENERS[language])} ${random.pick(POST_TOPICS[language])} ${random.pick(POST_CLOSERS[language])}`;
}

export function benignComment(random: Random, language: SimLanguage): string {
  return random.pick(COMMENTS[language]);
}

export function productTitle(random: Random, language: SimLanguage): string {
  return `${random.pick(PRODUCTS[language])} · ${random.pick(PRODUCT_PITCHES[language])}`;
}

export function adCopy(random: Random, language: SimLanguage): string {
  return random.pick(ADS[language]);
}

export function streamTitle(random: Random, language: SimLanguage): string {
  return random.pick(STREAM_TITLES[language]);
}

export function bio(random: Random, language: SimLanguage): string {
  return random.pick(BIOS[language]);
}

export function displayName(random: Random, language: SimLanguage): string {
  const base = random.pick(NAME_PARTS[language]);
  return language === 'en' || language === 'es' ? `${base}${random.int(1, 999)}` : base;
}

export function handle(random: Random): string {
  return `${random.pick(NAME_PARTS.en)}_${random.int(10, 9999)}`;
}
