// The whole simulated world with the indexes behaviours need: accounts by id and language, recent
// content to comment on, live streams to join, listings to buy, shops.
import type { SimLanguage } from '../vocabulary/languages.js';
import type { Random } from '../random.js';
import type { SimAccount, SimContent, SimLivestream, SimRing, SimShop } from './model.js';

const RECENT_CONTENT_KEPT = 400;
const LISTINGS_KEPT = 600;

export class World {
  readonly accounts = new Map<string, SimAccount>();
  readonly rings = new Map<string, SimRing>();
  readonly shops = new Map<string, SimShop>();
  readonly contents = new Map<string, SimContent>();
  readonly livestreams = new Map<string, SimLivestream>();
  private readonly recentByLanguage = new Map<SimLanguage, string[]>();
  private readonly listings: string[] = [];
  private readonly live = new Set<string>();
  private readonly activeUsers: string[] = [];
  private readonly contentsByAuthor = new Map<string, string[]>();
  private readonly byActor = new Map<string, SimAccount[]>();

  addAccount(account: SimAccount): void {
    this.accounts.set(account.id, account);
    if (account.kind === 'user' && account.actor === 'ordinary') this.activeUsers.push(account.id);
    const peers = this.byActor.get(account.actor) ?? [];
    peers.push(account);
    this.byActor.set(account.actor, peers);
  }

  /** Accounts of one actor kind that are registered and not suspended. */
  activeActors(actor: string): SimAccount[] {
    return (this.byActor.get(actor) ?? []).filter((a) => a.registered && !a.suspended);
  }

  addRing(ring: SimRing): void {
    this.rings.set(ring.id, ring);
  }

  /** Content others may see and react to; comments themselves are not indexed. */
  addContent(content: SimContent): void {
    this.contents.set(content.id, content);
    if (content.kind === 'comment') return;
    const own = this.contentsByAuthor.get(content.authorId) ?? [];
    own.push(content.id);
    this.contentsByAuthor.set(content.authorId, own);
    const list = this.recentByLanguage.get(content.language) ?? [];
    list.push(content.id);
    if (list.length > RECENT_CONTENT_KEPT) list.splice(0, list.length - RECENT_CONTENT_KEPT);
    this.recentByLanguage.set(content.language, list);
    if (content.kind === 'product_listing') {
      this.listings.push(content.id);
      if (this.listings.length > LISTINGS_KEPT) this.listings.splice(0, this.listings.length - LISTINGS_KEPT);
    }
  }

  /** A visible recent item, usually in the viewer's language. */
  recentContent(random: Random, language: SimLanguage): SimContent | undefined {
    const languages = [...this.recentByLanguage.keys()].sort();
    if (languages.length === 0) return undefined;
    const lang = random.chance(0.85) ? language : random.pick(languages);
    const list = this.recentByLanguage.get(lang);
    for (let tries = 0; list && list.length && tries < 4; tries++) {
      // Newer items are more likely to be seen: pick from the newest half more often.
      const index = list.length - 1 - Math.floor(Math.abs(random.normal()) * list.length * 0.3);
      const content = this.contents.get(list[Math.max(0, index)]);
      if (content && this.isVisible(content)) return content;
    }
    return undefined;
  }

  /** The author's posts (not comments). */
  contentOf(authorId: string): SimContent[] {
    return (this.contentsByAuthor.get(authorId) ?? []).map((id) => this.contents.get(id)!).filter(Boolean);
  }

  liveStreamOf(hostId: string): SimLivestream | undefined {
    for (const id of this.live) {
      const stream = this.livestreams.get(id);
      if (stream && stream.hostId === hostId) return stream;
    }
    return undefined;
  }

  listing(random: Random): SimContent | undefined {
    for (let tries = 0; this.listings.length && tries < 4; tries++) {
      const content = this.contents.get(random.pick(this.listings));
      if (content && this.isVisible(content)) return content;
    }
    return undefined;
  }

  isVisible(content: SimContent): boolean {
    if (content.removed) return false;
    const author = this.accounts.get(content.authorId);
    if (author?.suspended) return false;
    if (content.shopId && this.shops.get(content.shopId)?.suspended) return false;
    return true;
  }

  /**
   * Forgets content posted before `cutoffMs` and streams that ended before it, so a run of weeks
   * keeps a bounded memory. Their views and reports are over by then; an action arriving for a
   * forgotten item is reported as not applied.
   */
  prune(cutoffMs: number): void {
    for (const [id, content] of this.contents) {
      if (content.postedMs >= cutoffMs) break;
      this.contents.delete(id);
      const own = this.contentsByAuthor.get(content.authorId);
      if (!own) continue;
      while (own.length && !this.contents.has(own[0])) own.shift();
      if (own.length === 0) this.contentsByAuthor.delete(content.authorId);
    }
    for (const [id, stream] of this.livestreams) {
      if (stream.ended && stream.plannedEndMs < cutoffMs) this.livestreams.delete(id);
    }
  }

  goLive(stream: SimLivestream): void {
    this.livestreams.set(stream.id, stream);
    this.live.add(stream.id);
  }

  endLive(stream: SimLivestream): void {
    stream.ended = true;
    this.live.delete(stream.id);
  }

  liveStream(random: Random): SimLivestream | undefined {
    if (this.live.size === 0) return undefined;
    const ids = [...this.live];
    return this.livestreams.get(random.pick(ids));
  }

  /** An ordinary-looking active user, for viewers, buyers and reporters. */
  randomUser(random: Random): SimAccount | undefined {
    for (let tries = 0; this.activeUsers.length && tries < 6; tries++) {
      const account = this.accounts.get(random.pick(this.activeUsers));
      if (account && account.registered && !account.suspended) return account;
    }
    return undefined;
  }
}
