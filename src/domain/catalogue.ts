// The default policy catalogue and queues a fresh Vigil starts with; admins edit them from there.
import type { PolicyInput, QueueInput } from './policy.js';

export const DEFAULT_POLICIES: PolicyInput[] = [
  { id: 'minor_safety', name: 'Minor safety', severity_tier: 1, dsa_category: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
    definition: 'Sexualisation, grooming, exploitation or endangerment of minors, and content that puts minors at risk.' },
  { id: 'violence', name: 'Violence and graphic content', severity_tier: 1, dsa_category: 'STATEMENT_CATEGORY_VIOLENCE',
    definition: 'Threats of violence, incitement, glorification of violent acts or organisations, and gratuitous graphic content.' },
  { id: 'self_harm', name: 'Suicide and self-harm', severity_tier: 1, dsa_category: 'STATEMENT_CATEGORY_SELF_HARM',
    definition: 'Content that promotes, instructs or glorifies suicide, self-injury or eating disorders.' },
  { id: 'hate', name: 'Hate speech', severity_tier: 2, dsa_category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    definition: 'Attacks on people based on protected characteristics such as race, ethnicity, religion, disability, gender or sexual orientation.' },
  { id: 'harassment', name: 'Harassment and bullying', severity_tier: 2, dsa_category: 'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
    definition: 'Targeted insults, threats, doxxing, or repeated unwanted contact aimed at a person.' },
  { id: 'scam', name: 'Scams and fraud', severity_tier: 2, dsa_category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
    definition: 'Deceiving people for money or data: fake giveaways, investment and romance scams, phishing, payment fraud.' },
  { id: 'drugs', name: 'Drugs and regulated goods', severity_tier: 2, dsa_category: 'STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS',
    definition: 'Sale, promotion or facilitation of illegal drugs and unregulated sale of regulated goods.' },
  { id: 'adult', name: 'Adult nudity and sexual content', severity_tier: 3, dsa_category: 'STATEMENT_CATEGORY_PORNOGRAPHY_OR_SEXUALIZED_CONTENT',
    definition: 'Sexually explicit content, nudity and sexual solicitation between adults.' },
  { id: 'counterfeit', name: 'Counterfeit and IP infringement', severity_tier: 3, dsa_category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
    definition: 'Listings or ads for fake branded goods, replicas sold as genuine, and unauthorised use of trademarks.' },
  { id: 'spam', name: 'Spam and platform manipulation', severity_tier: 4, dsa_category: 'STATEMENT_CATEGORY_SCOPE_OF_PLATFORM_SERVICE',
    definition: 'Repetitive, unsolicited or misleading content, fake engagement, and coordinated inauthentic behaviour.' },
];

export const DEFAULT_QUEUES: QueueInput[] = [
  { id: 'child_safety', name: 'Child safety (specialist)', policies: ['minor_safety'], languages: [] },
  { id: 'graphic', name: 'Violence and self-harm', policies: ['violence', 'self_harm'], languages: [] },
  { id: 'speech_en', name: 'Hate and harassment (English)', policies: ['hate', 'harassment'], languages: ['en'] },
  { id: 'speech_ar', name: 'Hate and harassment (Arabic)', policies: ['hate', 'harassment'], languages: ['ar'] },
  { id: 'speech_es', name: 'Hate and harassment (Spanish)', policies: ['hate', 'harassment'], languages: ['es'] },
  { id: 'speech_zh', name: 'Hate and harassment (Chinese)', policies: ['hate', 'harassment'], languages: ['zh'] },
  { id: 'commerce', name: 'Scams, counterfeit and regulated goods', policies: ['scam', 'counterfeit', 'drugs'], languages: [] },
  { id: 'general', name: 'Adult content and spam', policies: ['adult', 'spam'], languages: [] },
];
