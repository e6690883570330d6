// The terms of Vigil's demo material package: what the shipped demo lists know. The simulator writes
// part of its violations with these and part with the unseen vocabulary (unseen-terms.ts), so recall
// measured on a simulation shows what the demo package misses. The materials capability ships this
// list as its demo package; nothing here may be copied into the unseen vocabulary.
import type { SimLanguage, SimPolicy, TermTable } from './languages.js';

export const DEMO_PACKAGE_ID = 'demo';

export const DEMO_TERMS: TermTable = {
  hate: {
    en: ['subhuman', 'vermin', 'go back to your country', 'inferior race'],
    ar: ['حشرات', 'ارجعوا لبلادكم', 'عرق أدنى', 'أنجاس'],
    es: ['plaga', 'subhumanos', 'regrésate a tu país', 'raza inferior'],
    zh: ['蝗虫', '滚回你的国家', '劣等民族', '下等人'],
  },
  harassment: {
    en: ['kill yourself', 'nobody likes you', 'worthless loser', 'i know where you live'],
    ar: ['يا فاشل', 'اقتل نفسك', 'لا أحد يحبك', 'أعرف أين تسكن'],
    es: ['mátate', 'nadie te quiere', 'inútil', 'sé dónde vives'],
    zh: ['去死吧', '废物', '没人喜欢你', '我知道你住哪'],
  },
  scam: {
    en: ['double your bitcoin', 'guaranteed profit', 'send a gift card', 'crypto giveaway'],
    ar: ['أرباح مضمونة', 'ضاعف أموالك', 'بطاقة هدايا', 'هدية بيتكوين'],
    es: ['ganancias garantizadas', 'duplica tu dinero', 'tarjeta de regalo', 'sorteo de bitcoin'],
    zh: ['稳赚不赔', '刷单返利', '比特币翻倍', '礼品卡'],
  },
  adult: {
    en: ['nudes', 'xxx video', 'onlyfans link', 'sexting'],
    ar: ['صور عارية', 'سكس', 'محادثة ساخنة', 'فيديو إباحي'],
    es: ['vendo packs', 'contenido xxx', 'fotos desnuda', 'sexting'],
    zh: ['约炮', '裸聊', '福利视频', '色情'],
  },
  violence: {
    en: ['i will stab you', 'shoot them all', 'burn their houses down', 'pipe bomb'],
    ar: ['سأقتلك', 'سأذبحك', 'احرقوا بيوتهم', 'تفجير'],
    es: ['te voy a matar', 'te voy a apuñalar', 'quemar sus casas', 'poner una bomba'],
    zh: ['砍死你', '炸掉', '烧了他们的房子', '枪杀'],
  },
  self_harm: {
    en: ['thinspo', 'pro ana', 'want to end it all', 'cutting tips'],
    ar: ['أريد أن أموت', 'سأنتحر', 'طرق إيذاء النفس', 'تجويع نفسي'],
    es: ['quiero morir', 'me voy a cortar', 'pro ana', 'tips para no comer'],
    zh: ['不想活了', '割腕', '自杀方法', '催吐'],
  },
  drugs: {
    en: ['xanax no prescription', 'buy cocaine', 'molly for sale', 'oxy plug'],
    ar: ['حشيش للبيع', 'كبتاجون', 'ترامادول بدون وصفة', 'حبوب هلوسة'],
    es: ['vendo perico', 'mota a domicilio', 'tachas', 'cristal barato'],
    zh: ['冰毒', '大麻出售', '摇头丸', 'K粉'],
  },
  counterfeit: {
    en: ['replica', 'fake designer', '1:1 copy', 'aaa quality'],
    ar: ['تقليد', 'ماستر كوبي', 'نسخة طبق الأصل', 'كوبي ون'],
    es: ['réplica', 'imitación', 'copia aaa', 'clon exacto'],
    zh: ['高仿', 'A货', '复刻', '原单'],
  },
  spam: {
    en: ['follow for follow', 'free followers', 'click the link in bio', 'sub4sub'],
    ar: ['متابعين مجانا', 'تابعني وأتابعك', 'اضغط الرابط في البايو', 'لايكات مجانية'],
    es: ['sígueme y te sigo', 'seguidores gratis', 'link en mi bio', 'sub4sub'],
    zh: ['互粉', '刷粉', '免费涨粉', '点击主页链接'],
  },
  minor_safety: {
    en: ['how old are you', "don't tell your parents", 'send me a pic', 'our little secret'],
    ar: ['كم عمرك', 'لا تخبر أهلك', 'أرسل لي صورتك', 'سرنا الصغير'],
    es: ['cuántos años tienes', 'no le digas a tus papás', 'mándame una foto', 'nuestro secreto'],
    zh: ['你几岁', '别告诉你爸妈', '发张照片给我', '我们的小秘密'],
  },
};

export interface DemoTerm {
  term: string;
  policy: SimPolicy;
  language: SimLanguage;
}

/** The demo package as a flat list, in a stable order. */
export function demoTermList(): DemoTerm[] {
  const out: DemoTerm[] = [];
  for (const [policy, byLanguage] of Object.entries(DEMO_TERMS) as [SimPolicy, TermTable[SimPolicy]][]) {
    for (const [language, terms] of Object.entries(byLanguage) as [SimLanguage, readonly string[]][]) {
      for (const term of terms) out.push({ term, policy, language });
    }
  }
  return out;
}
