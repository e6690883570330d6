// Terms that no demo material package contains: new slang, coded phrases and paraphrases, the way
// real violators drift away from known lists. Violations written with these measure what a material
// package cannot catch on its own (a model, a network signal or a report has to).
import type { TermTable } from './languages.js';

export const UNSEEN_TERMS: TermTable = {
  hate: {
    en: ['cockroach people', 'invader scum', 'breed like rats', 'lesser bloodline'],
    ar: ['صراصير بشرية', 'غزاة قذرين', 'يتكاثرون كالفئران', 'دم ملوث'],
    es: ['gente cucaracha', 'invasores asquerosos', 'se reproducen como ratas', 'sangre sucia'],
    zh: ['蟑螂人', '入侵者败类', '像老鼠一样繁殖', '血统肮脏'],
  },
  harassment: {
    en: ['waste of oxygen', 'ugly troll doll', 'posting your address', 'pathetic clown'],
    ar: ['سأنشر عنوانك', 'وجهك يقرف', 'مهرج مثير للشفقة', 'سأفضحك أمام الجميع'],
    es: ['voy a publicar tu dirección', 'payaso patético', 'das asco', 'te voy a funar'],
    zh: ['人肉你', '小丑一个', '看你就恶心', '你的地址要公开了'],
  },
  scam: {
    en: ['wallet validation bonus', 'pay the unlock fee', 'airdrop claim portal', 'daily 8% returns'],
    ar: ['رسوم فك التجميد', 'مكافأة توثيق المحفظة', 'عائد يومي ٨٪', 'استرداد أموالك المسروقة'],
    es: ['tarifa de desbloqueo', 'bono de validación de billetera', 'rendimiento diario del 8%', 'recupera tu dinero perdido'],
    zh: ['解冻手续费', '钱包验证奖励', '日收益8%', '追回被骗资金'],
  },
  adult: {
    en: ['spicy content in bio', 'private snaps for tips', 'after dark menu', 'custom lewd pics'],
    ar: ['محتوى جريء بالخاص', 'قائمة بعد منتصف الليل', 'صور خاصة مقابل دعم', 'سناب للكبار'],
    es: ['contenido picante al dm', 'menú nocturno', 'fotos privadas por propina', 'chat caliente'],
    zh: ['深夜菜单', '私房照打赏', '成人快乐群', '懂的来私'],
  },
  violence: {
    en: ['catch these hands with a blade', 'make them bleed', 'pull up with the strap', 'light the building up'],
    ar: ['سأسيل دمك', 'انتظر السكين', 'سنحرق المبنى', 'رصاصة في رأسك'],
    es: ['te voy a dar plomo', 'vas a sangrar', 'incendiar el edificio', 'una bala en tu cabeza'],
    zh: ['让你见血', '等着挨刀', '把楼点了', '一颗子弹送你'],
  },
  self_harm: {
    en: ['meanspo', 'bonespo', 'ed twt', 'not waking up tomorrow'],
    ar: ['لن أستيقظ غداً', 'جسدي لا يستحق الطعام', 'ندوب ذراعي', 'وداعاً للأبد'],
    es: ['no quiero despertar mañana', 'mis cicatrices nuevas', 'ayuno extremo de 5 días', 'adiós para siempre'],
    zh: ['明天不会醒来', '骨感励志', '手臂上的新疤', '永别了各位'],
  },
  drugs: {
    en: ['snow delivery 24/7', 'pressed bars', 'tusi in stock', 'zaza menu'],
    ar: ['توصيل أبيض سريع', 'الصنف الأخضر متوفر', 'شبو', 'بودرة نظيفة'],
    es: ['nieve 24/7', 'tusi rosa', 'pastillas prensadas', 'hierba premium envío discreto'],
    zh: ['飞叶子', '溜冰', '糖果到货', '神仙水'],
  },
  counterfeit: {
    en: ['mirror quality', 'super copy', 'rep batch', 'unauthorized authentic'],
    ar: ['مرآة الأصلي', 'طبعة مصنع', 'هاي كوبي', 'نفس الأصلي بالضبط'],
    es: ['calidad espejo', 'versión de fábrica', 'igualito al original', 'lote de fábrica'],
    zh: ['莆田鞋', '纯原版本', '顶级版本', '1比1做工'],
  },
  spam: {
    en: ['f4f gang', 'boost your reach cheap', 'dm for promo', 'engagement pods open'],
    ar: ['زيادة تفاعل بسعر رمزي', 'راسلني للإعلان', 'قروب دعم متبادل', 'رشق متابعين'],
    es: ['grupo de apoyo mutuo', 'aumenta tu alcance barato', 'promo por dm', 'likes al instante'],
    zh: ['互赞群', '低价引流', '私信推广', '秒到点赞'],
  },
  minor_safety: {
    en: ['are you home alone', 'delete our chat', 'you seem mature for your age', 'come meet me alone'],
    ar: ['هل أنت وحدك في البيت', 'امسح محادثتنا', 'تبدين أكبر من عمرك', 'تعالي قابليني لوحدك'],
    es: ['estás sola en casa', 'borra nuestro chat', 'pareces mayor para tu edad', 'ven a verme sola'],
    zh: ['你一个人在家吗', '删掉聊天记录', '你比同龄人成熟', '出来单独见面'],
  },
};
