// The shop: sellers open shops and list products, buyers purchase with their payment instruments
// (victims of scam and counterfeit sellers included).
import type { SimContext } from '../context.js';
import { accountRef, listingRef, shopRef, stamp } from '../events.js';
import type { SimAccount } from '../world/model.js';

const SHOP_WORDS = ['Corner', 'Bazaar', 'Outlet', 'Studio', 'Market', 'Goods', 'Boutique'];

export function openShop(ctx: SimContext, owner: SimAccount): void {
  if (owner.shopId) return;
  const shop = { id: ctx.ids.next('shop'), ownerId: owner.id, name: `${owner.displayName} ${ctx.textRandom.pick(SHOP_WORDS)}`, market: owner.country, suspended: false };
  owner.shopId = shop.id;
  ctx.world.shops.set(shop.id, shop);
  ctx.emit(stamp(ctx, 'shop.created', { shop: shopRef(shop), owner: accountRef(owner) }));
}

/** Gives the account a card if it has no payment instrument yet, and tells Vigil. */
export function ensurePaymentInstrument(ctx: SimContext, account: SimAccount): string {
  if (account.payments.length === 0) account.payments.push(ctx.ids.next('pi'));
  const id = account.payments[0];
  return id;
}

export function addPaymentInstrument(ctx: SimContext, account: SimAccount, id: string): void {
  const kind = account.ringId ? 'gift_card' : account.kind === 'seller' ? 'bank_account' : ctx.random.chance(0.8) ? 'card' : 'wallet';
  ctx.emit(stamp(ctx, 'payment_instrument.added', { account: accountRef(account), payment_instrument: { id, kind, country: account.country } }));
}

export function purchase(ctx: SimContext, buyer: SimAccount): void {
  const listing = ctx.world.listing(ctx.random);
  if (!listing || listing.authorId === buyer.id || listing.priceCents === undefined || !listing.currency) return;
  const hadInstrument = buyer.payments.length > 0;
  const payment = ensurePaymentInstrument(ctx, buyer);
  if (!hadInstrument) addPaymentInstrument(ctx, buyer, payment);
  const seller = ctx.world.accounts.get(listing.authorId);
  const shop = listing.shopId ? ctx.world.shops.get(listing.shopId) : undefined;
  const quantity = ctx.random.chance(0.9) ? 1 : ctx.random.int(2, 4);
  ctx.emit(
    stamp(ctx, 'purchase', {
      buyer: accountRef(buyer),
      listing: listingRef(listing),
      ...(seller ? { seller: accountRef(seller) } : {}),
      ...(shop ? { shop: shopRef(shop) } : {}),
      payment_instrument: { id: payment },
      amount_cents: listing.priceCents * quantity,
      currency: listing.currency,
    }),
  );
}
